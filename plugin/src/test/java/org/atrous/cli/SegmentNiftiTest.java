package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.NiftiReader;
import org.atrous.dicom.NiftiWriter;
import org.atrous.dicom.SegReader;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.Volume;
import org.atrous.model.OverlapMetrics;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segment --input scan.nii.gz}: a CT kept as NIfTI (as research datasets and NIfTI
 * pipelines keep it) is segmented as it is, its labels on its own grid, without DICOM objects.
 */
class SegmentNiftiTest {

    private static final Path SAMPLE = Path.of("..", "dicom-samples", "phantom");

    @Test
    void aNiftiCtIsSegmentedOnItsOwnGrid(@TempDir Path tmp) throws Exception {
        Volume ct = new SeriesReader().read(SAMPLE.resolve("ct"), ProgressListener.NONE).volumes().get(0);
        LabelVolume truth = SegReader.read(SAMPLE.resolve("seg.dcm"), ct);
        Path nifti = tmp.resolve("scan.nii.gz");
        NiftiWriter.writeImage(ct, nifti);
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("segment", "--model", "../model-zoo/ct-abdomen.json", "--input", nifti.toString(),
                "--out", out.toString(), "--crf", "off", "--region-zoom", "0");
        assertEquals(0, r.exit(), r.err());
        assertFalse(Files.exists(out.resolve("seg.dcm")), "no DICOM objects without DICOM instances");
        assertTrue(Files.size(out.resolve("stats.csv")) > 0);
        LabelVolume labels = NiftiReader.readLabels(out.resolve("labels.nii.gz"), truth.classes());
        assertTrue(labels.geometry().sameGrid(NiftiReader.read(nifti).geometry(), 1e-3), "on the input's grid");
        assertTrue(labels.geometry().sameGrid(ct.geometry(), 1e-3), "which is the DICOM series' grid");
        double liver = OverlapMetrics.of(labels.labels(), truth.labels(), 1, ct.geometry()).dice();
        assertTrue(liver > 0.9, "liver Dice " + liver);
    }
}
