package org.atrous.model;

/**
 * What a backbone hands to the head: the deep features (at the output stride), the low-level
 * features (stride 4) that the v3+ decoder joins, and, where the backbone names them, the
 * stride-2 features an optional refinement joins (null otherwise).
 */
public record Features(String high, int highChannels, String low, int lowChannels, String fine) {

    /** A backbone without stride-2 features for the refinement. */
    public Features(String high, int highChannels, String low, int lowChannels) {
        this(high, highChannels, low, lowChannels, null);
    }
}
