package org.atrous.crf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;

/**
 * The lattice approximates the Gaussian kernels; on tiny images the exact O(N^2) CRF bounds its
 * error. Measured largest marginal difference: printed by each test; the bound enforced is
 * {@link #BOUND}.
 */
class BruteForceBoundTest {

    /**
     * Largest allowed |lattice - exact| of any marginal after 5 iterations. The lattice's kernel
     * is not exactly the Gaussian (interpolation by splat and slice widens it; the reference
     * has the same approximation, and we match the reference's labels exactly), and weights 3
     * and 5 against weak random unaries amplify that; observed: 0.12 (2D), 0.18 (3D), 0.013
     * (full matrix, one kernel).
     */
    static final double BOUND = 0.25;

    @Test
    void latticeMatchesExactIn2d() {
        assertWithinBound(new int[] {14, 12, 1}, new double[] {1, 1, 1}, 3, 1);
    }

    @Test
    void latticeMatchesExactIn3dAnisotropic() {
        assertWithinBound(new int[] {9, 8, 5}, new double[] {0.8, 0.8, 2.5}, 3, 2);
    }

    @Test
    void fullCompatibilityMatrixMatchesExact() {
        int[] dims = {12, 10, 1};
        int n = 120;
        Random rnd = new Random(3);
        float[] image = image(dims, rnd);
        float[] unary = unary(3, n, rnd);
        Compatibility c = Compatibility.matrix(new double[][] {{4, 1, 0}, {1, 4, 2}, {0, 2, 4}});
        FeatureSource f = GridFeatures.bilateral(dims, new double[] {1, 1, 1}, 4, image, 20, 1);
        CrfResult lattice = new DenseCrf(n, 3).setUnaryEnergy(unary).addPairwise(f, c).inference(5, ProgressListener.NONE);
        CrfResult exact = new BruteForceCrf(n, 3, unary).addPairwise(f, c).inference(5);
        report("matrix", lattice, exact);
    }

    private void assertWithinBound(int[] dims, double[] spacing, int labels, long seed) {
        int n = dims[0] * dims[1] * dims[2];
        Random rnd = new Random(seed);
        float[] image = image(dims, rnd);
        float[] unary = unary(labels, n, rnd);
        FeatureSource smooth = GridFeatures.spatial(dims, spacing, 2);
        FeatureSource appearance = GridFeatures.bilateral(dims, spacing, 5, image, 20, 1);
        CrfResult lattice = new DenseCrf(n, labels).setUnaryEnergy(unary)
                .addPairwise(smooth, Compatibility.potts(3)).addPairwise(appearance, Compatibility.potts(5))
                .inference(5, ProgressListener.NONE);
        CrfResult exact = new BruteForceCrf(n, labels, unary)
                .addPairwise(smooth, Compatibility.potts(3)).addPairwise(appearance, Compatibility.potts(5))
                .inference(5);
        report(dims[2] == 1 ? "2d" : "3d", lattice, exact);
    }

    private static void report(String name, CrfResult lattice, CrfResult exact) {
        double max = 0;
        for (int i = 0; i < lattice.marginals().length; i++) {
            max = Math.max(max, Math.abs(lattice.marginals()[i] - exact.marginals()[i]));
        }
        System.out.printf("brute force vs lattice (%s): max marginal difference %.4f (bound %.2f)%n", name, max, BOUND);
        assertTrue(max <= BOUND, name + ": max marginal difference " + max);
        assertTrue(max > 0, "the lattice is an approximation: an exact match means the test compares nothing");
    }

    /** Two regions (left 40, right 120) plus noise. */
    static float[] image(int[] dims, Random rnd) {
        int n = dims[0] * dims[1] * dims[2];
        float[] img = new float[n];
        for (int i = 0; i < n; i++) img[i] = (i % dims[0] < dims[0] / 2 ? 40 : 120) + (float) (8 * rnd.nextGaussian());
        return img;
    }

    /** -log of random probabilities. */
    static float[] unary(int labels, int n, Random rnd) {
        float[] u = new float[labels * n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double[] p = new double[labels];
            for (int l = 0; l < labels; l++) sum += p[l] = 0.05 + rnd.nextDouble();
            for (int l = 0; l < labels; l++) u[l * n + i] = (float) -Math.log(p[l] / sum);
        }
        return u;
    }
}
