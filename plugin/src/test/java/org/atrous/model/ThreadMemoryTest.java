package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Inference leaves ND4J workspaces on its thread; {@link ThreadMemory#release()} frees them before the thread ends. */
class ThreadMemoryTest {

    @Test
    void inferenceWorkspacesOfAThreadAreFreedByRelease() throws Exception {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build(), "in")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(2).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build(), "conv")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build(), "conv2")
                .setOutputs("out").setInputTypes(InputType.convolutional(32, 32, 1)).build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        GraphClassifier net = new GraphClassifier(graph, 2);
        AtomicBoolean heldAfterInference = new AtomicBoolean(), heldAfterRelease = new AtomicBoolean(true);
        Thread t = new Thread(() -> {
            for (int i = 0; i < 3; i++) net.predict(new float[4 * 32 * 32], 4, 1, 32, 32);
            heldAfterInference.set(!Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread().isEmpty());
            ThreadMemory.release();
            heldAfterRelease.set(!Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread().isEmpty());
        });
        t.start();
        t.join();
        assertTrue(heldAfterInference.get(), "inference keeps workspaces on its thread");
        assertFalse(heldAfterRelease.get(), "released before the thread ends");
    }
}
