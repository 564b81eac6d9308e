package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.atrous.dicom.CodedConcept;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class RegionZoomTest {

    static final List<SegmentClass> CLASSES = List.of(
            new SegmentClass(1, "organ", new int[] {255, 0, 0}, SegmentClass.ANATOMICAL_STRUCTURE,
                    CodedConcept.sct("10200004", "Liver")),
            new SegmentClass(2, "spot", new int[] {255, 255, 0}, SegmentClass.ANATOMICAL_STRUCTURE,
                    CodedConcept.sct("108369006", "Neoplasm")),
            new SegmentClass(3, "other", new int[] {0, 0, 255}, SegmentClass.ANATOMICAL_STRUCTURE,
                    CodedConcept.sct("78961009", "Spleen")));

    /**
     * A network that sees a spot only when it is wide enough in pixels: spot where the pixel and
     * the pixels two away in each direction are all mid-grey; organ where bright or mid-grey;
     * "other" where very bright; background where dark. So magnifying reveals the spot.
     */
    static final class NeedsWideSpots implements PixelClassifier {
        @Override public int classes() { return 4; }

        @Override
        public float[] predict(float[] in, int batch, int channels, int h, int w) {
            return decided(in, batch, channels, h, w, NeedsWideSpots::decide);
        }

        private static int decide(float[] in, int src, int w, int h, int x, int y) {
            float v = in[src + y * w + x];
            if (v < 0.2f) return 0;
            if (v > 0.95f) return 3;
            if (v > 0.5f) return 1;
            int[][] around = {{-2, 0}, {2, 0}, {0, -2}, {0, 2}};
            for (int[] d : around) {
                int xx = x + d[0], yy = y + d[1];
                if (xx < 0 || yy < 0 || xx >= w || yy >= h) return 1;
                float u = in[src + yy * w + xx];
                if (u < 0.2f || u > 0.5f) return 1;
            }
            return 2;
        }
    }

    /** Background −100 HU; an organ disc of 150 HU holding a 3 px mid-grey spot (50 HU); a bright "other" disc. */
    static Volume organWithSpot(int n, int nz) {
        float[] d = new float[n * n * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    float v = -100;
                    if (Math.hypot(x - 20, y - 24) < 12) v = 150;
                    if (Math.abs(x - 20) <= 1 && Math.abs(y - 24) <= 1) v = 50;
                    if (Math.hypot(x - 48, y - 40) < 6) v = 300;
                    d[(z * n + y) * n + x] = v;
                }
            }
        }
        return Volume.of(d, Geometry.axial(n, n, nz, 1, 1, 3), "CT");
    }

    static Segmenter segmenter() {
        Preprocessing pre = new Preprocessing(List.of(new IntensityWindow(100, 400)), false, 1.0, 128, 8, 1);
        return new Segmenter(new NeedsWideSpots(), pre, CLASSES, 8);
    }

    static long count(Segmentation s, int label) {
        long k = 0;
        for (byte b : s.labels().labels()) if ((b & 0xff) == label) k++;
        return k;
    }

    @Test
    void aMagnifiedLookFindsASpotTheFirstLookCannotSee() {
        Volume v = organWithSpot(64, 3);
        Segmentation plain = segmenter().segment(v, ProgressListener.NONE);
        assertEquals(0, count(plain, 2), "3 px is too narrow for this network at the model's spacing");
        Segmentation zoomed = segmenter().withRegionZoom(new RegionZoom(2.5, List.of("organ", "spot"), 5))
                .segment(v, ProgressListener.NONE);
        long spot = count(zoomed, 2);
        assertTrue(spot >= 3 && spot <= 27, spot + " spot voxels, the true spot has 27");
        byte[] a = plain.labels().labels(), b = zoomed.labels().labels();
        for (int i = 0; i < a.length; i++) {
            if ((b[i] & 0xff) == 2) {
                int x = i % 64, y = (i / 64) % 64;
                assertTrue(Math.abs(x - 20) <= 1 && Math.abs(y - 24) <= 1, "spot called at " + x + "," + y);
            } else {
                assertEquals(a[i], b[i], "outside the spot the first look stands");
            }
            float sum = 0;
            for (int c = 0; c < 4; c++) sum += zoomed.probabilities().get(c, i);
            assertEquals(1f, sum, 4f / 255f);
        }
    }

    /** Decides one class per pixel from a slice's first channel; the network's output gives it 0.85, the rest 0.05. */
    interface PixelRule {
        int decide(float[] in, int src, int w, int h, int x, int y);
    }

    static float[] decided(float[] in, int batch, int channels, int h, int w, PixelRule rule) {
        float[] out = new float[batch * 4 * h * w];
        int plane = h * w;
        for (int b = 0; b < batch; b++) {
            int src = b * channels * plane, dst = b * 4 * plane;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int c = rule.decide(in, src, w, h, x, y);
                    for (int k = 0; k < 4; k++) out[dst + k * plane + y * w + x] = k == c ? 0.85f : 0.05f;
                }
            }
        }
        return out;
    }

    /** Organ where bright or mid-grey, "other" where very bright, background where dark: never a spot. */
    static final class SeesNoSpots implements PixelClassifier {
        @Override public int classes() { return 4; }

        @Override
        public float[] predict(float[] in, int batch, int channels, int h, int w) {
            return decided(in, batch, channels, h, w, (a, src, ww, hh, x, y) -> {
                float v = a[src + y * ww + x];
                return v < 0.2f ? 0 : v > 0.95f ? 3 : 1;
            });
        }
    }

    @Test
    void aDedicatedZoomModelTakesTheSecondLookAndMustTakeTheSameInput() {
        Volume v = organWithSpot(64, 3);
        Preprocessing pre = new Preprocessing(List.of(new IntensityWindow(100, 400)), false, 1.0, 128, 8, 1);
        RegionZoom zoom = new RegionZoom(2.5, List.of("organ", "spot"), 5);
        Segmenter alone = new Segmenter(new SeesNoSpots(), pre, CLASSES, 8).withRegionZoom(zoom);
        assertEquals(0, count(alone.segment(v, ProgressListener.NONE), 2), "looking twice itself finds no spot");
        Segmenter cascade = new Segmenter(new SeesNoSpots(), pre, CLASSES, 8).withRegionZoom(zoom)
                .withZoomModel(segmenter());
        long spot = count(cascade.segment(v, ProgressListener.NONE), 2);
        assertTrue(spot >= 3 && spot <= 27, spot + " spot voxels from the zoom model, the true spot has 27");
        Preprocessing otherWindow = new Preprocessing(List.of(new IntensityWindow(40, 400)), false, 1.0, 128, 8, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> alone.withZoomModel(
                new Segmenter(new NeedsWideSpots(), otherWindow, CLASSES, 8)));
        assertTrue(e.getMessage().contains("same input"), e.getMessage());
        List<SegmentClass> renamed = List.of(CLASSES.get(0), CLASSES.get(1), new SegmentClass(3, "kidney",
                new int[] {0, 0, 255}, SegmentClass.ANATOMICAL_STRUCTURE, CodedConcept.sct("64033007", "Kidney")));
        assertThrows(IllegalArgumentException.class, () -> alone.withZoomModel(
                new Segmenter(new SeesNoSpots(), pre, renamed, 8)));
        assertThrows(IllegalArgumentException.class, () -> new RegionZoom(1.5, List.of("organ", "spot"), 5, "../x"));
    }

    @Test
    void aRegionTheFirstLookDidNotFindLeavesTheResultAsItWas() {
        float[] d = new float[32 * 32 * 2];
        java.util.Arrays.fill(d, -100);
        Volume v = Volume.of(d, Geometry.axial(32, 32, 2, 1, 1, 3), "CT");
        Segmentation s = segmenter().withRegionZoom(new RegionZoom(2, List.of("organ", "spot"), 5))
                .segment(v, ProgressListener.NONE);
        assertEquals(32 * 32 * 2, count(s, 0));
    }

    @Test
    void theCropKeepsItsPlaceInPatientSpace() {
        Volume v = organWithSpot(64, 5);
        Volume c = RegionZoomPass.crop(v, new int[] {10, 30, 14, 34, 1, 4});
        assertEquals(List.of(20, 20, 3), List.of(c.geometry().nx(), c.geometry().ny(), c.geometry().nz()));
        assertEquals(v.get(20, 24, 2), c.get(10, 10, 1));
        double[] p = v.geometry().toPatient(12, 17, 3), q = c.geometry().toPatient(2, 3, 2);
        for (int a = 0; a < 3; a++) assertEquals(p[a], q[a], 1e-9);
    }

    /** Organ where the (z-scored) input exceeds 1; records the lowest input it was fed. */
    static final class RecordsInputs implements PixelClassifier {
        float lowest = Float.POSITIVE_INFINITY;
        int calls;

        @Override public int classes() { return 4; }

        @Override
        public float[] predict(float[] in, int batch, int channels, int h, int w) {
            calls++;
            float[] out = new float[batch * 4 * h * w];
            int plane = h * w;
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < plane; i++) {
                    float v = in[b * channels * plane + i];
                    lowest = Math.min(lowest, v);
                    int c = v > 1 ? 1 : 0;
                    for (int k = 0; k < 4; k++) out[(b * 4 + k) * plane + i] = k == c ? 0.85f : 0.05f;
                }
            }
            return out;
        }
    }

    @Test
    void theMagnifiedLookOfAnMrVolumeKeepsTheWholeVolumesNormalisation() {
        int n = 64;
        float[] d = new float[n * n * 2];
        for (int i = 0; i < d.length; i++) {
            int x = i % n, y = (i / n) % n;
            d[i] = Math.hypot(x - 20, y - 24) < 8 ? 100 : 0; // a small bright organ: the crop's mean is far higher
        }
        Volume v = Volume.of(d, Geometry.axial(n, n, 2, 1, 1, 3), "MR");
        double mean = 0, sq = 0;
        for (float f : d) {
            mean += f;
            sq += f * f;
        }
        mean /= d.length;
        double sd = Math.sqrt(sq / d.length - mean * mean);
        Preprocessing pre = new Preprocessing(List.of(), true, 1.0, 128, 8, 0);
        RecordsInputs net = new RecordsInputs();
        new Segmenter(net, pre, CLASSES, 8).withRegionZoom(new RegionZoom(2, List.of("organ", "spot"), 3))
                .segment(v, ProgressListener.NONE);
        assertTrue(net.calls >= 2, "both looks ran");
        assertEquals((float) (-mean / sd), net.lowest, 1e-4f, "background as the whole volume's z-score puts it");
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> new RegionZoom(1.0, List.of("organ", "spot"), 5));
        assertThrows(IllegalArgumentException.class, () -> new RegionZoom(1.5, List.of("organ"), 5));
        assertThrows(IllegalArgumentException.class, () -> new RegionZoom(1.5, List.of("organ", "spot"), -1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> segmenter().withRegionZoom(new RegionZoom(1.5, List.of("organ", "tumour"), 5)));
        assertTrue(e.getMessage().contains("'tumour'"), e.getMessage());
    }
}
