package org.atrous.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Run-time bilinear upsampling: forward {@code Ah · X · Aw^T}, backward
 * {@code Ah^T · dOut · Aw} for the features and zero for the size reference.
 */
public class BilinearUpsampleVertexImpl extends BaseGraphVertex {

    public BilinearUpsampleVertexImpl(ComputationGraph graph, String name, int idx, DataType dataType) {
        super(graph, name, idx, null, null, dataType);
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) throw new IllegalStateException("bilinear upsample " + vertexName + ": inputs not set");
        INDArray x = inputs[0];
        INDArray out = BilinearInterpolation.apply(x, rowMatrix(x), colMatrix(x));
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, out);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) throw new IllegalStateException("bilinear upsample " + vertexName + ": epsilon not set");
        INDArray x = inputs[0];
        INDArray dx = BilinearInterpolation.apply(epsilon, rowMatrix(x).transpose(), colMatrix(x).transpose());
        INDArray dRef = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, inputs[1].dataType(), inputs[1].shape());
        return new Pair<>(new DefaultGradient(),
                new INDArray[] {workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, dx), dRef});
    }

    private INDArray rowMatrix(INDArray x) {
        return BilinearInterpolation.matrix((int) inputs[1].size(2), (int) x.size(2), x.dataType());
    }

    private INDArray colMatrix(INDArray x) {
        return BilinearInterpolation.matrix((int) inputs[1].size(3), (int) x.size(3), x.dataType());
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) throw new IllegalStateException("bilinear upsampling has no parameters");
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
            int minibatchSize) {
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public String toString() {
        return "BilinearUpsampleVertexImpl(" + vertexName + ")";
    }
}
