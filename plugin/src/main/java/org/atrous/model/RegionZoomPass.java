package org.atrous.model;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.Volume;
import org.atrous.dicom.VoxelBox;
import org.atrous.progress.ProgressListener;

/**
 * Carries out a {@link RegionZoom}: crops the volume to the first look's region (bounding box
 * grown by the margin in-plane and by the 2.5D context across slices), segments the crop at the
 * magnified spacing, and re-divides the region's probability inside the region.
 */
final class RegionZoomPass {

    /** Segments a volume with the given preprocessing: the segmenter's own slice-wise pass. */
    interface Look {
        Segmentation segment(Volume volume, Preprocessing pre, ProgressListener listener);
    }

    private RegionZoomPass() { }

    /**
     * {@code first} with its region re-divided by a magnified look; {@code first} itself is
     * changed and returned (its arrays are the segmenter's own, fresh for this volume).
     */
    static Segmentation apply(Segmentation first, Volume volume, Preprocessing pre, RegionZoom zoom, int[] region,
                              Look look, ProgressListener listener) {
        Geometry g = volume.geometry();
        boolean[] inRegion = new boolean[256];
        for (int label : region) inRegion[label] = true;
        int[] box = regionBox(first.labels().labels(), g, inRegion);
        if (box == null) return first;
        grow(box, g, zoom.marginMm(), pre.contextSlices());
        double base = pre.targetSpacingMm() > 0 ? pre.targetSpacingMm() : g.spacing()[0];
        Segmentation second = look.segment(crop(volume, box), pre.withTargetSpacing(base / zoom.scale()), listener);
        merge(first, second, box, region, inRegion);
        return first;
    }

    /** {x0, x1, y0, y1, z0, z1} (ends exclusive) around the region's voxels, or null when it has none. */
    static int[] regionBox(byte[] labels, Geometry g, boolean[] inRegion) {
        int nx = g.nx(), ny = g.ny();
        int[] box = {nx, 0, ny, 0, g.nz(), 0};
        for (int i = 0; i < labels.length; i++) {
            if (!inRegion[labels[i] & 0xff]) continue;
            int x = i % nx, y = (i / nx) % ny, z = i / (nx * ny);
            box[0] = Math.min(box[0], x);
            box[1] = Math.max(box[1], x + 1);
            box[2] = Math.min(box[2], y);
            box[3] = Math.max(box[3], y + 1);
            box[4] = Math.min(box[4], z);
            box[5] = Math.max(box[5], z + 1);
        }
        return box[1] == 0 ? null : box;
    }

    /** In-plane by the margin (context for the network), across slices by the 2.5D neighbours. */
    private static void grow(int[] box, Geometry g, double marginMm, int context) {
        int mx = (int) Math.ceil(marginMm / g.spacing()[0]), my = (int) Math.ceil(marginMm / g.spacing()[1]);
        box[0] = Math.max(0, box[0] - mx);
        box[1] = Math.min(g.nx(), box[1] + mx);
        box[2] = Math.max(0, box[2] - my);
        box[3] = Math.min(g.ny(), box[3] + my);
        box[4] = Math.max(0, box[4] - context);
        box[5] = Math.min(g.nz(), box[5] + context);
    }

    static Volume crop(Volume v, int[] box) {
        return new VoxelBox(box[0], box[1], box[2], box[3], box[4], box[5]).crop(v);
    }

    /**
     * Where the first look called a region class, the region's summed probability is split in
     * the proportions the second look gives the region's classes; the label is the new argmax.
     */
    private static void merge(Segmentation first, Segmentation second, int[] box, int[] region, boolean[] inRegion) {
        ProbabilityVolume p = first.probabilities(), q = second.probabilities();
        byte[] labels = first.labels().labels();
        Geometry g = p.geometry();
        int w = box[1] - box[0], h = box[3] - box[2], classes = p.classes();
        float[] probs = new float[classes];
        for (int z = box[4]; z < box[5]; z++) {
            for (int y = box[2]; y < box[3]; y++) {
                for (int x = box[0]; x < box[1]; x++) {
                    int i = (z * g.ny() + y) * g.nx() + x;
                    if (!inRegion[labels[i] & 0xff]) continue;
                    int j = ((z - box[4]) * h + y - box[2]) * w + x - box[0];
                    labels[i] = (byte) redivide(p, q, i, j, region, probs);
                }
            }
        }
    }

    /** Re-divides voxel i (j in the crop) and returns its new argmax. */
    private static int redivide(ProbabilityVolume p, ProbabilityVolume q, int i, int j, int[] region, float[] probs) {
        for (int c = 0; c < probs.length; c++) probs[c] = p.get(c, i);
        float mass = 0, second = 0;
        for (int c : region) {
            mass += probs[c];
            second += q.get(c, j);
        }
        for (int c : region) {
            probs[c] = mass * q.get(c, j) / second;
            p.set(c, i, probs[c]);
        }
        int best = 0;
        for (int c = 1; c < probs.length; c++) if (probs[c] > probs[best]) best = c;
        return best;
    }
}
