package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The stride-2 refinement after the v3+ decoder. */
class RefinementTest {

    private static DeepLabConfig refined(int channels) {
        return TinyConfigs.tiny("compact").toBuilder().refineChannels(channels).build();
    }

    @Test
    void oddInputSizesComeBackAtFullResolution() {
        ComputationGraph g = new DeepLabBuilder(refined(6)).build();
        INDArray p = g.outputSingle(false, Nd4j.rand(DataType.FLOAT, 2, 2, 37, 45));
        assertArrayEquals(new long[] {2, 3, 37, 45}, p.shape());
        // softmax over classes at every pixel
        double worst = p.sum(1).subi(1).amaxNumber().doubleValue();
        assertTrue(worst < 1e-5, "class probabilities sum to 1 ± " + worst);
    }

    @Test
    void addsExactlyItsOwnLayersParameters() {
        DeepLabConfig plain = TinyConfigs.tiny("compact");
        int stem = plain.width(16), reduced = DeepLabV3PlusDecoder.FINE_REDUCED, r = 6, k = plain.classes();
        long fine = (long) stem * reduced + 2L * reduced;                                    // 1×1 conv + BN γ, β
        long decoded = (long) plain.decoderChannels() * r + 2L * r;                         // 1×1 conv + BN
        long conv = (long) (r + reduced) * r * 9 + 2L * r;                                   // 3×3 conv + BN
        long correction = (long) r * k + k;                                                  // 1×1 conv with bias
        assertEquals(fine + decoded + conv + correction,
                ParameterCountTest.trainable(refined(r)) - ParameterCountTest.trainable(plain));
    }

    @Test
    void isRefusedWhereItCannotBeBuilt() {
        DeepLabConfig.Builder noDecoder = DeepLabConfig.forArchitecture("deeplabv3-resnet50").refineChannels(8);
        assertThrows(IllegalArgumentException.class, noDecoder::build);
        assertThrows(IllegalArgumentException.class, () -> refined(-1));
        // a backbone that names no stride-2 features
        DeepLabConfig resnet = TinyConfigs.tiny("deeplabv3plus-resnet50").toBuilder().refineChannels(8).build();
        assertThrows(IllegalArgumentException.class, () -> new DeepLabBuilder(resnet).configuration());
    }
}
