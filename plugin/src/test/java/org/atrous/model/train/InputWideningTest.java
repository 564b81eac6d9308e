package org.atrous.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.atrous.model.DeepLabBuilder;
import org.atrous.model.DeepLabConfig;
import org.atrous.model.IntensityWindow;
import org.atrous.model.Preprocessing;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class InputWideningTest {

    private static final IntensityWindow W400 = new IntensityWindow(40, 400);
    private static final IntensityWindow W150 = new IntensityWindow(60, 150);

    private static Preprocessing mr(int context) {
        return new Preprocessing(List.of(), true, 0, 64, 8, context);
    }

    private static Preprocessing ct(int context, IntensityWindow... windows) {
        return new Preprocessing(List.of(windows), false, 0, 64, 8, context);
    }

    @Test
    void oldChannelsMoveToTheSameSliceAndWindow() {
        assertArrayEquals(new int[] {1, 2, 3}, InputWidening.channelMap(mr(1), mr(2)));
        // (slice -1, slice 0, slice +1) x W400 -> (slice, window) pairs of two windows each
        assertArrayEquals(new int[] {0, 2, 4}, InputWidening.channelMap(ct(1, W400), ct(1, W400, W150)));
        assertArrayEquals(new int[] {2, 4, 6}, InputWidening.channelMap(ct(1, W400), ct(2, W400, W150)));
        assertNull(InputWidening.channelMap(mr(2), mr(1)));
        assertNull(InputWidening.channelMap(mr(1), ct(1, W400)));
        assertNull(InputWidening.channelMap(ct(1, W400), ct(1, W150, W400)));
    }

    private static DeepLabConfig tiny(int channels) {
        return DeepLabConfig.forArchitecture("compact").widthMultiplier(0.5).asppChannels(8).lowLevelChannels(4)
                .decoderChannels(8).classes(3).inputChannels(channels).inputSize(32).build();
    }

    @Test
    void aWidenedNetworkFirstComputesWhatTheOldOneDid() {
        ComputationGraph old = new DeepLabBuilder(tiny(3)).seed(1).build();
        ComputationGraph wide = InputWidening.copy(old, new DeepLabBuilder(tiny(5)).seed(2).build(),
                InputWidening.channelMap(mr(1), mr(2)));
        INDArray x5 = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 5, 32, 32).muli(4).subi(2);
        INDArray x3 = x5.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4), NDArrayIndex.all(), NDArrayIndex.all()).dup();
        INDArray a = old.outputSingle(false, x3);
        INDArray b = wide.outputSingle(false, x5);
        double diff = a.sub(b).amaxNumber().doubleValue();
        assertTrue(diff < 1e-5, "largest difference " + diff);
        // the new slices' kernels start at zero, so changing them changes nothing yet
        x5.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all()).assign(7);
        assertTrue(wide.outputSingle(false, x5).sub(b).amaxNumber().doubleValue() < 1e-5);
    }
}
