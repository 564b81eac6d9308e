package org.atrous.model.train;

import java.util.SplittableRandom;

/**
 * Random changes applied to each training patch, drawn per patch: in-plane rotation, isotropic
 * scaling, optional left-right flip (off where labels are lateral, such as left and right
 * kidney), and intensity scale, shift and Gaussian noise in normalised units.
 */
public record Augmentation(double maxRotationDeg, double maxScaleChange, boolean flip,
                           double maxIntensityScale, double maxIntensityShift, double maxNoiseSd) {

    /** No change at all: for validation and tests. */
    public static final Augmentation NONE = new Augmentation(0, 0, false, 0, 0, 0);

    /** Largest added noise SD of the defaults, in normalised units (20 HU in a W400 window). */
    public static final double STANDARD_NOISE_SD = 0.05;

    /** nnU-Net-like defaults, rather milder for 2D slices. */
    public static Augmentation standard(boolean flip) {
        return standard(flip, STANDARD_NOISE_SD);
    }

    /**
     * The defaults with another noise ceiling: on CT the noise must stay well below the
     * contrast to be learnt (a liver tumour may differ from liver by 15 HU, 0.04 in W400).
     */
    public static Augmentation standard(boolean flip, double maxNoiseSd) {
        if (!(maxNoiseSd >= 0)) throw new IllegalArgumentException("noise SD cannot be negative: " + maxNoiseSd);
        return new Augmentation(15, 0.15, flip, 0.1, 0.1, maxNoiseSd);
    }

    /** One draw of the parameters. */
    Draw draw(SplittableRandom rnd) {
        double angle = Math.toRadians(uniform(rnd, maxRotationDeg));
        double scale = 1 + uniform(rnd, maxScaleChange);
        boolean flipped = flip && rnd.nextBoolean();
        return new Draw(Math.cos(angle) * scale, Math.sin(angle) * scale, flipped,
                1 + uniform(rnd, maxIntensityScale), uniform(rnd, maxIntensityShift),
                maxNoiseSd > 0 ? rnd.nextDouble() * maxNoiseSd : 0);
    }

    private static double uniform(SplittableRandom rnd, double max) {
        return max == 0 ? 0 : (rnd.nextDouble() * 2 - 1) * max;
    }

    /** Drawn parameters: patch offset (du, dv) maps to slice offset (c·du − s·dv, s·du + c·dv). */
    record Draw(double cos, double sin, boolean flipped, double intensityScale, double intensityShift,
                double noiseSd) { }
}
