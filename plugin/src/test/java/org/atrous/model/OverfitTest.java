package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** A tiny v3+ network learns one small batch by heart: every part of it trains. */
class OverfitTest {

    @Test
    void tinyDeepLabV3PlusOverfitsOneBatch() {
        // Tiny arrays: a second OpenMP thread only spins in barriers (measured: 159 s vs 91 s CPU
        // for this test on the shared 2-core machine).
        int threads = Nd4j.getEnvironment().maxThreads();
        Nd4j.getEnvironment().setMaxThreads(1);
        try {
            overfit();
        } finally {
            Nd4j.getEnvironment().setMaxThreads(threads);
        }
    }

    private static void overfit() {
        DeepLabConfig c = DeepLabConfig.forArchitecture("compact").widthMultiplier(0.5).asppChannels(16)
                .lowLevelChannels(8).decoderChannels(16).classes(3).inputChannels(1).inputSize(20).dropout(0).build();
        ComputationGraph graph = new DeepLabBuilder(c).learningRate(2e-2).seed(7).build();
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(new int[] {2, 1, 20, 20});
        INDArray y = TinyConfigs.labels(2, 3, 20, 20);
        MultiDataSet batch = new MultiDataSet(x, y);

        graph.setInputs(x);
        graph.setLabels(y);
        graph.computeGradientAndScore();
        // DL4J's CnnLossLayer sums the loss over pixels (mean over examples): compare per pixel.
        double pixels = 20 * 20;
        double first = graph.score() / pixels;
        for (String p : List.of("aspp.b1.conv_W", "aspp.pooling.conv.conv_W", "aspp.project.conv_W",
                "decoder.conv1.conv_W", "decoder.low.conv_W", "stem.conv_W")) {
            double norm = graph.gradient().getGradientFor(p).norm2Number().doubleValue();
            assertTrue(norm > 0, "no gradient reaches " + p);
        }
        for (int i = 0; i < 60; i++) graph.fit(batch);
        double last = graph.score(batch) / pixels;
        System.out.printf("overfit: per-pixel loss %.4f -> %.4f%n", first, last);
        assertTrue(last < 0.05 && last < first / 10, "loss went from " + first + " to " + last);
    }
}
