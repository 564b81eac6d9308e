package org.atrous.crf;

/**
 * Parameters of {@link DenseCrf#refine} in physical units.
 *
 * @param gaussianSdMm       smoothness kernel: spatial standard deviation in mm
 * @param gaussianWeight     smoothness kernel: Potts weight
 * @param bilateralSdMm      appearance kernel: spatial standard deviation in mm
 * @param bilateralSdIntensity appearance kernel: intensity standard deviation (HU for CT)
 * @param bilateralWeight    appearance kernel: Potts weight
 * @param iterations         mean-field iterations
 * @param perSlice           true: a 2D CRF on each slice; false: one 3D CRF over the volume
 * @param boxMarginMm        negative: the whole volume; otherwise only the bounding box of the
 *                           foreground (argmax of the input not label 0) grown by this margin is
 *                           refined, the rest keeps the input's labels and probabilities
 */
public record CrfParams(double gaussianSdMm, double gaussianWeight, double bilateralSdMm,
                        double bilateralSdIntensity, double bilateralWeight, int iterations,
                        boolean perSlice, double boxMarginMm) {

    public CrfParams {
        CrfValidation.positive("gaussian standard deviation (mm)", gaussianSdMm);
        CrfValidation.positive("bilateral standard deviation (mm)", bilateralSdMm);
        CrfValidation.positive("bilateral intensity standard deviation", bilateralSdIntensity);
        if (!Double.isFinite(gaussianWeight) || !Double.isFinite(bilateralWeight)) {
            throw new IllegalArgumentException("kernel weights must be finite");
        }
        if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        if (Double.isNaN(boxMarginMm)) throw new IllegalArgumentException("box margin must be a number");
    }

    /**
     * Defaults for CT: smoothness 1 mm, weight 0.5; appearance 3 mm and 15 HU (about one noise
     * standard deviation), weight 1.5; 5 iterations; whole volume. Chosen with
     * {@code atrous crf-demo} on phantom seed 5001 (a prediction coarsened by 8) and checked on
     * seed 5002: wider or heavier kernels, such as 50 mm at weight 5, let the background swamp
     * kidneys, aorta and tumours (docs/crf.md has the figures).
     */
    /**
     * The margin (mm) of the foreground box that models trained here name (3.3 standard deviations
     * of the default 3 mm appearance kernel): on ct-abdomen it gave the whole volume's labels,
     * 6 of 52 M voxels apart, with a quarter of the CRF's time (docs/benchmarks.md).
     */
    public static final double FOREGROUND_BOX_MARGIN_MM = 10;

    public static CrfParams defaults() {
        return new CrfParams(1, 0.5, 3, 15, 1.5, 5, false, -1);
    }

    public CrfParams withPerSlice(boolean slices) {
        return new CrfParams(gaussianSdMm, gaussianWeight, bilateralSdMm, bilateralSdIntensity,
                bilateralWeight, iterations, slices, boxMarginMm);
    }

    public CrfParams withBoxMarginMm(double marginMm) {
        return new CrfParams(gaussianSdMm, gaussianWeight, bilateralSdMm, bilateralSdIntensity,
                bilateralWeight, iterations, perSlice, marginMm);
    }

    public CrfParams withIterations(int n) {
        return new CrfParams(gaussianSdMm, gaussianWeight, bilateralSdMm, bilateralSdIntensity,
                bilateralWeight, n, perSlice, boxMarginMm);
    }
}
