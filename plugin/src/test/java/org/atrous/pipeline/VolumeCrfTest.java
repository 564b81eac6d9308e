package org.atrous.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.atrous.crf.CrfParams;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.Volume;
import org.atrous.model.OverlapMetrics;
import org.atrous.model.ProbabilityVolume;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class VolumeCrfTest {

    @Test
    void slabbedCrfCleansNoisyProbabilitiesLikeTheWholeVolumeCrf() {
        int n = 48, nz = 24;
        Geometry g = Geometry.axial(n, n, nz, 1, 1, 2);
        float[] img = new float[n * n * nz];
        byte[] truth = new byte[img.length];
        ProbabilityVolume p = new ProbabilityVolume(g, 2);
        SplittableRandom rnd = new SplittableRandom(9);
        byte[] noisyArgmax = new byte[img.length];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int i = (z * n + y) * n + x;
                    boolean in = Math.hypot(x - 24, y - 22) < 12 + z * 0.2;
                    truth[i] = (byte) (in ? 1 : 0);
                    img[i] = (in ? 60 : -80) + (float) (rnd.nextDouble() * 20 - 10);
                    float pin = (float) Math.min(0.95, Math.max(0.05, (in ? 0.65 : 0.35) + rnd.nextDouble() * 0.5 - 0.25));
                    p.set(1, i, pin);
                    p.set(0, i, 1 - pin);
                    noisyArgmax[i] = (byte) (pin > 0.5 ? 1 : 0);
                }
            }
        }
        Volume v = Volume.of(img, g, "CT");
        CrfParams params = CrfParams.defaults();
        double before = OverlapMetrics.of(noisyArgmax, truth, 1, g).dice();
        byte[] whole = VolumeCrf.refine(v, p, params, ProgressListener.NONE, Long.MAX_VALUE);
        byte[] slabbed = VolumeCrf.refine(v, p, params, ProgressListener.NONE, 2L * n * n * 10);
        byte[] slices = VolumeCrf.refine(v, p, params.withPerSlice(true), ProgressListener.NONE);
        double dWhole = OverlapMetrics.of(whole, truth, 1, g).dice();
        double dSlab = OverlapMetrics.of(slabbed, truth, 1, g).dice();
        double d2d = OverlapMetrics.of(slices, truth, 1, g).dice();
        assertTrue(before < 0.9, "input should be noisy: " + before);
        assertTrue(dWhole > 0.97 && dSlab > 0.97 && d2d > 0.95,
                "before " + before + " whole " + dWhole + " slabbed " + dSlab + " 2d " + d2d);
        int differ = 0;
        for (int i = 0; i < whole.length; i++) if (whole[i] != slabbed[i]) differ++;
        assertTrue(differ < 0.005 * whole.length, differ + " voxels differ between slabbed and whole");
    }

    @Test
    void boxedCrfGivesTheWholeVolumeCrfsLabelsAndBackgroundOutside() {
        int n = 96, nz = 16;
        Geometry g = Geometry.axial(n, n, nz, 1, 1, 2);
        float[] img = new float[n * n * nz];
        ProbabilityVolume p = new ProbabilityVolume(g, 3);
        SplittableRandom rnd = new SplittableRandom(11);
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int i = (z * n + y) * n + x;
                    double r = Math.hypot(x - 30, y - 40);
                    int cls = r < 8 ? 2 : r < 16 ? 1 : 0;
                    img[i] = (cls == 2 ? 150 : cls == 1 ? 60 : -80) + (float) (rnd.nextDouble() * 30 - 15);
                    // confident background far out, noisy near the object as a network's would be
                    float noise = r < 24 ? (float) (rnd.nextDouble() * 0.6 - 0.3) : 0;
                    float[] q = new float[3];
                    q[cls] = 0.7f + noise;
                    q[(cls + 1) % 3] = 0.3f - noise;
                    for (int c = 0; c < 3; c++) p.set(c, i, Math.max(0, q[c]));
                }
            }
        }
        Volume v = Volume.of(img, g, "CT");
        CrfParams params = CrfParams.defaults();
        byte[] whole = VolumeCrf.refine(v, p, params, ProgressListener.NONE, Long.MAX_VALUE);
        byte[] boxed = VolumeCrf.refine(v, p, params.withBoxMarginMm(10), ProgressListener.NONE, Long.MAX_VALUE);
        byte[] boxedSlabs = VolumeCrf.refine(v, p, params.withBoxMarginMm(10), ProgressListener.NONE, 3L * 60 * 60 * 8);
        // the foreground (argmax not background) lies within the noisy 24 pixels of (30, 40); 10 mm more
        int x0 = 30 - 34, x1 = 30 + 34, y0 = 40 - 34, y1 = 40 + 34;
        int differ = 0, differSlabs = 0, outsideForeground = 0, changed = 0;
        for (int i = 0; i < whole.length; i++) {
            if (whole[i] != boxed[i]) differ++;
            if (boxed[i] != boxedSlabs[i]) differSlabs++;
            int x = i % n, y = (i / n) % n;
            boolean inBox = x >= x0 && x <= x1 && y >= y0 && y <= y1;
            if (!inBox && boxed[i] != 0) outsideForeground++;
            if (inBox && boxed[i] != argmax(p, i)) changed++;
        }
        assertEquals(0, outsideForeground);
        assertTrue(changed > 500, "the CRF should have cleaned the noisy rim: " + changed);
        assertTrue(differ < 0.0005 * whole.length, differ + " voxels differ between boxed and whole");
        assertTrue(differSlabs < 0.005 * whole.length, differSlabs + " voxels differ between one box and its slabs");
        ProbabilityVolume empty = new ProbabilityVolume(g, 3);
        for (int i = 0; i < n * n * nz; i++) empty.set(0, i, 1);
        assertArrayEquals(new byte[n * n * nz], VolumeCrf.refine(v, empty, params.withBoxMarginMm(10), ProgressListener.NONE));
    }

    private static int argmax(ProbabilityVolume p, int i) {
        int best = 0;
        for (int c = 1; c < p.classes(); c++) if (p.get(c, i) > p.get(best, i)) best = c;
        return best;
    }
}
