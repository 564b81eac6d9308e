package org.atrous.dicom;

import com.pixelmed.dicom.AttributeList;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader on real files written by others (see /work/shared/dicom-real/SOURCES.md). */
class SeriesReaderRealDataTest {

    private static final ProgressListener QUIET = ProgressListener.NONE;

    /**
     * Expected values were obtained without the reader: positions, spacing, slope/intercept
     * with dicom3tools ({@code dckey -k ImagePositionPatient ...}: z = -126.69, -127.69,
     * -128.69 for 01, 02, 03; PixelSpacing 0.810547; SliceThickness 1.25; intercept -1024),
     * stored-value sums with python3 unpacking the little-endian int16 values after tag
     * (7FE0,0010) (01: 16859773, 02: 18168836, 03: 19326729), and every voxel against the
     * stored values PixelMed's AttributeList gives directly, minus 1024.
     */
    @Test
    void ct3SliceReadsInPositionOrderWithHounsfieldUnits() throws Exception {
        Path dir = SharedData.path("dicom-real/dcmqi/ct-3slice");
        SeriesReadResult r = new SeriesReader().read(dir, QUIET);
        assertEquals(1, r.parts().size());
        assertTrue(r.rejected().isEmpty(), r.rejected().toString());
        Volume v = r.parts().get(0).volume();
        assertArrayEquals(new int[] {512, 512, 3}, v.geometry().dims());
        assertArrayEquals(new double[] {0.810547, 0.810547, 1.0}, v.geometry().spacing(), 1e-5);
        assertArrayEquals(new double[] {-235.199997, -226.800003, -128.690002}, v.geometry().origin(), 1e-4);
        assertEquals("CT", v.modality());
        List<String> names = r.parts().get(0).files().stream().map(p -> new File(p).getName()).toList();
        assertEquals(List.of("03.dcm", "02.dcm", "01.dcm"), names, "ascending position along the normal (0,0,1)");
        long[] storedSums = {19326729L, 18168836L, 16859773L};
        for (int z = 0; z < 3; z++) {
            short[] stored = storedValues(dir.resolve(names.get(z)).toFile());
            double sum = 0;
            for (int i = 0; i < stored.length; i++) {
                assertEquals(stored[i] - 1024f, v.data()[z * 512 * 512 + i], "voxel " + i + " of slice " + z);
                sum += v.data()[z * 512 * 512 + i] + 1024;
            }
            assertEquals(storedSums[z], (long) sum, "stored sum of " + names.get(z));
        }
        assertArrayEquals(new double[] {40, 400}, v.window(), 1e-9);
        assertEquals(v.slices().get(0).path(), dir.resolve("03.dcm").toString());
        assertTrue(v.slices().get(0).header().contains("Slice Thickness: 1.25"), v.slices().get(0).header());
    }

    private static short[] storedValues(File f) throws Exception {
        AttributeList l = new AttributeList();
        l.read(f);
        return l.getPixelData().getShortValues();
    }

    @Test
    void mrSmallDecodesIdenticallyInEveryTransferSyntax() {
        float[] reference = readSingle("MR_small.dcm").data();
        // Independent check: python3 struct over the OW pixel data of MR_small.dcm gives
        // sum 2125338, min 127, max 2145, first value 905 (no rescale in these files).
        double sum = 0;
        for (float f : reference) sum += f;
        assertEquals(2125338, sum, 0);
        assertEquals(905f, reference[0]);
        for (String variant : List.of("_implicit", "_bigendian", "_expb", "_RLE", "_jp2klossless")) {
            assertArrayEquals(reference, readSingle("MR_small" + variant + ".dcm").data(), variant);
        }
        // JPEG-LS lossless, with Atrous's own decoder: the same values exactly
        assertArrayEquals(reference, readSingle("MR_small_jpeg_ls_lossless.dcm").data(), "JPEG-LS");
    }

