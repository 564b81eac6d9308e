package org.atrous.crf;

import java.util.Arrays;

/**
 * Label compatibility of a pairwise kernel, with the reference's sign convention: the kernel
 * adds {@code sum_l' C(l, l') * m_i(l')} to the log-potential of label l at point i, where
 * m_i(l') is the kernel-weighted sum of the neighbours' probability of l'. So C(l, l) > 0 makes
 * neighbours agree; {@code potts(w)} is C = w I, which is the same as an energy of w for every
 * pair of differing labels. A full matrix lets, for example, tumour attract liver but not
 * background. Stored as float, either the diagonal (L values) or the full L x L matrix.
 */
public final class Compatibility {

    private final float[] values;
    private final boolean diagonal;

    private Compatibility(float[] values, boolean diagonal) {
        for (float v : values) {
            if (!Float.isFinite(v)) throw new IllegalArgumentException("compatibility values must be finite");
        }
        this.values = values;
        this.diagonal = diagonal;
    }

    /** Potts model of weight {@code weight} (any number of labels). */
    public static Compatibility potts(double weight) {
        return new Compatibility(new float[] {(float) weight}, true);
    }

    /** One weight per label: label l attracts itself with strength {@code weights[l]}. */
    public static Compatibility diagonal(double[] weights) {
        float[] v = new float[weights.length];
        for (int i = 0; i < v.length; i++) v[i] = (float) weights[i];
        return new Compatibility(v, true);
    }

    /** Full L x L matrix; like the reference, the symmetric part (C + C^T) / 2 is used. */
    public static Compatibility matrix(double[][] c) {
        int l = c.length;
        float[] v = new float[l * l];
        for (int i = 0; i < l; i++) {
            if (c[i].length != l) throw new IllegalArgumentException("compatibility matrix must be square");
            for (int j = 0; j < l; j++) v[i * l + j] = (float) (0.5 * (c[i][j] + c[j][i]));
        }
        return new Compatibility(v, false);
    }

    /** The mix argument of {@link PermutohedralLattice#filter} for {@code labels} labels. */
    float[] forLabels(int labels) {
        if (diagonal && values.length == 1) {
            float[] v = new float[labels];
            Arrays.fill(v, values[0]);
            return v;
        }
        int expected = diagonal ? labels : labels * labels;
        if (values.length != expected) {
            throw new IllegalArgumentException("compatibility has " + (diagonal ? values.length
                    : (int) Math.round(Math.sqrt(values.length))) + " labels, the CRF has " + labels);
        }
        return values.clone();
    }
}
