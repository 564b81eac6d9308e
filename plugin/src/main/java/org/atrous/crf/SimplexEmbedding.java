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
    /**
     * Barycentric weight of each vertex r = 0..d, summing to 1 (the working array itself, one
     * entry longer: no copy per point).
     */
    final float[] weights;
    /** Vertex r packed into one long (see {@link PackedKeyTable}); valid only when {@link #fits}. */
    final long[] packed;
    /** Whether every coordinate of every vertex fitted the packed form. */
    boolean fits;
    private final int bits;
    private final long bias;
    private final long limit;
    /** One in every packed field; d+1 in field k (0 for the dropped coordinate d). */
    private final long ones;
    private final long[] stepDown;
    /** The coordinate of each rank. */
    private final int[] byRank;

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
        weights = barycentric;
        packed = new long[d + 1];
        bits = PackedKeyTable.bits(d);
        bias = 1L << (bits - 1);
        limit = 1L << bits;
        long one = 0;
        stepDown = new long[d + 1];
        for (int k = 0; k < d; k++) {
            one |= 1L << (k * bits);
            stepDown[k] = (long) (d + 1) << (k * bits);
        }
        ones = one;
        byRank = new int[d + 1];
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
        int sum = roundToZeroPlane(i);
        rankRemainders();
        fits = restoreSumAndWeigh(sum);
        if (fits) packDirectly();
        if (wantKeys || !fits) computeKeys();
    }

    /*
     * The steps below are few fused loops over d+1 entries rather than one loop per quantity:
     * with so short loops, the JIT's loop overhead costs more than the arithmetic.
     */

    private void elevate() {
        float sm = 0;
        for (int j = d; j > 0; j--) {
            float cf = feature[j - 1] * scale[j - 1];
            elevated[j] = sm - j * cf;
            sm += cf;
        }
        elevated[0] = sm;
    }

    /**
     * Rounds each elevated coordinate to the nearest multiple of d+1 (rem0), keeps the
     * remainders, and returns the sum of the rounded coordinates / (d+1). Refuses (rather than
     * wraps) a point whose features are not finite or so large that vertex keys would not fit.
     */
    private int roundToZeroPlane(int point) {
        float down = 1.0f / (d + 1);
        int sum = 0;
        for (int k = 0; k <= d; k++) {
            float e = elevated[k];
            if (!(Math.abs(e) < MAX_ELEVATED)) throw notFinite(point);
            int rd = roundHalfAway(down * e);
            rem0[k] = rd * (d + 1);
            remainder[k] = e - rem0[k];
            rank[k] = 0;
            barycentric[k] = 0;
            sum += rd;
        }
        barycentric[d + 1] = 0;
        return sum;
    }

    private IllegalArgumentException notFinite(int point) {
        return new IllegalArgumentException("lattice features of point " + point + " are not finite or too large"
                + " (more than about 1e8 standard deviations): " + java.util.Arrays.toString(feature));
    }

    /** Rank of each remainder by sorting, without branches (the comparisons would mispredict). */
    private void rankRemainders() {
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
    }

    /**
     * Brings a point whose rounded coordinates do not sum to zero back onto the plane, then
     * accumulates the barycentric weights; returns whether every vertex coordinate (within d+1
     * of rem0) fits the packed form.
     */
    private boolean restoreSumAndWeigh(int sum) {
        float down = 1.0f / (d + 1);
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int k = 0; k <= d; k++) {
            int rk = rank[k] + sum;
            int shift = ((rk < 0 ? 1 : 0) - (rk > d ? 1 : 0)) * (d + 1);
            rk += shift;
            int r0 = rem0[k] + shift;
            rank[k] = rk;
            rem0[k] = r0;
            byRank[rk] = k;
            float v = (elevated[k] - r0) * down;
            barycentric[d - rk] += v;
            barycentric[d - rk + 1] -= v;
            if (k < d) {
                lo = Math.min(lo, r0);
                hi = Math.max(hi, r0);
            }
        }
        barycentric[0] += 1.0f + barycentric[d + 1];
        return lo - (d + 1) + bias >= 0 && hi + d + bias < limit - 1;
    }

    /**
     * Vertex r of the simplex is rem0 + canonical[r][rank]: r, less d+1 where rank > d - r. So
     * vertex r is vertex r-1 plus one on every coordinate, less d+1 on the one coordinate of
     * rank d-r+1: packed straight from rem0, one add per vertex. The range check of
     * {@link #restoreSumAndWeigh} guarantees that fields never carry into each other.
     */
    private void packDirectly() {
        long p = 0;
        for (int k = 0; k < d; k++) p |= (rem0[k] + bias) << (k * bits);
        packed[0] = p;
        for (int r = 1; r <= d; r++) {
            p += ones - stepDown[byRank[d - r + 1]];
            packed[r] = p;
        }
    }

    private void computeKeys() {
        for (int r = 0; r <= d; r++) {
            for (int k = 0; k < d; k++) keys[r * d + k] = rem0[k] + r - (rank[k] > d - r ? d + 1 : 0);
        }
    }

    /** C's round(): halves away from zero, as the reference rounds. */
    private static int roundHalfAway(float x) {
        // truncation after adding ±0.5 (exact in double): no data-dependent branch
        return (int) (x + Math.copySign(0.5d, x));
    }
}
