package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.atrous.cli.AtrousCli;
import org.atrous.dicom.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A colour image (here a real RGB ultrasound frame) is no input for these models: with every
 * modality asked for, it is left out with the reason, not failed, so it does not fail the run.
 */
class ColourSeriesTest {

    @Test
    void aColourImageIsSkippedNotFailed(@TempDir Path dir) throws Exception {
        Path archive = Files.createDirectories(dir.resolve("archive"));
        Files.copy(SharedData.path("dicom-real/pydicom/ExplVR_BigEnd.dcm"), archive.resolve("us.dcm"));
        Path out = dir.resolve("out");
        int exit = AtrousCli.commandLine().execute("batch", "--input", archive.toString(), "--output", out.toString(),
                "--model", BatchArchiveTest.MODEL.toString(), "--modality", "any", "--crf", "off", "--quiet");
        assertEquals(0, exit, "nothing failed");
        List<String> rows = Files.readAllLines(out.resolve(BatchReport.CSV));
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("1.2.840.113619.2.21.24680000.700.0.1952805748.3.0,skipped,"), rows.get(1));
        assertTrue(rows.get(1).contains("colour image (SamplesPerPixel 3, RGB): only greyscale is read"), rows.get(1));
    }
}
