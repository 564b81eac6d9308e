package org.atrous.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.io.FileSaver;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;
import org.atrous.model.train.TrainingCase;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.RoiZip;
import org.atrous.roi.VolumeImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training cases from TIFF stacks saved by ImageJ, labelled by ROIs named after classes. */
class ImageJTrainingSetTest {

    private static final List<SegmentClass> CLASSES = TrainingSets.classesNamed(List.of("liver", "liver tumour"));

    @Test
    void overlayAndRoiSetBesideTheStackBecomeLabels(@TempDir Path dir) throws Exception {
        // case a: ROIs in the overlay saved inside the TIFF
        ImagePlus a = stack("a");
        Overlay overlay = new Overlay();
        overlay.add(roi("Liver #1", 2, 2, 6, 5, 1));
        overlay.add(roi("liver tumour 1", 3, 3, 2, 2, 1)); // later ROIs paint over earlier ones
        overlay.add(roi("liver", 10, 8, 4, 4, 3));
        a.setOverlay(overlay);
        assertTrue(new FileSaver(a).saveAsTiffStack(dir.resolve("a.tif").toString()));
        // case b: no overlay, a ROI Manager set b.zip beside it
        assertTrue(new FileSaver(stack("b")).saveAsTiffStack(dir.resolve("b.tif").toString()));
        try (OutputStream out = Files.newOutputStream(dir.resolve("b.zip"))) {
            RoiZip.write(List.of(roi("liver tumour", 0, 0, 3, 3, 2)), out);
        }
        // case c: no ROIs anywhere, skipped with a message
        assertTrue(new FileSaver(stack("c")).saveAsTiffStack(dir.resolve("c.tif").toString()));

        List<String> log = new ArrayList<>();
        List<TrainingCase> cases = TrainingSets.imagejStacks(dir, CLASSES, new ProgressListener() {
            @Override public void log(String m) { log.add(m); }
        });

        assertEquals(List.of("a", "b"), cases.stream().map(TrainingCase::id).toList());
        assertTrue(log.stream().anyMatch(m -> m.contains("c.tif")), log.toString());
        // outlined on some slices only: the others are unannotated, not background
        assertTrue(log.contains("a: ROIs on 2 of 3 slices; the other 1 are unannotated, left out of training and"
                + " validation"), log.toString());
        assertTrue(cases.get(0).annotated(0) && !cases.get(0).annotated(1) && cases.get(0).annotated(2));
        assertTrue(!cases.get(1).annotated(0) && cases.get(1).annotated(1) && !cases.get(1).annotated(2));
        TrainingCase ca = cases.get(0);
        Geometry g = ca.image().geometry();
        assertEquals(4f, ca.image().data()[g.nx() * g.ny() + 1 * g.nx() + 4], "voxel (4, 1, 1) holds 3·1 + 4/4");
        assertEquals(0.5, g.spacing()[0], 1e-9, "calibration survives the TIFF");
        long[] h = ca.labels().histogram();
        assertEquals(6 * 5 - 4 + 16, h[1]);
        assertEquals(4, h[2]);
        assertEquals(2, label(ca, 3, 3, 0));
        assertEquals(1, label(ca, 2, 2, 0));
        assertEquals(1, label(ca, 10, 8, 2));
        assertEquals(0, label(ca, 10, 8, 1));
        long[] hb = cases.get(1).labels().histogram();
        assertEquals(0, hb[1]);
        assertEquals(9, hb[2]);
        assertEquals(2, label(cases.get(1), 0, 0, 1));
    }

    @Test
    void aRoiNamingNoClassIsRefusedWithTheFileName(@TempDir Path dir) {
        ImagePlus a = stack("odd");
        a.setOverlay(new Overlay(roi("spleen", 1, 1, 3, 3, 1)));
        assertTrue(new FileSaver(a).saveAsTiffStack(dir.resolve("odd.tif").toString()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSets.imagejStacks(dir.resolve("odd.tif"), CLASSES, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("odd.tif") && e.getMessage().contains("spleen"), e.getMessage());
    }

    @Test
    void inAFolderAStackWithAMisnamedRoiIsSkippedAndTheRestRead(@TempDir Path dir) throws Exception {
        ImagePlus odd = stack("odd");
        odd.setOverlay(new Overlay(roi("spleen", 1, 1, 3, 3, 1)));
        assertTrue(new FileSaver(odd).saveAsTiffStack(dir.resolve("odd.tif").toString()));
        ImagePlus good = stack("good");
        good.setOverlay(new Overlay(roi("liver", 1, 1, 3, 3, 2)));
        assertTrue(new FileSaver(good).saveAsTiffStack(dir.resolve("good.tif").toString()));
        Files.writeString(dir.resolve("broken.tif"), "not a TIFF");

        List<String> log = new ArrayList<>();
        List<TrainingCase> cases = TrainingSets.imagejStacks(dir, CLASSES, new ProgressListener() {
            @Override public void log(String m) { log.add(m); }
        });

        assertEquals(List.of("good"), cases.stream().map(TrainingCase::id).toList());
        assertEquals(9, cases.get(0).labels().histogram()[1]);
        List<String> skipped = log.stream().filter(m -> m.startsWith("skipped ")).toList();
        assertEquals(2, skipped.size(), log.toString());
        assertTrue(skipped.get(0).startsWith("skipped " + dir.resolve("broken.tif")), skipped.get(0));
        assertTrue(skipped.get(1).startsWith("skipped " + dir.resolve("odd.tif") + ": ") && skipped.get(1).contains("spleen"),
                skipped.get(1));
    }

    /** A 16×12×3 stack whose voxel (x, y, z) holds 3z + x/4. */
    private static ImagePlus stack(String title) {
        int nx = 16, ny = 12, nz = 3;
        float[] data = new float[nx * ny * nz];
        for (int i = 0; i < data.length; i++) data[i] = 3 * (i / (nx * ny)) + (i % nx) / 4f;
        return VolumeImages.toImagePlus(Volume.of(data, Geometry.axial(nx, ny, nz, 0.5, 0.5, 2), "MR"), title);
    }

    private static Roi roi(String name, int x, int y, int w, int h, int slice) {
        Roi r = new Roi(x, y, w, h);
        r.setName(name);
        r.setPosition(slice);
        return r;
    }

    private static int label(TrainingCase c, int x, int y, int z) {
        Geometry g = c.labels().geometry();
        return c.labels().labels()[z * g.nx() * g.ny() + y * g.nx() + x];
    }
}
