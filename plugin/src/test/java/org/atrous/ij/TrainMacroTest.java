package org.atrous.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.OvalRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import org.atrous.model.ModelCard;
import org.junit.jupiter.api.Assumptions;
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
        Assumptions.assumeTrue(Xvfb.executable() != null,
                "Xvfb not installed (build/install-test-tools.sh installs it): ImageJ 1.x needs a display for its menus");
        Path tif = tmp.resolve("outlined.tif");
        new FileSaver(outlinedStack()).saveAsTiffStack(tif.toString());
        Path dest = tmp.resolve("models");
        RealImageJ.Result r;
        try (Xvfb x = Xvfb.start()) {
            r = new RealImageJ(tmp.resolve("ImageJ"), x.display()).batch(RealImageJ.REPO.resolve("macros/train_from_rois.ijm"),
                    "image=" + tif + " id=liver-cyst start=ct-abdomen epochs=1 iterations=1 patch=32 destination=" + dest, 300);
        }
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
        ImageStack stack = new ImageStack(64, 64);
        Overlay overlay = new Overlay();
        for (int z = 1; z <= 6; z++) {
            FloatProcessor fp = new FloatProcessor(64, 64);
            fp.setValue(-100);
            fp.fill();
            Roi liver = new OvalRoi(12, 14, 36, 32), cyst = new OvalRoi(26, 24, 10, 10);
            fp.setValue(60);
            fp.fill(liver);
            fp.setValue(10);
            fp.fill(cyst);
            stack.addSlice(fp);
            liver.setName("liver #" + z + " z" + z);
            liver.setPosition(z);
            cyst.setName("cyst #" + z + " z" + z);
            cyst.setPosition(z);
            overlay.add(liver);
            overlay.add(cyst);
        }
        ImagePlus imp = new ImagePlus("outlined", stack);
        imp.setOverlay(overlay);
        return imp;
    }
}
