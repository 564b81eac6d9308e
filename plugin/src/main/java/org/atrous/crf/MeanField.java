package org.atrous.crf;

/**
 * The per-point steps of mean-field inference shared by the lattice and the brute-force CRF:
 * softmax of log-potentials into marginals and the final argmax. Arrays are label-major.
 */
final class MeanField {

    private static final float LN2 = 0.6931472f;
    private static final float INV_LN2 = 1.442695f;

    private MeanField() { }

    /** q = softmax over labels of {@code logits} at every point (reference's expAndNormalize). */
    static void softmax(float[] logits, float[] q, int labels, int n) {
        Parallel.forRanges(n, (t, from, to) -> {
            for (int i = from; i < to; i++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int l = 0; l < labels; l++) max = Math.max(max, logits[l * n + i]);
                float sum = 0;
                for (int l = 0; l < labels; l++) {
                    float e = exp(logits[l * n + i] - max);
                    q[l * n + i] = e;
                    sum += e;
                }
                float inv = 1f / sum;
                for (int l = 0; l < labels; l++) q[l * n + i] *= inv;
            }
        });
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
     * e^x for x <= 0 to float precision (relative error below 2e-7), several times faster than
     * Math.exp: 2^k from the exponent bits times a degree-6 polynomial for e^r, |r| <= ln2/2.
     */
    static float exp(float x) {
        if (x < -87f) return 0f;
        float k = (float) Math.floor(x * INV_LN2 + 0.5f);
        float r = x - k * LN2;
        float p = 1f + r * (1f + r * (0.5f + r * (1f / 6 + r * (1f / 24 + r * (1f / 120 + r * (1f / 720))))));
        return p * Float.intBitsToFloat(((int) k + 127) << 23);
    }
}
