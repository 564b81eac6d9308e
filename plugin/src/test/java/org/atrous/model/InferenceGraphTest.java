package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class InferenceGraphTest {

    static java.util.List<String> architectures() {
        java.util.List<String> all = new java.util.ArrayList<>(DeepLabConfig.ARCHITECTURES);
        all.add(TinyConfigs.COMPACT_REFINED);
        return all;
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void foldedGraphGivesTheTrainedGraphsOutputWithoutBatchNorm(String arch) {
        DeepLabConfig c = TinyConfigs.tiny(arch);
        ComputationGraph trained = new DeepLabBuilder(c).build();
        // Fresh BN is the identity (μ 0, σ² 1, γ 1, β 0) and would test nothing. Random statistics
        // instead, with γ mostly below one so that a deep net's activations stay bounded, as
        // training leaves them.
        randomiseBatchNorm(trained, new Random(arch.hashCode()), 0.5, 2.0, 0.2, 1.0);
        INDArray x = Nd4j.rand(new int[] {2, c.inputChannels(), 33, 35}).muli(4).subi(2);
        Map<String, INDArray> expected = trained.feedForward(x, false);

        ComputationGraph folded = InferenceGraph.of(trained);

        assertEquals(0, count(folded, BatchNormalization.class), arch);
        assertEquals(0, count(folded, DropoutLayer.class), arch);
        assertTrue(folded.getNumLayers() < trained.getNumLayers() - count(trained, BatchNormalization.class), arch);
        Map<String, INDArray> actual = folded.feedForward(x, false);
        INDArray logits = expected.get(DeepLabBuilder.LOGITS);
        double tolerance = 1e-4 * (1 + logits.amaxNumber().doubleValue());
        double logitError = maxDifference(logits, actual.get(DeepLabBuilder.LOGITS));
        assertTrue(logitError < tolerance, arch + ": logits differ by " + logitError);
        double softmaxError = maxDifference(expected.get(DeepLabBuilder.OUTPUT), actual.get(DeepLabBuilder.OUTPUT));
        assertTrue(softmaxError < 1e-4, arch + ": softmax differs by " + softmaxError);
        // The trained graph is untouched.
        assertEquals(0, maxDifference(expected.get(DeepLabBuilder.OUTPUT), trained.outputSingle(x)), 0.0, arch);
    }

    /** Variances close to ε, where using σ² without ε, or σ instead of σ², would show. */
    @Test
    void foldingUsesEpsilonAndTheLogStdParameterisation() {
        DeepLabConfig c = TinyConfigs.tiny("compact");
        ComputationGraph trained = new DeepLabBuilder(c).build();
        // γ of the order of √(σ² + ε) keeps the activations bounded through the layers.
        randomiseBatchNorm(trained, new Random(7), 1e-5, 4e-5, 0.003, 0.009);
        INDArray x = Nd4j.rand(new int[] {2, c.inputChannels(), 24, 20});
        INDArray expectedLogits = trained.feedForward(x, false).get(DeepLabBuilder.LOGITS).dup();
        INDArray logits = InferenceGraph.of(trained).feedForward(x, false).get(DeepLabBuilder.LOGITS);
        double scale = 1 + expectedLogits.amaxNumber().doubleValue();
        assertTrue(maxDifference(expectedLogits, logits) < 1e-4 * scale,
                "logits differ by " + maxDifference(expectedLogits, logits) + " of " + scale);
    }

    private static void randomiseBatchNorm(ComputationGraph g, Random r, double minVar, double maxVar,
                                           double minGamma, double maxGamma) {
        for (Layer l : g.getLayers()) {
            if (!(l.conf().getLayer() instanceof BatchNormalization conf)) continue;
            set(l, "gamma", r, minGamma, maxGamma);
            set(l, "beta", r, -0.5, 0.5);
            set(l, "mean", r, -0.3, 0.3);
            if (conf.isUseLogStd()) {
                INDArray var = set(l, "log10stdev", r, minVar, maxVar);
                var.assign(Transforms.log(var, 10, true).muli(0.5));
            } else {
                set(l, "var", r, minVar, maxVar);
            }
        }
    }

    private static INDArray set(Layer l, String key, Random r, double lo, double hi) {
        INDArray p = l.getParam(key);
        for (long i = 0; i < p.length(); i++) p.putScalar(i, lo + (hi - lo) * r.nextDouble());
        return p;
    }

    private static int count(ComputationGraph g, Class<?> type) {
        int n = 0;
        for (Layer l : g.getLayers()) if (type.isInstance(l.conf().getLayer())) n++;
        return n;
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return Transforms.abs(a.sub(b)).maxNumber().doubleValue();
    }
}
