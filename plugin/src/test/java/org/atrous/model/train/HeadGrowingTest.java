package org.atrous.model.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.atrous.model.DeepLabBuilder;
import org.atrous.model.DeepLabConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class HeadGrowingTest {

    private static DeepLabConfig tiny(int refine) {
        return DeepLabConfig.forArchitecture("compact").widthMultiplier(0.5).asppChannels(8).lowLevelChannels(4)
                .decoderChannels(8).classes(3).inputChannels(2).inputSize(32).refineChannels(refine).build();
    }

    @Test
    void aGrownNetworkFirstComputesWhatTheOldOneDid() {
        ComputationGraph old = new DeepLabBuilder(tiny(0)).seed(1).build();
        ComputationGraph grown = HeadGrowing.copy(old, new DeepLabBuilder(tiny(6)).seed(2).build());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 40, 36).muli(4).subi(2);
        double diff = old.outputSingle(false, x).sub(grown.outputSingle(false, x)).amaxNumber().doubleValue();
        assertTrue(diff < 1e-5, "largest difference " + diff);
        // and the refinement is live: a non-zero correction changes the output
        grown.getLayer(HeadGrowing.CORRECTION).params().assign(Nd4j.rand(DataType.FLOAT, 1, 21));
        assertTrue(old.outputSingle(false, x).sub(grown.outputSingle(false, x)).amaxNumber().doubleValue() > 1e-3);
    }

    @Test
    void everyOtherLayerMustMatch() {
        ComputationGraph old = new DeepLabBuilder(tiny(0)).seed(1).build();
        DeepLabConfig wider = tiny(6).toBuilder().decoderChannels(12).build();
        assertThrows(IllegalArgumentException.class, () -> HeadGrowing.copy(old, new DeepLabBuilder(wider).build()));
    }
}
