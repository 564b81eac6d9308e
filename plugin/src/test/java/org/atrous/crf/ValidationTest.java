package org.atrous.crf;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad input fails with a message naming the problem, before any work. */
class ValidationTest {

    private static final int[] DIMS = {4, 3, 1};
    private static final double[] SPACING = {1, 1, 1};

    @Test
    void rejectsNanAndInfiniteUnaries() {
        float[] u = new float[2 * 12];
        u[5] = Float.NaN;
        assertMessage(() -> new DenseCrf(12, 2).setUnaryEnergy(u), "value 5 is NaN");
        u[5] = Float.POSITIVE_INFINITY;
        assertMessage(() -> new DenseCrf(12, 2).setUnaryEnergy(u), "Infinity");
    }

    @Test
    void rejectsWrongSizes() {
        assertMessage(() -> new DenseCrf(12, 2).setUnaryEnergy(new float[23]), "23 values, expected 24");
        assertMessage(() -> new DenseCrf(12, 2).addPairwise(GridFeatures.spatial(new int[] {5, 3, 1}, SPACING, 1),
                Compatibility.potts(1)), "15 points");
        assertMessage(() -> GridFeatures.bilateral(DIMS, SPACING, 1, new float[11], 1, 1), "11 values, expected 12");
        assertMessage(() -> DenseCrf.refine(new float[25], new float[12], DIMS, SPACING, CrfParams.defaults(), null),
                "L planes of 12");
    }

    @Test
    void rejectsNonPositiveStandardDeviations() {
        assertMessage(() -> GridFeatures.spatial(DIMS, SPACING, 0), "spatial standard deviation");
        assertMessage(() -> GridFeatures.bilateral(DIMS, SPACING, 3, new float[12], -1, 1), "intensity standard deviation");
        assertMessage(() -> GridFeatures.spatial(DIMS, new double[] {1, 0, 1}, 3), "voxel spacing");
        assertMessage(() -> new CrfParams(3, 3, 50, 0, 5, 5, false, -1), "intensity");
    }

    @Test
    void rejectsTooManyLabelsAndMismatchedCompatibility() {
        assertMessage(() -> new DenseCrf(12, 256), "1..255, got 256");
        assertMessage(() -> new DenseCrf(12, 3).addPairwise(GridFeatures.spatial(DIMS, SPACING, 1),
                Compatibility.diagonal(new double[] {1, 2})), "2 labels, the CRF has 3");
    }

    @Test
    void rejectsProbabilitiesOutOfRange() {
        float[] p = new float[24];
        p[3] = 1.5f;
        assertMessage(() -> new DenseCrf(12, 2).setUnaryFromProbabilities(p), "probability 3 is 1.5");
    }

    private static void assertMessage(Runnable r, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
