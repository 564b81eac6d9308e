package org.atrous.model.train;

import java.util.SplittableRandom;

/**
 * Random changes applied to each training patch, drawn per patch: in-plane rotation, isotropic
 * scaling, optional left-right flip (off where labels are lateral, such as left and right
 * kidney), intensity scale, shift and Gaussian noise in normalised units, and optionally an
 * elastic deformation (off by default: nnU-Net applies it rarely, and it costs little but
 * changes every patch a seed draws).
 *
 * @param maxElasticPx   largest elastic displacement in patch pixels; each patch draws an
 *                       amplitude up to it (0 = no elastic deformation)
 * @param elasticSigmaPx smoothness of the displacement field in patch pixels
 * @param maxMagnification largest magnification of a patch (1 = none): above 1, half the
 *                       patches are shown enlarged by a factor drawn log-uniformly in
 *                       [1, maxMagnification], so a model whose card zooms into a region
 *                       ({@code regionZoom}) sees that scale in training too
 */
public record Augmentation(double maxRotationDeg, double maxScaleChange, boolean flip,
                           double maxIntensityScale, double maxIntensityShift, double maxNoiseSd,
                           double maxElasticPx, double elasticSigmaPx, double maxMagnification) {

    /** No change at all: for validation and tests. */
    public static final Augmentation NONE = new Augmentation(0, 0, false, 0, 0, 0);

    /** Default smoothness of the elastic field, pixels (nnU-Net draws 9–13). */
    public static final double DEFAULT_ELASTIC_SIGMA = 10;

    public Augmentation {
        if (!(maxElasticPx >= 0) || Double.isInfinite(maxElasticPx)) {
            throw new IllegalArgumentException("elastic displacement must be finite and >= 0: " + maxElasticPx);
        }
        if (!(elasticSigmaPx > 0) || Double.isInfinite(elasticSigmaPx)) {
            throw new IllegalArgumentException("elastic sigma must be finite and > 0: " + elasticSigmaPx);
        }
        if (!(maxMagnification >= 1 && maxMagnification <= 4)) {
            throw new IllegalArgumentException("magnification must be in 1..4: " + maxMagnification);
        }
    }

    /** Without magnified patches. */
    public Augmentation(double maxRotationDeg, double maxScaleChange, boolean flip,
                        double maxIntensityScale, double maxIntensityShift, double maxNoiseSd,
                        double maxElasticPx, double elasticSigmaPx) {
        this(maxRotationDeg, maxScaleChange, flip, maxIntensityScale, maxIntensityShift, maxNoiseSd,
                maxElasticPx, elasticSigmaPx, 1);
    }

    /** Without elastic deformation. */
    public Augmentation(double maxRotationDeg, double maxScaleChange, boolean flip,
                        double maxIntensityScale, double maxIntensityShift, double maxNoiseSd) {
        this(maxRotationDeg, maxScaleChange, flip, maxIntensityScale, maxIntensityShift, maxNoiseSd,
                0, DEFAULT_ELASTIC_SIGMA);
    }

    /** The same, with elastic deformation up to {@code maxPx} pixels, smoothness {@code sigmaPx}. */
    public Augmentation withElastic(double maxPx, double sigmaPx) {
        return new Augmentation(maxRotationDeg, maxScaleChange, flip, maxIntensityScale, maxIntensityShift,
                maxNoiseSd, maxPx, sigmaPx, maxMagnification);
    }

    /** The same, with half the patches enlarged by up to {@code max} (1 = none). */
    public Augmentation withMagnification(double max) {
        return new Augmentation(maxRotationDeg, maxScaleChange, flip, maxIntensityScale, maxIntensityShift,
                maxNoiseSd, maxElasticPx, elasticSigmaPx, max);
    }

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

    /** One draw of the parameters for a patch of {@code patch}×{@code patch} pixels. */
    Draw draw(SplittableRandom rnd, int patch) {
        double angle = Math.toRadians(uniform(rnd, maxRotationDeg));
        double scale = 1 + uniform(rnd, maxScaleChange);
        // drawn only when asked, so runs without it keep their random sequence
        if (maxMagnification > 1 && rnd.nextBoolean()) scale = Math.pow(maxMagnification, -rnd.nextDouble());
        boolean flipped = flip && rnd.nextBoolean();
        return new Draw(Math.cos(angle) * scale, Math.sin(angle) * scale, flipped,
                1 + uniform(rnd, maxIntensityScale), uniform(rnd, maxIntensityShift),
                maxNoiseSd > 0 ? rnd.nextDouble() * maxNoiseSd : 0,
                // drawn last and only when asked, so runs without it keep their random sequence
                maxElasticPx > 0 ? ElasticField.random(rnd, patch, rnd.nextDouble() * maxElasticPx, elasticSigmaPx) : null);
    }

    private static double uniform(SplittableRandom rnd, double max) {
        return max == 0 ? 0 : (rnd.nextDouble() * 2 - 1) * max;
    }

    /**
     * Drawn parameters: patch offset (du, dv), first displaced by the elastic field (null when
     * none), maps to slice offset (c·du − s·dv, s·du + c·dv).
     */
    record Draw(double cos, double sin, boolean flipped, double intensityScale, double intensityShift,
                double noiseSd, ElasticField elastic) { }
}
