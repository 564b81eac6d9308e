package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.atrous.dicom.CtSeriesWriter;
import org.atrous.dicom.Dciodvfy;
import org.atrous.dicom.SegReader;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.SliceSource;
import org.atrous.dicom.Volume;
import org.atrous.model.OverlapMetrics;
import org.atrous.model.Reorientation;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coronal DICOM series, as a scanner's reformat arrives: the bundled CT model turns it to the
 * axial slices it was trained on, and its SEG lies on the coronal slices and scores as the
 * axial series' does.
 */
class NonAxialSeriesTest {

    @Test
    void aCoronalSeriesIsSegmentedAsItsAxialTwin(@TempDir Path dir) throws Exception {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(5003, 128, 16, 0, 5, 5, 0, 15, false), ProgressListener.NONE);
        Reorientation toCoronal = Reorientation.of(p.ct().geometry(), "LIP");
        Volume view = toCoronal.toView(p.ct());
        java.util.List<SliceSource> slices = new java.util.ArrayList<>();
        for (int z = 0; z < view.geometry().nz(); z++) {
            slices.add(new SliceSource("2.25.7731" + (1000 + z), CtSeriesWriter.CT_IMAGE_STORAGE, "", 1, ""));
        }
        Volume coronal = new Volume(view.data(), view.geometry(), p.ct().identity(), slices, p.ct().window(), java.util.List.of());
        Path ct = dir.resolve("coronal");
        CtSeriesWriter.write(coronal, ct, "", ProgressListener.NONE);
        Volume read = new SeriesReader().read(ct, ProgressListener.NONE).volumes().get(0);
        assertEquals("LIP", Reorientation.code(read.geometry()), "the reader keeps the coronal geometry");

        String log = segment(ct, dir.resolve("out"));
        assertTrue(log.startsWith("exit 0"), log);
        assertTrue(log.contains("turning the series from LIP to LPS, the orientation ct-abdomen"), log);
        Path seg = dir.resolve("out/seg.dcm");
        assertEquals(java.util.List.of(), Dciodvfy.errors(seg), Dciodvfy.report(seg));
        byte[] labels = SegReader.read(seg, read).labels();
        byte[] truth = toCoronal.toView(p.labels()).labels();
        // read unturned, the unseen phantoms' coronal slices scored spleen 0.25 and aorta 0.00 (docs/models.md)
        for (int c : new int[] {1, 3, 4, 5}) {
            double dice = OverlapMetrics.of(labels, truth, c, read.geometry()).dice();
            assertTrue(dice > 0.9, "Dice of label " + c + " on the coronal series: " + dice);
        }
        double aorta = OverlapMetrics.of(labels, truth, 6, read.geometry()).dice();
        assertTrue(aorta > 0.85, "aorta Dice on the coronal series: " + aorta);

        // a run may read series as they come instead, or refuse a bad override before any work
        String asTheyCome = segment(ct, dir.resolve("plain"), "--orientation", "none");
        assertTrue(asTheyCome.startsWith("exit 0") && !asTheyCome.contains("turning"), asTheyCome);
        // and its SEG says so, since the card's version no longer does
        com.pixelmed.dicom.AttributeList plain = new com.pixelmed.dicom.AttributeList();
        plain.read(dir.resolve("plain/seg.dcm").toFile());
        String comments = com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(plain,
                com.pixelmed.dicom.TagFromName.ImageComments).strip();
        assertTrue(comments.endsWith(", read with orientation none"), comments);
        assertTrue(segment(ct, dir.resolve("bad"), "--orientation", "LPP").startsWith("exit 2"));
        assertTrue(segment(ct, dir.resolve("bad2"), "--slice-spacing", "-1").startsWith("exit 2"));
    }

    /** "exit N" and the run's standard error. */
    private static String segment(Path ct, Path out, String... extra) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("segment", "--model",
                    "../model-zoo/ct-abdomen.json", "--input", ct.toString(), "--out", out.toString(), "--crf", "off",
                    "--outputs", "seg"));
            args.addAll(java.util.List.of(extra));
            int exit = AtrousCli.commandLine().execute(args.toArray(String[]::new));
            return "exit " + exit + "\n" + err.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(old);
        }
    }
}
