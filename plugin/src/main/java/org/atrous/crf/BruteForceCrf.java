package org.atrous.crf;

import java.util.ArrayList;
import java.util.List;

/**
 * The same fully connected CRF as {@link DenseCrf}, but with every message summed exactly over
 * all N^2 pairs (self included, as the lattice's blur includes it) in double precision. Only
 * for tiny images: tests use it to bound the error of the lattice approximation.
 */
public final class BruteForceCrf {

    private final int n;
    private final int labels;
    private final float[] unary;
    private final List<double[]> kernelMatrices = new ArrayList<>();
    private final List<float[]> mixes = new ArrayList<>();

    public BruteForceCrf(int points, int labels, float[] unaryEnergy) {
        if (points > 20_000) throw new IllegalArgumentException("brute force is O(N^2): at most 20000 points");
        CrfValidation.labels(labels);
        CrfValidation.finiteArray("unary energy", unaryEnergy, (long) labels * points);
        this.n = points;
        this.labels = labels;
        this.unary = unaryEnergy;
    }

    public BruteForceCrf addPairwise(FeatureSource features, Compatibility compatibility) {
        if (features.size() != n) throw new IllegalArgumentException("kernel size differs from the CRF");
        kernelMatrices.add(normalisedKernel(features));
        mixes.add(compatibility.forLabels(labels));
        return this;
    }

    /** K_ij = norm_i exp(-|f_i - f_j|^2 / 2) norm_j with norm_i = 1/sqrt(sum_j k_ij + 1e-20). */
    private double[] normalisedKernel(FeatureSource features) {
        int d = features.dimensions();
        float[][] f = new float[n][d];
        for (int i = 0; i < n; i++) features.feature(i, f[i]);
        double[] k = new double[n * n];
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dist = 0;
                for (int c = 0; c < d; c++) dist += (f[i][c] - f[j][c]) * (double) (f[i][c] - f[j][c]);
                k[i * n + j] = Math.exp(-dist / 2);
                norm[i] += k[i * n + j];
            }
        }
        for (int i = 0; i < n; i++) norm[i] = 1 / Math.sqrt(norm[i] + 1e-20);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) k[i * n + j] *= norm[i] * norm[j];
        }
        return k;
    }

    public CrfResult inference(int iterations) {
        float[] q = new float[labels * n];
        float[] logits = new float[labels * n];
        MeanField.negate(unary, logits);
        MeanField.softmax(logits, q, labels, n);
        for (int it = 0; it < iterations; it++) {
            MeanField.negate(unary, logits);
            for (int k = 0; k < kernelMatrices.size(); k++) addMessages(kernelMatrices.get(k), mixes.get(k), q, logits);
            MeanField.softmax(logits, q, labels, n);
        }
        return new CrfResult(labels, MeanField.argmax(q, labels, n), q);
    }

    private void addMessages(double[] kernel, float[] mix, float[] q, float[] logits) {
        double[] m = new double[labels];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(m, 0);
            for (int j = 0; j < n; j++) {
                double kij = kernel[i * n + j];
                for (int l = 0; l < labels; l++) m[l] += kij * q[l * n + j];
            }
            for (int l = 0; l < labels; l++) {
                double s;
                if (mix.length == labels) {
                    s = mix[l] * m[l];
                } else {
                    s = 0;
                    for (int c = 0; c < labels; c++) s += mix[l * labels + c] * m[c];
                }
                logits[l * n + i] += (float) s;
            }
        }
    }
}
