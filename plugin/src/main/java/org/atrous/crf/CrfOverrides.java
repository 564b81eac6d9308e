package org.atrous.crf;

/**
 * Some of the {@link CrfParams} fields, the others left to a base: what a model card declares
 * for its CRF, or what a user overrides for one run. A null field keeps the base's value. The
 * field names are those of {@link CrfParams}, so a model card's {@code "crf"} block reads like
 * one, possibly partial.
 */
public record CrfOverrides(Double gaussianSdMm, Double gaussianWeight, Double bilateralSdMm,
                           Double bilateralSdIntensity, Double bilateralWeight, Integer iterations,
                           Double boxMarginMm) {

    /** Nothing overridden. */
    public static CrfOverrides none() {
        return new CrfOverrides(null, null, null, null, null, null, null);
    }

    /**
     * {@code base} with the non-null fields replaced; the result is validated like any
     * {@link CrfParams} (an IllegalArgumentException names a bad value).
     */
    public CrfParams applyTo(CrfParams base) {
        return new CrfParams(or(gaussianSdMm, base.gaussianSdMm()), or(gaussianWeight, base.gaussianWeight()),
                or(bilateralSdMm, base.bilateralSdMm()), or(bilateralSdIntensity, base.bilateralSdIntensity()),
                or(bilateralWeight, base.bilateralWeight()), iterations == null ? base.iterations() : iterations,
                base.perSlice(), or(boxMarginMm, base.boxMarginMm()));
    }

    private static double or(Double value, double base) {
        return value == null ? base : value;
    }
}
