package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;

/** Full-width graphs are only configured, never initialised: counting is cheap. */
class ParameterCountTest {

    /** torchvision FCNHead(1024, 21): 3×3 conv 1024→256 (no bias) + BN(256) + 1×1 conv 256→21 with bias. */
    static final long TORCHVISION_AUX_HEAD = 1024L * 256 * 9 + 2 * 256 + 256 * 21 + 21;

    static long trainable(DeepLabConfig c) {
        return GraphSummary.of(new DeepLabBuilder(c).configuration(),
                InputType.convolutional(c.inputSize(), c.inputSize(), c.inputChannels())).trainableParameters();
    }

    @Test
    void deepLabV3ResNet50MatchesTorchvisionWithoutAuxHead() {
        DeepLabConfig c = DeepLabConfig.forArchitecture("deeplabv3-resnet50").outputStride(8).build();
        assertEquals(39_638_869L, trainable(c));
        assertEquals(42_004_074L, trainable(c) + TORCHVISION_AUX_HEAD);
    }

    @Test
    void deepLabV3ResNet101MatchesTorchvisionWithoutAuxHead() {
        DeepLabConfig c = DeepLabConfig.forArchitecture("deeplabv3-resnet101").build();
        assertEquals(60_996_202L - TORCHVISION_AUX_HEAD, trainable(c));
    }

    @Test
    void outputStrideAndMultiGridDoNotChangeTheCount() {
        DeepLabConfig os8 = DeepLabConfig.forArchitecture("deeplabv3-resnet50").build();
        DeepLabConfig os16 = os8.toBuilder().outputStride(16).multiGrid(1, 1, 1).build();
        assertEquals(trainable(os8), trainable(os16));
    }
}
