package org.atrous.crf;

import org.atrous.progress.ProgressListener;

/**
 * Applies a {@link CrfParams} CRF to a probability volume: optionally only inside the
 * foreground's bounding box plus a margin, and either in 3D or slice by slice.
 */
final class CrfRefiner {

    private final CrfParams params;
    private final ProgressListener listener;

    CrfRefiner(CrfParams params, ProgressListener listener) {
        this.params = params;
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    /**
     * {@code origin}: the index (x, y, z) of the grid's first voxel in the series it was cut from,
     * so that a slab or box is refined on the series' own lattice ({@link GridFeatures#at}).
     */
    CrfResult refine(float[] probabilities, float[] image, int[] dims, double[] spacingMm, int[] origin) {
        CrfValidation.dims(dims);
        CrfValidation.spacing(spacingMm);
        int n = dims[0] * dims[1] * dims[2];
        if (probabilities == null || probabilities.length % n != 0) {
            throw new IllegalArgumentException("probabilities must hold L planes of " + n + " values");
        }
        int labels = probabilities.length / n;
        CrfValidation.labels(labels);
        CrfValidation.probabilities(probabilities, (long) labels * n);
        CrfValidation.finiteArray("image", image, n);
        Box box = params.boxMarginMm() < 0 ? Box.whole(dims) : Box.foreground(probabilities, labels, dims,
                marginVoxels(spacingMm));
        if (box == null) return unrefined(probabilities, labels, n);
        int[] boxOrigin = {origin[0] + box.x0(), origin[1] + box.y0(), origin[2] + box.z0()};
        CrfResult inBox = refineBox(box.crop(probabilities, labels), box.crop(image, 1), box.dims(), spacingMm, labels,
                boxOrigin);
        if (box.isWhole(dims)) return inBox;
        CrfResult all = unrefined(probabilities, labels, n);
        box.paste(inBox, all);
        return all;
    }

    private int[] marginVoxels(double[] spacing) {
        int[] m = new int[3];
        for (int a = 0; a < 3; a++) m[a] = (int) Math.ceil(params.boxMarginMm() / spacing[a]);
        return m;
    }

    private CrfResult refineBox(float[] probs, float[] image, int[] dims, double[] spacing, int labels, int[] origin) {
        if (!params.perSlice() || dims[2] == 1) return run(probs, image, dims, spacing, labels, origin);
        int w = dims[0];
        int h = dims[1];
        CrfResult out = unrefined(probs, labels, probs.length / labels);
        for (int z = 0; z < dims[2]; z++) {
            listener.checkCanceled();
            Box slice = new Box(0, 0, z, w, h, 1, dims);
            CrfResult r = run(slice.crop(probs, labels), slice.crop(image, 1), new int[] {w, h, 1}, spacing, labels,
                    new int[] {origin[0], origin[1], origin[2] + z});
            slice.paste(r, out);
            listener.progress("crf slices", (z + 1.0) / dims[2]);
        }
        return out;
    }

    private CrfResult run(float[] probs, float[] image, int[] dims, double[] spacing, int labels, int[] origin) {
        DenseCrf crf = new DenseCrf(dims[0] * dims[1] * dims[2], labels)
                .setUnaryFromProbabilities(probs)
                .addPairwise(GridFeatures.spatial(dims, spacing, params.gaussianSdMm()).at(origin),
                        Compatibility.potts(params.gaussianWeight()))
                .addPairwise(GridFeatures.bilateral(dims, spacing, params.bilateralSdMm(), image,
                        params.bilateralSdIntensity(), 1).at(origin), Compatibility.potts(params.bilateralWeight()));
        return crf.inference(params.iterations(), listener);
    }

    /** The input itself as a result: its probabilities and their argmax. */
    static CrfResult unrefined(float[] probabilities, int labels, int n) {
        float[] q = probabilities.clone();
        return new CrfResult(labels, MeanField.argmax(q, labels, n), q);
    }
}
