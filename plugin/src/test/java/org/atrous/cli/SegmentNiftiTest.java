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

        // the same CT as 3D Slicer saves a volume: NRRD, short HU, RAS space, gzip; the same labels
        Path nrrd = tmp.resolve("scan.nrrd");
        writeNrrd(ct, nrrd);
        Path out2 = tmp.resolve("out2");
        CliRun s = CliRun.of("segment", "--model", "../model-zoo/ct-abdomen.json", "--input", nrrd.toString(),
                "--out", out2.toString(), "--crf", "off", "--region-zoom", "0");
        assertEquals(0, s.exit(), s.err());
        org.junit.jupiter.api.Assertions.assertArrayEquals(labels.labels(),
                NiftiReader.readLabels(out2.resolve("labels.nii.gz"), truth.classes()).labels());
    }

    private static void writeNrrd(Volume v, Path file) throws java.io.IOException {
        org.atrous.dicom.Geometry g = v.geometry();
        StringBuilder h = new StringBuilder("NRRD0004\ntype: short\ndimension: 3\nspace: right-anterior-superior\n");
        h.append("sizes: ").append(g.nx()).append(' ').append(g.ny()).append(' ').append(g.nz()).append("\nspace directions:");
        double[] ras = {-1, -1, 1};
        for (int axis = 0; axis < 3; axis++) {
            h.append(" (");
            for (int c = 0; c < 3; c++) {
                h.append(c > 0 ? "," : "").append(ras[c] * g.direction()[3 * axis + c] * g.spacing()[axis]);
            }
            h.append(')');
        }
        h.append("\nendian: big\nencoding: gzip\nspace origin: (").append(-g.origin()[0]).append(',')
                .append(-g.origin()[1]).append(',').append(g.origin()[2]).append(")\n\n");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(2 * v.data().length);
        for (float f : v.data()) b.putShort((short) Math.round(f));
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            out.write(h.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
                z.write(b.array());
            }
        }
    }
}
