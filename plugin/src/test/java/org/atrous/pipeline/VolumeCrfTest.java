package org.atrous.pipeline;

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
}
