package org.atrous.crf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link DenseCrf#refine}: a coarse, noisy prediction of a bright sphere snaps to its edge. */
class RefineTest {

    private static final int W = 40, H = 40, D = 12;
    private static final double[] SPACING = {1.0, 1.0, 2.5};

    /**
     * Wide kernels (50 mm, weight 5): this prediction is 4 mm off everywhere, farther than the
     * CT defaults (tuned for network output with small boundary errors) reach.
     */
    private static final CrfParams WIDE = new CrfParams(3, 3, 50, 15, 5, 5, false, -1);

    @Test
    void refineIn3dImprovesAccuracy() {
        Case c = new Case(1);
        CrfResult r = DenseCrf.refine(c.probabilities, c.image, c.dims(), SPACING, WIDE, null);
        double before = accuracy(CrfRefiner.unrefined(c.probabilities, 2, c.n).labels(), c.truth);
        double after = accuracy(r.labels(), c.truth);
        assertTrue(after > before + 0.05, "accuracy " + before + " -> " + after);
    }

    @Test
    void perSliceAndBoxAlsoImproveAndKeepOutsideUntouched() {
        Case c = new Case(2);
        CrfParams p = WIDE.withPerSlice(true).withBoxMarginMm(5);
        CrfResult r = DenseCrf.refine(c.probabilities, c.image, c.dims(), SPACING, p, null);
        byte[] input = CrfRefiner.unrefined(c.probabilities, 2, c.n).labels();
        assertTrue(accuracy(r.labels(), c.truth) > accuracy(input, c.truth) + 0.05);
        // (0, 0, 0) lies far outside the sphere's box: its probabilities pass through unchanged.
        assertEquals(c.probabilities[0], r.marginal(0, 0));
        assertEquals(c.probabilities[c.n], r.marginal(1, 0));
    }

    @Test
    void aCutOutGridKeepsTheWholeGridsFeatures() {
        float[] image = new float[W * H * D];
        for (int i = 0; i < image.length; i++) image[i] = i % 97;
        int[] origin = {5, 7, 3};
        int w = 10, h = 12, d = 4;
        float[] cut = new float[w * h * d];
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    cut[(z * h + y) * w + x] = image[((z + origin[2]) * H + y + origin[1]) * W + x + origin[0]];
                }
            }
        }
        GridFeatures whole = GridFeatures.bilateral(new int[] {W, H, D}, SPACING, 3, image, 15, 1);
        GridFeatures part = GridFeatures.bilateral(new int[] {w, h, d}, SPACING, 3, cut, 15, 1).at(origin);
        float[] a = new float[4], b = new float[4];
        int i = (2 * h + 5) * w + 9; // x 9, y 5, z 2 of the cut: 14, 12, 5 of the whole
        part.feature(i, a);
        whole.feature((5 * H + 12) * W + 14, b);
        org.junit.jupiter.api.Assertions.assertArrayEquals(b, a);
        assertEquals(14 / 3f, a[0], 1e-6f);
        assertEquals(5 * 2.5f / 3f, a[2], 1e-6f);
    }

    private static double accuracy(byte[] labels, byte[] truth) {
        int ok = 0;
        for (int i = 0; i < labels.length; i++) if (labels[i] == truth[i]) ok++;
        return ok / (double) labels.length;
    }

    /** Sphere of radius 8 mm: image 100 inside, 20 outside, noise sd 8; prediction a blurred cube. */
    private static final class Case {
        final int n = W * H * D;
        final float[] image = new float[n];
        final float[] probabilities = new float[2 * n];
        final byte[] truth = new byte[n];

        Case(long seed) {
            Random rnd = new Random(seed);
            for (int z = 0; z < D; z++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        int i = (z * H + y) * W + x;
                        double r = Math.sqrt(sq(x - 20) + sq(y - 20) + sq((z - 6) * 2.5));
                        truth[i] = (byte) (r <= 8 ? 1 : 0);
                        image[i] = (float) ((truth[i] == 1 ? 100 : 20) + 8 * rnd.nextGaussian());
                        // Coarse prediction: a 24 mm cube, soft (0.65 inside, 0.3 outside, never foreground), noisy.
                        boolean cube = Math.abs(x - 20) <= 12 && Math.abs(y - 20) <= 12 && Math.abs(z - 6) * 2.5 <= 12;
                        double noisy = (cube ? 0.65 : 0.3) + 0.1 * rnd.nextGaussian();
                        float p = (float) (cube ? Math.min(0.95, Math.max(0.05, noisy)) : Math.min(0.45, Math.max(0.05, noisy)));
                        probabilities[n + i] = p;
                        probabilities[i] = 1 - p;
                    }
                }
            }
        }

        int[] dims() {
            return new int[] {W, H, D};
        }

        private static double sq(double v) {
            return v * v;
        }
    }
}
