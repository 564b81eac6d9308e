package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class BilinearUpsampleTest {

    @Test
    void matchesPyTorchAlignCornersFalse() {
        // torch.nn.functional.interpolate([[1, 2]], size=4, mode="linear") = [1, 1.25, 1.75, 2]
        INDArray x = Nd4j.createFromArray(new double[] {1, 2}).reshape(1, 1, 1, 2);
        INDArray up = BilinearInterpolation.resize(x, 1, 4);
        assertArrayEquals(new double[] {1, 1.25, 1.75, 2}, up.data().asDouble(), 1e-12);
        // 3 → 2 (downsampling): centres at 0.25 and 1.75 → [1.25, 2.75] for [1, 2, 3]
        INDArray y = Nd4j.createFromArray(new double[] {1, 2, 3}).reshape(1, 1, 3, 1);
        assertArrayEquals(new double[] {1.25, 2.75}, BilinearInterpolation.resize(y, 2, 1).data().asDouble(), 1e-12);
    }

    @Test
    void isSeparableAndKeepsConstantsAndChannelsApart() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5);
        INDArray up = BilinearInterpolation.resize(x, 9, 7);
        assertArrayEquals(new long[] {2, 3, 9, 7}, up.shape());
        // Each (example, channel) plane is resized on its own: compare one with a 1-plane resize.
        INDArray plane = x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.point(2)).reshape(1, 1, 4, 5);
        INDArray expected = BilinearInterpolation.resize(plane, 9, 7).reshape(9, 7);
        INDArray actual = up.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.point(2));
        assertTrue(expected.equalsWithEps(actual, 1e-12));
        INDArray ones = BilinearInterpolation.resize(Nd4j.ones(DataType.DOUBLE, 1, 1, 3, 3), 8, 5);
        assertTrue(ones.equalsWithEps(Nd4j.ones(DataType.DOUBLE, 1, 1, 8, 5), 1e-12));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        DataType previous = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            checkGradients();
        } finally {
            Nd4j.setDefaultDataTypes(previous, previous);
        }
    }

    private static void checkGradients() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Same)
                .graphBuilder().addInputs("in")
                .addLayer("down", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(3)
                        .activation(Activation.TANH).build(), "in")
                .addVertex("up", new BilinearUpsampleVertex(), "down", "in")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).format(CNN2DFormat.NCHW).build(), "up")
                .setOutputs("out").setInputTypes(InputType.convolutional(5, 7, 2)).build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        INDArray in = Nd4j.rand(DataType.DOUBLE, 2, 2, 5, 7);
        INDArray labels = TinyConfigs.labels(2, 3, 5, 7).castTo(DataType.DOUBLE);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                .inputs(new INDArray[] {in}).labels(new INDArray[] {labels})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
        assertTrue(ok, "analytic and numeric gradients through the upsampling vertex differ");
    }
}
