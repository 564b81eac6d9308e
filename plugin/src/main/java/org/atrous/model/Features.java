package org.atrous.model;

/**
 * What a backbone hands to the head: the deep features (at the output stride) and the
 * low-level features (stride 4) that the v3+ decoder joins.
 */
public record Features(String high, int highChannels, String low, int lowChannels) { }
