package org.atrous.crf;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Some of the {@link CrfParams} fields, the others left to a base: what a model card declares
 * for its CRF, or what a user overrides for one run. A null field keeps the base's value. The
 * field names are those of {@link CrfParams}, so a model card's {@code "crf"} block reads like
 * one, possibly partial. A card may also say in which {@code mode} its output is best refined
 * ("off", "2d" or "3d"), the default of commands that segment with it; null: theirs.
 */
public record CrfOverrides(Double gaussianSdMm, Double gaussianWeight, Double bilateralSdMm,
                           Double bilateralSdIntensity, Double bilateralWeight, Integer iterations,
                           Double boxMarginMm, @JsonInclude(JsonInclude.Include.NON_NULL) String mode) {

    public CrfOverrides {
        if (mode != null) CrfMode.parse(mode); // refuses a mode the commands would not take
    }

    /** Parameter overrides only, the mode left to the command. */
    public CrfOverrides(Double gaussianSdMm, Double gaussianWeight, Double bilateralSdMm, Double bilateralSdIntensity,
                        Double bilateralWeight, Integer iterations, Double boxMarginMm) {
        this(gaussianSdMm, gaussianWeight, bilateralSdMm, bilateralSdIntensity, bilateralWeight, iterations, boxMarginMm,
                null);
    }

    /** Only the foreground box's margin, the kernels left to the defaults. */
    public static CrfOverrides boxOnly(double marginMm) {
        return new CrfOverrides(null, null, null, null, null, null, marginMm);
    }

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
