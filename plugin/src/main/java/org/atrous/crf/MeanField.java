package org.atrous.crf;

/**
 * The per-point steps of mean-field inference shared by the lattice and the brute-force CRF:
 * softmax of log-potentials into marginals and the final argmax. Arrays are label-major.
 */
final class MeanField {

    private MeanField() { }

    /** Points per tile in softmax: the label-major planes are then walked contiguously. */
    private static final int TILE = 512;

    /**
     * q = softmax over labels of {@code logits} at every point (reference's expAndNormalize).
     * Works on tiles of points, label plane by label plane, so the inner loops run over
     * contiguous memory.
     */
    static void softmax(float[] logits, float[] q, int labels, int n) {
        Parallel.forRanges(n, (t, from, to) -> {
            float[] max = new float[TILE];
            float[] sum = new float[TILE];
            for (int start = from; start < to; start += TILE) {
                softmaxTile(logits, q, labels, n, start, Math.min(TILE, to - start), max, sum);
            }
        });
    }

    private static void softmaxTile(float[] logits, float[] q, int labels, int n, int start, int len,
                                    float[] max, float[] sum) {
        System.arraycopy(logits, start, max, 0, len);
        for (int l = 1; l < labels; l++) {
            int p = l * n + start;
            for (int i = 0; i < len; i++) max[i] = Math.max(max[i], logits[p + i]);
        }
        java.util.Arrays.fill(sum, 0, len, 0f);
        for (int l = 0; l < labels; l++) {
            int p = l * n + start;
            for (int i = 0; i < len; i++) q[p + i] = logits[p + i] - max[i];
            expNonPositive(q, p, len);
            for (int i = 0; i < len; i++) sum[i] += q[p + i];
        }
        for (int i = 0; i < len; i++) sum[i] = 1f / sum[i];
        for (int l = 0; l < labels; l++) {
            int p = l * n + start;
            for (int i = 0; i < len; i++) q[p + i] *= sum[i];
        }
    }

    /** logits = -unary (the start of every iteration). */
    static void negate(float[] unary, float[] logits) {
        Parallel.forRanges(unary.length, (t, from, to) -> {
            for (int i = from; i < to; i++) logits[i] = -unary[i];
        });
    }

    /** Argmax over labels at every point; ties go to the lowest label. */
    static byte[] argmax(float[] q, int labels, int n) {
        byte[] out = new byte[n];
        Parallel.forRanges(n, (t, from, to) -> {
            for (int i = from; i < to; i++) {
                int best = 0;
                float bestQ = q[i];
                for (int l = 1; l < labels; l++) {
                    if (q[l * n + i] > bestQ) {
                        bestQ = q[l * n + i];
                        best = l;
                    }
                }
                out[i] = (byte) best;
            }
        });
        return out;
    }

    /**
     * e^x for x <= 0 (softmax after subtracting the maximum) within 2e-7 absolute: e^(x/256) - 1
     * by a degree-7 polynomial, then squared 8 times as a -> a(2 + a), which keeps the precision
     * of values near 1. Only float multiplies and adds, so that the JIT vectorises the softmax
     * loop (Math.exp and the usual 2^k exponent trick are not vectorised): about 5x faster.
     */
    static float expNonPositive(float x) {
        float r = Math.max(x, -87f) * (1f / 256);
        float a = r * (1f + r * (0.5f + r * (1f / 6 + r * (1f / 24 + r * (1f / 120 + r * (1f / 720 + r * (1f / 5040)))))));
        a *= 2f + a;
        a *= 2f + a;
        a *= 2f + a;
        a *= 2f + a;
        a *= 2f + a;
        a *= 2f + a;
        a *= 2f + a;
        a *= 2f + a;
        return 1f + a;
    }

    /** {@link #expNonPositive(float)} in place on v[from, from + len): one simple loop, vectorised. */
    static void expNonPositive(float[] v, int from, int len) {
        for (int i = from; i < from + len; i++) v[i] = expNonPositive(v[i]);
    }
}