    /**
     * 12-bit lossy JPEG (JPEG Extended, process 4), which PixelMed and the JDK cannot decode:
     * Atrous's own decoder gives DCMTK's values (dcmdjpeg, libjpeg's 12-bit build) within the
     * rounding by which inverse DCTs may differ.
     */
    @Test
    void twelveBitJpegExtendedDecodesAsDcmtkDecodesIt(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        for (String name : List.of("JPEG-lossy.dcm", "JPGExtended.dcm")) {
            Path source = SharedData.path("dicom-real/pydicom/" + name), reference = tmp.resolve(name);
            Process p = new ProcessBuilder("dcmdjpeg", source.toString(), reference.toString()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), "dcmdjpeg (Debian dcmtk, installed by build/install-test-tools.sh): " + log);
            float[] ours = readSingle(name).data(), dcmtk = readSingle(reference).data();
            assertEquals(dcmtk.length, ours.length, name);
            float maxDiff = 0;
            double sum = 0;
            for (int i = 0; i < ours.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(ours[i] - dcmtk[i]));
                sum += dcmtk[i];
            }
            assertTrue(maxDiff <= 1, name + ": largest difference " + maxDiff);
            assertTrue(sum / ours.length > 10, name + ": an image, not zeros (mean " + sum / ours.length + ")");
        }
    }

    private static Volume readSingle(Path file) {
        SeriesReadResult r = new SeriesReader().read(file, QUIET);
        assertTrue(r.rejected().isEmpty(), file + ": " + r.rejected());
        assertEquals(1, r.parts().size(), file.toString());
        return r.parts().get(0).volume();
    }

    private static Volume readSingle(String name) {
        SeriesReadResult r = new SeriesReader().read(SharedData.path("dicom-real/pydicom/" + name), QUIET);
        assertTrue(r.rejected().isEmpty(), name + ": " + r.rejected());
        assertEquals(1, r.parts().size(), name);
        return r.parts().get(0).volume();
    }

    @Test
    void truncatedPixelDataAndNonImagesAreRejectedWithReasons() {
        Path dir = SharedData.path("dicom-real/pydicom");
        assertReason(dir.resolve("MR_truncated.dcm"), "pixel data missing or shorter");
        assertReason(dir.resolve("rtstruct.dcm"), "RT Structure Set");
        assertReason(dir.resolve("rtplan_truncated.dcm"), "RT Plan");
        assertReason(dir.resolve("liver_1frame.dcm"), "DICOM SEG");
    }

    private static void assertReason(Path file, String expected) {
        SeriesReadResult r = new SeriesReader().read(file, QUIET);
        assertTrue(r.parts().isEmpty(), file + " gave a volume");
        assertEquals(1, r.rejected().size());
        assertTrue(r.rejected().get(0).reason().contains(expected), r.rejected().get(0).reason());
    }

    /** Every file of the pydicom folder is read or rejected with one line; nothing throws or hangs. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void wholePydicomFolderIsReadOrRejected() throws Exception {
        Path dir = SharedData.path("dicom-real/pydicom");
        SeriesReadResult r = new SeriesReader().read(dir, QUIET);
        Set<String> accounted = new HashSet<>();
        for (SeriesPart p : r.parts()) {
            accounted.addAll(p.files());
            p.volume().warnings().stream().filter(w -> w.startsWith("duplicate"))
                    .forEach(w -> accounted.add(w.replaceAll(".*: (\\S+) skipped.*", "$1")));
            assertEquals(p.volume().geometry().voxelCount(), p.volume().data().length);
        }
        for (RejectedFile f : r.rejected()) {
            assertFalse(f.reason().isBlank());
            assertFalse(f.reason().contains("\n"), f.reason());
            accounted.add(f.path());
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) assertTrue(accounted.contains(f.toString()), "unaccounted: " + f);
        }
        assertTrue(r.rejected().stream().anyMatch(f -> f.path().endsWith("MR_truncated.dcm")));
    }

    @Test
    void highdicomCtSliceAndSegsAreSeparated() {
        SeriesReadResult r = new SeriesReader().read(SharedData.path("dicom-real/highdicom"), QUIET);
        assertEquals(1, r.parts().size());
        assertEquals(2, r.rejected().size());
        r.rejected().forEach(f -> assertTrue(f.reason().startsWith("DICOM SEG"), f.reason()));
    }

    /**
     * Deflated explicit little endian. Expected values from python3: zlib raw-inflate of the
     * data set after the file meta group, then the OB bytes of (7FE0,0010): 262144 values,
     * sum 33322688, first 213, value at (256, 256) 65.
     */
    @Test
    void deflatedFileDecodes() {
        Volume v = readSingle("image_dfl.dcm");
        assertArrayEquals(new int[] {512, 512, 1}, v.geometry().dims());
        double sum = 0;
        for (float f : v.data()) sum += f;
        assertEquals(33322688, sum, 0);
        assertEquals(213f, v.get(0, 0, 0));
        assertEquals(65f, v.get(256, 256, 0));
    }
}
