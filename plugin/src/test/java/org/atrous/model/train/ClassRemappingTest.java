package org.atrous.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.atrous.dicom.SegmentClass;
import org.atrous.model.DeepLabBuilder;
import org.atrous.model.DeepLabConfig;
import org.atrous.pipeline.TrainingSets;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ClassRemappingTest {

    private static final List<SegmentClass> OLD = TrainingSets.classesNamed(List.of("liver", "spleen"));

    private static DeepLabConfig tiny(int classes, int refine) {
        return DeepLabConfig.forArchitecture("compact").widthMultiplier(0.5).asppChannels(8).lowLevelChannels(4)
                .decoderChannels(8).classes(classes).inputChannels(2).inputSize(32).refineChannels(refine).build();
    }

    @Test
    void newClassesTakeTheOldOutputOfTheSameMeaning() {
        List<SegmentClass> now = TrainingSets.classesNamed(List.of("Spleen", "lesion", "liver"));
        int[] map = ClassRemapping.outputMap(OLD, now);
        assertArrayEquals(new int[] {0, 2, -1, 1}, map);
        assertEquals(List.of("lesion"), ClassRemapping.newClasses(map, now));
        assertEquals(", its classifier re-mapped to Spleen (from spleen), lesion (new), liver (carried over)",
                ClassRemapping.describe(map, OLD, now));
        assertTrue(ClassRemapping.isIdentity(ClassRemapping.outputMap(OLD, OLD), 3));
        assertFalse(ClassRemapping.isIdentity(map, 3));
    }

    @Test
    void reorderedClassesGiveTheSameProbabilitiesReordered() {
        for (int refine : new int[] {0, 6}) {
            ComputationGraph old = new DeepLabBuilder(tiny(3, refine)).seed(1).build();
            List<SegmentClass> swapped = TrainingSets.classesNamed(List.of("spleen", "liver"));
            ComputationGraph now = InputWidening.copy(old, new DeepLabBuilder(tiny(3, refine)).seed(2).build(), null,
                    ClassRemapping.outputMap(OLD, swapped));
            INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 32, 32).muli(4).subi(2);
            INDArray a = old.outputSingle(false, x), b = now.outputSingle(false, x);
            for (int[] pair : new int[][] {{0, 0}, {1, 2}, {2, 1}}) {
                double diff = channel(a, pair[0]).sub(channel(b, pair[1])).amaxNumber().doubleValue();
                assertTrue(diff < 1e-5, "refine " + refine + ", old output " + pair[0] + ": largest difference " + diff);
            }
        }
    }

    @Test
    void aClassTheOldModelLacksKeepsItsFreshStartAndEveryOtherLayerIsCopied() {
        ComputationGraph old = new DeepLabBuilder(tiny(3, 0)).seed(1).build();
        ComputationGraph fresh = new DeepLabBuilder(tiny(3, 0)).seed(2).build();
        INDArray freshW = fresh.getLayer("decoder.classifier").getParam("W").dup();
        List<SegmentClass> now = TrainingSets.classesNamed(List.of("lesion", "liver"));
        ComputationGraph c = InputWidening.copy(old, fresh, null, ClassRemapping.outputMap(OLD, now));
        INDArray w = c.getLayer("decoder.classifier").getParam("W"), oldW = old.getLayer("decoder.classifier").getParam("W");
        assertEquals(oldW.get(NDArrayIndex.point(0)), w.get(NDArrayIndex.point(0)), "background carried");
        assertEquals(freshW.get(NDArrayIndex.point(1)), w.get(NDArrayIndex.point(1)), "lesion starts fresh");
        assertEquals(oldW.get(NDArrayIndex.point(1)), w.get(NDArrayIndex.point(2)), "liver carried");
        assertEquals(old.getLayer("aspp.b0.conv").getParam("W"), c.getLayer("aspp.b0.conv").getParam("W"));
        assertEquals(old.getLayer("stem.conv").params(), c.getLayer("stem.conv").params());
    }

    private static INDArray channel(INDArray a, int c) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.point(c), NDArrayIndex.all(), NDArrayIndex.all());
    }
}
