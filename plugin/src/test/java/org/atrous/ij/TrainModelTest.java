package org.atrous.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.OvalRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import org.atrous.model.ModelStore;
import org.atrous.model.train.TrainingCase;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Train Model from an open stack whose overlay ROIs are named by class (headless, tiny). */
class TrainModelTest {

    @TempDir Path tmp;

    @Test
    void trainsFromNamedRoisAndWritesALoadableModel() throws Exception {
        ImagePlus imp = OutlinedStacks.make("annotated", 48, 4,
                new OutlinedStacks.Structure("organ", 60, z -> new OvalRoi(10 + z, 12, 20, 18)));
        Overlay overlay = imp.getOverlay();
        WindowManager.setTempCurrentImage(imp);

        TrainingCase c = TrainModel.fromStack("");
        assertEquals(List.of("organ"), c.labels().classes().stream().map(k -> k.name()).toList());
        long organ = c.labels().histogram()[1];
        assertTrue(organ > 4 * 200, "organ voxels " + organ);

        Path card = TrainModel.train(List.of(c), "tiny", 1, 2, 32, TrainModel.preprocessing("40:400", 0, 0), tmp,
                ProgressListener.NONE);
        ModelStore.LoadedModel m = ModelStore.load(card);
        assertEquals("tiny", m.card().id());
        assertEquals("organ", m.card().classes().get(0).name());
        assertTrue(m.card().training().description().contains("validated on the training case itself"));

        // a second user class: fine-tuned from that model, its classifier re-mapped, its input settings kept
        Roi cyst = new OvalRoi(30, 30, 8, 8);
        cyst.setName("cyst");
        cyst.setPosition(2);
        overlay.add(cyst);
        TrainingCase two = TrainModel.fromStack("");
        Path tuned = TrainModel.fineTune(m, List.of(two), "tiny-cyst", 1, 1, 32, tmp, ProgressListener.NONE);
        ModelStore.LoadedModel t = ModelStore.load(tuned);
        assertEquals(List.of("organ", "cyst"), t.card().classes().stream().map(k -> k.name()).toList());
        assertEquals(m.card().preprocessing().huWindows(), t.card().preprocessing().huWindows());
        assertTrue(t.card().training().description().contains(
                "fine-tuned from tiny 1.0.0, its classifier re-mapped to organ (carried over), cyst (new)"),
                t.card().training().description());
    }

    @Test
    void aModelFromScratchCanSeeNeighbouringSlicesAtItsOwnSpacing() throws Exception {
        ImagePlus imp = OutlinedStacks.make("annotated-2.5d", 48, 5,
                new OutlinedStacks.Structure("organ", 60, z -> new OvalRoi(10 + z, 12, 20, 18)));
        WindowManager.setTempCurrentImage(imp);
        Path card = TrainModel.train(List.of(TrainModel.fromStack("")), "tiny-25d", 1, 2, 32,
                TrainModel.preprocessing("40:400, 60:150", 1.25, 1), tmp, ProgressListener.NONE);
        ModelStore.LoadedModel m = ModelStore.load(card);
        assertEquals(1, m.card().preprocessing().neighbourSlices());
        assertEquals(2 * 3, m.card().architecture().inputChannels(), "two windows times three slices");
        assertEquals(1.25, m.card().preprocessing().targetSpacingMm()[0], 0);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainModel.preprocessing("40:400", 0, -1));
    }
}
