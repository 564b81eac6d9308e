package org.atrous.crf;

/**
 * Output of mean-field inference: the label of every point (argmax of the marginals, ties to
 * the lowest label; read as unsigned bytes) and the marginals, label-major (L planes of N).
 */
public record CrfResult(int labelCount, byte[] labels, float[] marginals) {

    public int points() {
        return labels.length;
    }

    /** Label of point i, 0..labelCount-1. */
    public int label(int i) {
        return labels[i] & 0xFF;
    }

    /** Marginal probability of {@code label} at point i. */
    public float marginal(int label, int i) {
        return marginals[label * labels.length + i];
    }
}
