package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real secondary capture (pydicom's deflated OT image, no Frame of Reference): segmented, with
 * the outputs that need no patient space written and the DICOM objects that do named as left out,
 * instead of the whole series failing.
 */
class SecondaryCaptureSegmentTest {


    @Test
    void aSeriesWithoutFrameOfReferenceGetsItsLabelsButNoSeg(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(org.atrous.dicom.SharedData.path("dicom-real/pydicom/image_dfl.dcm"), in.resolve("image.dcm"));
        Path out = dir.resolve("out");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream was = System.err;
        CliRun r;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            r = CliRun.of("segment", "--model", "../model-zoo/ct-abdomen.json", "--input", in.toString(),
                    "--out", out.toString(), "--crf", "off");
        } finally {
            System.setErr(was);
        }
        String printed = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, r.exit(), printed);
        for (String f : new String[] {"labels.nii.gz", "rois.zip", "stats.csv", "preview.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertFalse(Files.exists(out.resolve("seg.dcm")));
        assertTrue(printed.contains("seg.dcm") && printed.contains("not written: the series has no Frame of Reference"), printed);
    }
}
