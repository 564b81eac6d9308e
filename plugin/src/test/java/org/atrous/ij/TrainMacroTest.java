package org.atrous.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.io.FileSaver;
import org.atrous.model.ModelCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ImageJ runs macros/train_from_rois.ijm on a TIFF stack whose overlay ROIs are named
 * "liver" and "cyst": Train Model, reached through its menu entry with a macro options string,
 * fine-tunes ct-abdomen for those two classes (its classifier re-mapped, its input settings kept).
 */
class TrainMacroTest {

    @TempDir Path tmp;

    @Test
    void aMacroFineTunesAZooModelForTheStacksOwnClasses() throws Exception {
        Path tif = tmp.resolve("outlined.tif");
        new FileSaver(outlinedStack()).saveAsTiffStack(tif.toString());
        Path dest = tmp.resolve("models");
        RealImageJ.Result r = RealImageJ.macro(tmp.resolve("ImageJ"), "train_from_rois.ijm",
                "image=" + tif + " id=liver-cyst start=ct-abdomen epochs=1 iterations=1 patch=32 destination=" + dest, 300);
        Path card = dest.resolve("liver-cyst.json");
        assertTrue(Files.exists(card), "no model written:\n" + RealImageJ.tail(r.output()));
        ModelCard c = ModelCard.read(card);
        ModelCard start = ModelCard.read(RealImageJ.REPO.resolve("model-zoo/ct-abdomen.json"));
        assertEquals(List.of("liver", "cyst"), c.classes().stream().map(k -> k.name()).toList());
        assertEquals(start.preprocessing().huWindows(), c.preprocessing().huWindows());
        assertEquals(start.preprocessing().neighbourSlices(), c.preprocessing().neighbourSlices());
        assertTrue(c.training().description().contains("fine-tuned from ct-abdomen " + start.version()
                + ", its classifier re-mapped to liver (carried over), cyst (new)"), c.training().description());
    }

    /** Six 64×64 slices in HU: a liver disc with a darker cyst, both outlined on the overlay. */
    private static ImagePlus outlinedStack() {
        return OutlinedStacks.make("outlined", 64, 6,
                new OutlinedStacks.Structure("liver", 60, z -> new OvalRoi(12, 14, 36, 32)),
                new OutlinedStacks.Structure("cyst", 10, z -> new OvalRoi(26, 24, 10, 10)));
    }
}
