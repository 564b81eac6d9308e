package org.atrous.pipeline;

import org.atrous.crf.CrfParams;
import org.atrous.crf.CrfResult;
import org.atrous.crf.DenseCrf;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.Volume;
import org.atrous.model.ProbabilityVolume;
import org.atrous.progress.ProgressListener;

/**
 * Runs the dense CRF over a whole series without holding all its float probabilities at once:
 * the volume is cut into slabs of slices that overlap, each slab is refined, and only its
 * centre is kept. In 2D mode slabs need no overlap. The slab size keeps the CRF's float copy of
 * the probabilities near {@link #SLAB_FLOATS} values.
 */
public final class VolumeCrf {

    static final long SLAB_FLOATS = 48L << 20;
    /** Slices of context on each side of a 3D slab; beyond this the kernels' weight is small. */
    static final int OVERLAP = 6;

    private VolumeCrf() { }

    /** Slices per slab for a series of {@code nz} planes of {@code plane} voxels and {@code labels} labels. */
    public static int slabSlices(int plane, int nz, int labels) {
        return slabSlices(plane, nz, labels, SLAB_FLOATS);
    }

    private static int slabSlices(int plane, int nz, int labels, long slabFloats) {
        return (int) Math.max(1, Math.min(nz, slabFloats / ((long) labels * plane)));
    }

    static byte[] refine(Volume image, ProbabilityVolume probs, CrfParams params, ProgressListener l) {
        return refine(image, probs, params, l, SLAB_FLOATS);
    }

    static byte[] refine(Volume image, ProbabilityVolume probs, CrfParams params, ProgressListener l,
                         long slabFloats) {
        Geometry g = image.geometry();
        int plane = g.nx() * g.ny(), nz = g.nz(), labels = probs.classes();
        int slab = slabSlices(plane, nz, labels, slabFloats);
        int overlap = params.perSlice() || slab >= nz ? 0 : Math.min(OVERLAP, Math.max(0, (slab - 1) / 4));
        int step = Math.max(1, slab - 2 * overlap);
        byte[] out = new byte[(int) g.voxelCount()];
        for (int z0 = 0; z0 < nz; z0 += step) {
            l.checkCanceled();
            int a = Math.max(0, z0 - overlap), b = Math.min(nz, z0 + step + overlap);
            float[] p = probs.slab(a, b);
            float[] img = new float[(b - a) * plane];
            System.arraycopy(image.data(), a * plane, img, 0, img.length);
            CrfResult r = DenseCrf.refine(p, img, new int[] {g.nx(), g.ny(), b - a}, g.spacing(), new int[] {0, 0, a},
                    params, ProgressListener.NONE);
            int keep0 = z0, keep1 = Math.min(nz, z0 + step);
            System.arraycopy(r.labels(), (keep0 - a) * plane, out, keep0 * plane, (keep1 - keep0) * plane);
            l.progress("crf", (double) keep1 / nz);
        }
        return out;
    }
}
