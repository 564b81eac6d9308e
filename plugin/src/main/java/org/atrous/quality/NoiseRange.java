package org.atrous.quality;

import java.util.Locale;

/**
 * The global noise levels (HU, see {@link GlobalNoiseLevel}) of the series a model was validated
 * on: a model card's {@code noiseLevelHu}. A series outside it is still segmented, with a
 * warning, since a model trained at one noise level can lose or invent lesions at another.
 */
public record NoiseRange(double minHu, double maxHu) {

    public NoiseRange {
        if (!(minHu >= 0) || !(maxHu > minHu) || Double.isInfinite(maxHu)) {
            throw new IllegalArgumentException("noise level range must satisfy 0 <= minHu < maxHu, was " + minHu
                    + ".." + maxHu);
        }
    }

    /**
     * A warning for a series of global noise level {@code gnl}, or null when it lies inside the
     * range or could not be measured (NaN: too little soft tissue).
     */
    public String warning(double gnl, String model) {
        if (Double.isNaN(gnl) || gnl >= minHu && gnl <= maxHu) return null;
        return String.format(Locale.ROOT, "noise level %.1f HU is %s the %.1f-%.1f HU that %s was validated on; "
                + "expect %s", gnl, gnl < minHu ? "below" : "above", minHu, maxHu, model,
                gnl < minHu ? "missed lesions" : "false lesions and rougher outlines");
    }
}
