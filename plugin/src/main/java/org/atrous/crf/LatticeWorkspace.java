package org.atrous.crf;

/**
 * Vertex value buffers for {@link PermutohedralLattice#filter}: one splat buffer per thread (so
 * that no write is shared), the blur's second buffer and, for a full compatibility matrix, the
 * mix buffer. Grown to the largest request and reused, so several lattices filtered one after
 * the other (never at once) share them. Not thread-safe.
 */
public final class LatticeWorkspace {

    float[][] splat = new float[0][];
    float[] blur = new float[0];
    private float[] mix = new float[0];

    void ensure(int threads, long size) {
        int s = checked(size);
        if (splat.length != threads) splat = new float[threads][0];
        for (int t = 0; t < threads; t++) {
            if (splat[t].length < s) splat[t] = new float[s];
        }
        if (blur.length < s) blur = new float[s];
    }

    float[] mix(long size) {
        int s = checked(size);
        if (mix.length < s) mix = new float[s];
        return mix;
    }

    private static int checked(long size) {
        if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("lattice too large: " + size + " values");
        return (int) size;
    }
}
