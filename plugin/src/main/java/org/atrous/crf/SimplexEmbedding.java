package org.atrous.crf;

/**
 * Finds, for one feature vector, the enclosing simplex of the permutohedral lattice A*_d and
 * the barycentric weights of its d+1 vertices (Adams, Baek and Davis 2010, section 3.1), with
 * the same scaling and rounding as Krähenbühl's reference code so that both build the same
 * lattice. One instance holds the scratch arrays of one thread: no allocation per point.
 */
final class SimplexEmbedding {

    /** Largest |elevated coordinate|: keys within d+1 of it, and their blur steps, stay ints. */
    private static final float MAX_ELEVATED = 1e9f;
    private final int d;
    private final float[] scale;
    private final float[] remainder;
    private final float[] feature;
    private final float[] elevated;
    private final int[] rem0;
    private final int[] rank;
    private final float[] barycentric;
    /** Keys of the d+1 vertices: vertex r at {@code keys[r * d .. r * d + d)}. */
    final int[] keys;
    /** Barycentric weight of each vertex, summing to 1. */
    final float[] weights;
    /** Vertex r packed into one long (see {@link PackedKeyTable}); valid only when {@link #fits}. */
    final long[] packed;
    /** Whether every coordinate of every vertex fitted the packed form. */
    boolean fits;
    private final int bits;
    private final long bias;
    private final long limit;

    SimplexEmbedding(int d) {
        this.d = d;
        scale = new float[d];
        // Scales features so that the lattice blur approximates a unit-variance Gaussian.
        double invStdDev = Math.sqrt(2.0 / 3.0) * (d + 1);
        for (int i = 0; i < d; i++) scale[i] = (float) (invStdDev / Math.sqrt((i + 1.0) * (i + 2.0)));
        remainder = new float[d + 1];
        feature = new float[d];
        elevated = new float[d + 1];
        rem0 = new int[d + 1];
        rank = new int[d + 1];
        barycentric = new float[d + 2];
        keys = new int[(d + 1) * d];
        weights = new float[d + 1];
        packed = new long[d + 1];
        bits = PackedKeyTable.bits(d);
        bias = 1L << (bits - 1);
        limit = 1L << bits;
    }

    /**
     * Packs d coordinates, or returns -1 when one does not fit. The largest biased value is
     * left unused, so -1 (all bits set) is never a valid packing.
     */
    long pack(int[] key, int from) {
        long p = 0;
        for (int k = 0; k < d; k++) {
            long c = key[from + k] + bias;
            if (c < 0 || c >= limit - 1) return -1;
            p |= c << (k * bits);
        }
        return p;
    }

    /** Inverse of {@link #pack}. */
    void unpack(long p, int[] key) {
        long m = limit - 1;
        for (int k = 0; k < d; k++) key[k] = (int) (((p >>> (k * bits)) & m) - bias);
    }

    /**
     * Embeds point {@code i} of {@code source}: {@link #weights}, and {@link #packed} when
     * {@link #fits}; {@link #keys} only when {@code wantKeys} or the point does not fit.
     */
    void embed(FeatureSource source, int i, boolean wantKeys) {
        source.feature(i, feature);
        elevate();
        checkRange(i);
        roundToZeroColoredSimplex();
        computeBarycentric();
        System.arraycopy(barycentric, 0, weights, 0, d + 1);
        fits = packDirectly();
        if (wantKeys || !fits) computeKeys();
    }

    /**
     * Vertex r of the simplex is rem0 + canonical[r][rank]: r, less d+1 where rank > d - r.
     * Packs all d+1 vertices straight from rem0 and rank when every coordinate (within d+1 of
     * rem0) fits.
     */
    private boolean packDirectly() {
        int lo = rem0[0];
        int hi = rem0[0];
        for (int k = 1; k < d; k++) {
            lo = Math.min(lo, rem0[k]);
            hi = Math.max(hi, rem0[k]);
        }
        if (lo - (d + 1) + bias < 0 || hi + d + bias >= limit - 1) return false;
        for (int r = 0; r <= d; r++) {
            long p = 0;
            for (int k = 0; k < d; k++) {
                long c = rem0[k] + r - (rank[k] > d - r ? d + 1 : 0) + bias;
                p |= c << (k * bits);
            }
            packed[r] = p;
        }
        return true;
    }

    /**
     * Vertex coordinates are ints near the elevated coordinates: refuse (rather than wrap) a
     * point whose features are not finite or so large that they would not fit.
     */
    private void checkRange(int i) {
        for (int k = 0; k <= d; k++) {
            if (!(Math.abs(elevated[k]) < MAX_ELEVATED)) {
                throw new IllegalArgumentException("lattice features of point " + i + " are not finite or too large"
                        + " (more than about 1e8 standard deviations): " + java.util.Arrays.toString(feature));
            }
        }
    }

    private void computeKeys() {
        for (int r = 0; r <= d; r++) {
            for (int k = 0; k < d; k++) keys[r * d + k] = rem0[k] + r - (rank[k] > d - r ? d + 1 : 0);
        }
    }

    private void elevate() {
        float sm = 0;
        for (int j = d; j > 0; j--) {
            float cf = feature[j - 1] * scale[j - 1];
            elevated[j] = sm - j * cf;
            sm += cf;
        }
        elevated[0] = sm;
    }

    private void roundToZeroColoredSimplex() {
        float down = 1.0f / (d + 1);
        int sum = 0;
        for (int i = 0; i <= d; i++) {
            int rd = roundHalfAway(down * elevated[i]);
            rem0[i] = rd * (d + 1);
            sum += rd;
        }
        // Rank of each remainder by sorting; written without branches (the comparisons are
        // data-dependent and would mispredict).
        for (int i = 0; i <= d; i++) {
            rank[i] = 0;
            remainder[i] = elevated[i] - rem0[i];
        }
        for (int i = 0; i < d; i++) {
            float di = remainder[i];
            int ri = 0;
            for (int j = i + 1; j <= d; j++) {
                int less = di < remainder[j] ? 1 : 0;
                ri += less;
                rank[j] += 1 - less;
            }
            rank[i] += ri;
        }
        // Bring a point whose rounded coordinates do not sum to zero back onto the plane.
        for (int i = 0; i <= d; i++) {
            int ri = rank[i] + sum;
            int shift = ((ri < 0 ? 1 : 0) - (ri > d ? 1 : 0)) * (d + 1);
            rank[i] = ri + shift;
            rem0[i] += shift;
        }
    }

    private void computeBarycentric() {
        float down = 1.0f / (d + 1);
        for (int i = 0; i <= d + 1; i++) barycentric[i] = 0;
        for (int i = 0; i <= d; i++) {
            float v = (elevated[i] - rem0[i]) * down;
            barycentric[d - rank[i]] += v;
            barycentric[d - rank[i] + 1] -= v;
        }
        barycentric[0] += 1.0f + barycentric[d + 1];
    }

    /** C's round(): halves away from zero, as the reference rounds. */
    private static int roundHalfAway(float x) {
        return x >= 0 ? (int) (x + 0.5d) : -(int) (-x + 0.5d);
    }
}
