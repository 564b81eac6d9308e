package org.atrous.crf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class PermutohedralLatticeTest {

    /** Splat is the transpose of slice and the blur is symmetric: <a, K b> = <K a, b>. */
    @Test
    void filterIsSymmetric() {
        int[] dims = {20, 15, 6};
        Random rnd = new Random(7);
        float[] image = BruteForceBoundTest.image(dims, rnd);
        FeatureSource f = GridFeatures.bilateral(dims, new double[] {1, 1, 2}, 3, image, 10, 1);
        PermutohedralLattice lattice = PermutohedralLattice.build(f, ProgressListener.NONE);
        int n = f.size();
        float[] a = random(n, rnd);
        float[] b = random(n, rnd);
        float[] ka = new float[n];
        float[] kb = new float[n];
        lattice.filter(a, 1, null, null, ka, false);
        lattice.filter(b, 1, null, null, kb, false);
        double left = 0;
        double right = 0;
        for (int i = 0; i < n; i++) {
            left += a[i] * (double) kb[i];
            right += ka[i] * (double) b[i];
        }
        assertEquals(left, right, 1e-4 * Math.abs(left));
    }

    /** The int-key path (for coordinates too wide to pack into a long) builds the same lattice. */
    @Test
    void wideKeysGiveTheSameFilter() {
        FeatureSource f = line(500, 0);
        float[] packed = new float[500];
        float[] wide = new float[500];
        PermutohedralLattice.build(f, null).filterOnes(packed);
        new LatticeBuilder(f, null).build(true).filterOnes(wide);
        assertArrayEquals(packed, wide);
    }

    /**
     * Features 40 000 standard deviations from the origin, beyond the reference's 16-bit keys
     * and the 12 bits per coordinate of packed keys at d = 5: the kernel weights stay those of
     * the same points near the origin (up to the lattice's position-dependent interpolation).
     */
    @Test
    void largeCoordinatesDoNotOverflowKeys() {
        int n = 500;
        float[] kNear = new float[n];
        float[] kFar = new float[n];
        PermutohedralLattice.build(line(n, 0), null).filterOnes(kNear);
        PermutohedralLattice.build(line(n, 40_000), null).filterOnes(kFar);
        double sumNear = 0;
        double sumFar = 0;
        for (int i = 0; i < n; i++) {
            sumNear += kNear[i];
            sumFar += kFar[i];
        }
        assertEquals(sumNear, sumFar, 0.2 * sumNear);
        assertTrue(kFar[n / 2] > 1, "interior points gather weight from their neighbours");
    }

    /** Features too large for int vertex keys, or not finite, are refused instead of wrapping. */
    @Test
    void hugeOrNonFiniteFeaturesAreRefused() {
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> PermutohedralLattice.build(line(50, 3e8f), null));
        assertTrue(huge.getMessage().contains("too large"), huge.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PermutohedralLattice.build(line(50, Float.NaN), null));
        assertThrows(IllegalArgumentException.class,
                () -> PermutohedralLattice.build(line(50, Float.POSITIVE_INFINITY), null));
    }

    @Test
    void constantStaysConstantInTheInterior() {
        int[] dims = {40, 40, 1};
        FeatureSource f = GridFeatures.spatial(dims, new double[] {1, 1, 1}, 2);
        PermutohedralLattice lattice = PermutohedralLattice.build(f, null);
        float[] ones = new float[1600];
        java.util.Arrays.fill(ones, 1f);
        float[] norm = new float[1600];
        lattice.filter(ones, 1, null, null, norm, false);
        float centre = norm[20 * 40 + 20];
        float corner = norm[0];
        assertTrue(corner < 0.6 * centre, "a corner has fewer neighbours than the centre");
        assertEquals(centre, norm[20 * 40 + 21], 0.1 * centre);
    }

    private static FeatureSource line(int n, float offset) {
        return new FeatureSource() {
            public int dimensions() { return 5; }
            public int size() { return n; }
            public void feature(int i, float[] out) {
                out[0] = offset + i * 0.3f;
                for (int k = 1; k < 5; k++) out[k] = offset + k;
            }
        };
    }

    private static float[] random(int n, Random rnd) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextFloat();
        return v;
    }
}
