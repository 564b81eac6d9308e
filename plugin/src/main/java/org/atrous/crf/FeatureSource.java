package org.atrous.crf;

/**
 * The feature vector of every point of a pairwise kernel, already divided by the kernel's
 * standard deviations, so that the kernel is exp(-|f_i - f_j|^2 / 2). Computed on demand:
 * a 512x512x128 volume would need half a gigabyte to hold its 4-d features.
 * Implementations must be safe to call from several threads at once.
 */
public interface FeatureSource {

    /** Number of feature dimensions d. */
    int dimensions();

    /** Number of points N. */
    int size();

    /** Writes the d features of point {@code i} into {@code out[0..d)}. */
    void feature(int i, float[] out);
}
