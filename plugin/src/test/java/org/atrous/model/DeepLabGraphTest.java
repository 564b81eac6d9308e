package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DeepLabGraphTest {

    static java.util.List<String> architectures() {
        return DeepLabConfig.ARCHITECTURES;
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void outputFollowsOddAndEvenInputSizesAndBackpropReachesTheStem(String arch) {
        DeepLabConfig c = TinyConfigs.tiny(arch);
        ComputationGraph graph = new DeepLabBuilder(c).build();
        for (int[] hw : new int[][] {{33, 35}, {40, 32}}) {
            INDArray out = graph.outputSingle(Nd4j.rand(new int[] {1, c.inputChannels(), hw[0], hw[1]}));
            assertArrayEquals(new long[] {1, c.classes(), hw[0], hw[1]}, out.shape(), arch);
            // Softmax over classes: every pixel's probabilities sum to one.
            assertEquals(hw[0] * hw[1], out.sumNumber().doubleValue(), 1e-2, arch);
        }
        // One backward pass (batch 2, odd size) on the same graph.
        graph.setInputs(Nd4j.rand(new int[] {2, c.inputChannels(), 33, 35}));
        graph.setLabels(TinyConfigs.labels(2, c.classes(), 33, 35));
        graph.computeGradientAndScore();
        assertTrue(Double.isFinite(graph.score()), arch);
        String firstConv = c.backbone() == DeepLabConfig.Backbone.XCEPTION ? "entry.conv1.conv_W" : "stem.conv_W";
        assertTrue(graph.gradient().getGradientFor(firstConv).norm2Number().doubleValue() > 0, arch);
    }

    @Test
    void rejectsBadConfigurationsWithClearMessages() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> DeepLabConfig.forArchitecture("deeplabv3-resnet50").outputStride(32).build());
        assertTrue(e.getMessage().contains("output stride"));
        e = assertThrows(IllegalArgumentException.class, () -> DeepLabConfig.forArchitecture("unet"));
        assertTrue(e.getMessage().contains("unknown architecture"));
        e = assertThrows(IllegalArgumentException.class,
                () -> DeepLabConfig.forArchitecture("deeplabv3-resnet50").atrousRates(6, 12).build());
        assertTrue(e.getMessage().contains("atrous rates"));
    }
}
