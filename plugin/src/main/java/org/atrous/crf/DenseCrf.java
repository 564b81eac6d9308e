package org.atrous.crf;

import java.util.ArrayList;
import java.util.List;
import org.atrous.progress.ProgressListener;

/**
 * Fully connected CRF with Gaussian edge potentials (Krähenbühl and Koltun 2011): any number of
 * labels, a unary energy per point and label, any number of pairwise kernels (each its own
 * features and label compatibility), symmetric normalisation 1/sqrt(k_i + 1e-20) as in the
 * reference, and mean-field inference with each kernel's message passing done by a
 * {@link PermutohedralLattice}.
 *
 * <p>Usage: construct, set the unary, add kernels, then {@link #setup} (builds the lattices:
 * the costly part that depends only on the features) and {@link #inference} (may be called
 * again with another unary or number of iterations). {@link #refine} does it all for a
 * probability volume in mm and HU.
 */
public final class DenseCrf {

    private final int n;
    private final int labels;
    private final List<Kernel> kernels = new ArrayList<>();
    /** The kernels filter one after the other, so they share one set of vertex buffers. */
    private final LatticeWorkspace workspace = new LatticeWorkspace();
    private float[] unary;

    private static final class Kernel {
        final FeatureSource features;
        final float[] mix;
        PermutohedralLattice lattice;
        float[] norm;

        Kernel(FeatureSource features, float[] mix) {
            this.features = features;
            this.mix = mix;
        }
    }

    public DenseCrf(int points, int labels) {
        if (points < 1) throw new IllegalArgumentException("the CRF needs at least one point");
        CrfValidation.labels(labels);
        if ((long) points * labels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("points x labels exceeds 2^31: restrict to a bounding box");
        }
        this.n = points;
        this.labels = labels;
    }

    public int points() {
        return n;
    }

    public int labels() {
        return labels;
    }

    /** Unary energies, label-major (L planes of N), e.g. -log p. Kept by reference, never modified. */
    public DenseCrf setUnaryEnergy(float[] energy) {
        CrfValidation.finiteArray("unary energy", energy, (long) labels * n);
        this.unary = energy;
        return this;
    }

    /** Unary energies -log(max(p, 1e-30)) from probabilities, label-major. */
    public DenseCrf setUnaryFromProbabilities(float[] probabilities) {
        CrfValidation.probabilities(probabilities, (long) labels * n);
        float[] e = new float[probabilities.length];
        Parallel.forRanges(e.length, (t, from, to) -> {
            for (int i = from; i < to; i++) e[i] = (float) -Math.log(Math.max(probabilities[i], 1e-30f));
        });
        this.unary = e;
        return this;
    }

    /** Adds a kernel exp(-|f_i - f_j|^2 / 2) over the given features with its compatibility. */
    public DenseCrf addPairwise(FeatureSource features, Compatibility compatibility) {
        if (features.size() != n) {
            throw new IllegalArgumentException("kernel has " + features.size() + " points, the CRF " + n);
        }
        kernels.add(new Kernel(features, compatibility.forLabels(labels)));
        return this;
    }

    /** Builds each kernel's lattice and normalisation; done once, before the iterations. */
    public void setup(ProgressListener listener) {
        ProgressListener pl = listener == null ? ProgressListener.NONE : listener;
        for (int k = 0; k < kernels.size(); k++) {
            Kernel kernel = kernels.get(k);
            if (kernel.lattice != null) continue;
            kernel.lattice = PermutohedralLattice.build(kernel.features, pl).useWorkspace(workspace);
            kernel.norm = symmetricNorm(kernel.lattice);
            pl.progress("crf setup", (k + 1.0) / kernels.size());
        }
    }

    private float[] symmetricNorm(PermutohedralLattice lattice) {
        float[] norm = new float[n];
        lattice.filterOnes(norm);
        Parallel.forRanges(n, (t, from, to) -> {
            for (int i = from; i < to; i++) norm[i] = (float) (1.0 / Math.sqrt(norm[i] + 1e-20));
        });
        return norm;
    }

    /** Runs {@code iterations} mean-field updates (after {@link #setup} if not yet done). */
    public CrfResult inference(int iterations, ProgressListener listener) {
        if (unary == null) throw new IllegalStateException("set the unary before inference");
        if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        ProgressListener pl = listener == null ? ProgressListener.NONE : listener;
        setup(pl);
        float[] q = new float[labels * n];
        float[] logits = new float[labels * n];
        MeanField.negate(unary, logits);
        MeanField.softmax(logits, q, labels, n);
        for (int it = 0; it < iterations; it++) {
            pl.checkCanceled();
            MeanField.negate(unary, logits);
            for (Kernel k : kernels) k.lattice.filter(q, labels, k.norm, k.mix, logits, true);
            MeanField.softmax(logits, q, labels, n);
            pl.progress("crf", (it + 1.0) / iterations);
        }
        return new CrfResult(labels, MeanField.argmax(q, labels, n), q);
    }

    /**
     * Refines a probability volume (label-major, L planes of W*H*D) with the kernels of
     * {@code params} in mm and image units; see {@link CrfRefiner}.
     */
    public static CrfResult refine(float[] probabilities, float[] image, int[] dims, double[] spacingMm,
                                   CrfParams params, ProgressListener listener) {
        return refine(probabilities, image, dims, spacingMm, new int[3], params, listener);
    }

    /**
     * As {@link #refine(float[], float[], int[], double[], CrfParams, ProgressListener)} for a
     * grid cut out of a larger series, whose first voxel is the series' voxel {@code origin}
     * (x, y, z): refined on the series' lattice, so slabs agree with the whole where they overlap.
     */
    public static CrfResult refine(float[] probabilities, float[] image, int[] dims, double[] spacingMm, int[] origin,
                                   CrfParams params, ProgressListener listener) {
        return new CrfRefiner(params, listener).refine(probabilities, image, dims, spacingMm, origin);
    }
}
