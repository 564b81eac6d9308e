package org.atrous.model;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of a bilinear upsampling vertex with two inputs: the features to resize, and a
 * reference activation whose height and width the output takes at run time. Because the size
 * comes from the reference, one graph serves any input size, odd or even. No parameters; the
 * configuration is a plain bean so that DL4J's Jackson (de)serialises it with the graph.
 * See {@link BilinearInterpolation} for the align-corners convention (false).
 */
public class BilinearUpsampleVertex extends GraphVertex {

    @Override
    public BilinearUpsampleVertex clone() {
        return new BilinearUpsampleVertex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BilinearUpsampleVertex;
    }

    @Override
    public int hashCode() {
        return BilinearUpsampleVertex.class.hashCode();
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name,
            int idx, INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new BilinearUpsampleVertexImpl(graph, name, idx, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
        if (inputs.length != 2 || !(inputs[0] instanceof InputType.InputTypeConvolutional features)
                || !(inputs[1] instanceof InputType.InputTypeConvolutional reference)) {
            throw new InvalidInputTypeException(
                    "bilinear upsampling needs two convolutional inputs: features and a size reference");
        }
        return InputType.convolutional(reference.getHeight(), reference.getWidth(), features.getChannels());
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputs) {
        InputType out = getOutputType(-1, inputs);
        return new LayerMemoryReport.Builder(null, BilinearUpsampleVertex.class, inputs[0], out)
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public String toString() {
        return "BilinearUpsampleVertex(alignCorners=false)";
    }
}
