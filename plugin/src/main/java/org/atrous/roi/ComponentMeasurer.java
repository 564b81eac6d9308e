package org.atrous.roi;

import java.util.ArrayList;
import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;

/**
 * Measures every 3D connected component (26-connectivity) of every class: the per-lesion table
 * (components.csv). Each class is labelled inside its own bounding box, so memory follows the
 * class's extent, not the series'.
 */
public final class ComponentMeasurer {

    /** The network's probability of a class at a voxel, or NaN where it has none. */
    @FunctionalInterface
    public interface VoxelProbability {
        double of(int label, int voxel);
    }

    private ComponentMeasurer() { }

    /**
     * Rows in class order, each class's components from the largest down.
     *
     * @param image         the segmented image, or null (mean and SD are then NaN)
     * @param probabilities the network's probabilities, or null (mean probability NaN)
     */
    public static List<ComponentMeasurement> measure(LabelVolume labels, Volume image, VoxelProbability probabilities) {
        if (image != null && image.data().length != labels.labels().length) {
            throw new IllegalArgumentException("image and labels are on different grids");
        }
        int[][] boxes = boundingBoxes(labels);
        List<ComponentMeasurement> out = new ArrayList<>();
        for (SegmentClass c : labels.classes()) {
            int[] box = boxes[c.label()];
            if (box[0] <= box[3]) out.addAll(measureClass(labels, image, probabilities, c, box));
        }
        return out;
    }

    /** Per label value: {x0, y0, z0, x1, y1, z1}, inclusive; x0 > x1 when the label is absent. */
    private static int[][] boundingBoxes(LabelVolume labels) {
        Geometry g = labels.geometry();
        int[][] b = new int[256][];
        for (int l = 0; l < 256; l++) b[l] = emptyBox();
        byte[] lab = labels.labels();
        int i = 0;
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++, i++) grow(b[lab[i] & 0xff], x, y, z);
            }
        }
        return b;
    }

    private static int[] emptyBox() {
        return new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
    }

    private static void grow(int[] box, int x, int y, int z) {
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.min(box[2], z);
        box[3] = Math.max(box[3], x);
        box[4] = Math.max(box[4], y);
        box[5] = Math.max(box[5], z);
    }

    private static List<ComponentMeasurement> measureClass(LabelVolume labels, Volume image, VoxelProbability p,
                                                           SegmentClass c, int[] box) {
        Geometry g = labels.geometry();
        Crop crop = new Crop(g, box);
        boolean[] mask = new boolean[crop.size()];
        for (int j = 0; j < mask.length; j++) mask[j] = labels.labels()[crop.toVolume(j)] == (byte) c.label();
        int[] comp = ComponentLabeler.label(mask, crop.w, crop.h, crop.d);
        Tally t = new Tally(ComponentLabeler.count(comp));
        for (int j = 0; j < comp.length; j++) {
            if (comp[j] != 0) t.add(comp[j], crop, j, image, p, c.label());
        }
        Integer[] order = t.bySize();
        List<ComponentMeasurement> rows = new ArrayList<>();
        for (int rank = 0; rank < order.length; rank++) {
            rows.add(row(c, rank + 1, order[rank], t, comp, crop, g, image != null));
        }
        return rows;
    }

    private static ComponentMeasurement row(SegmentClass c, int index, int k, Tally t, int[] comp, Crop crop,
                                            Geometry g, boolean haveImage) {
        long n = t.count[k];
        double mean = haveImage ? t.sum[k] / n : Double.NaN;
        double sd = haveImage && n > 1 ? Math.sqrt(Math.max(0, (t.sumSq[k] - t.sum[k] * mean) / (n - 1))) : Double.NaN;
        double[] centre = g.toPatient(t.sx[k] / n, t.sy[k] / n, t.sz[k] / n);
        double[] axes = longestAxes(comp, k, t, crop, g);
        return new ComponentMeasurement(c.label(), c.name(), index, n, n * g.voxelVolumeMm3() / 1000.0, axes[0],
                axes[1], (int) axes[2], mean, sd, centre[0], centre[1], centre[2], t.box[k][2] + 1, t.box[k][5] + 1,
                t.probCount[k] == 0 ? Double.NaN : t.probSum[k] / t.probCount[k]);
    }

    /**
     * {longest diameter, short axis on its slice, that slice (1-based)} over the component's
     * slices; the short axis is measured on the chosen slice only.
     */
    private static double[] longestAxes(int[] comp, int k, Tally t, Crop crop, Geometry g) {
        int[] b = t.box[k];
        int w = b[3] - b[0] + 1, h = b[4] - b[1] + 1;
        boolean[] slice = new boolean[w * h];
        double longest = 0;
        int bestZ = b[2];
        for (int z = b[2]; z <= b[5]; z++) {
            double d = LongestDiameter.of(sliceMask(comp, k, b, z, crop, slice), w, h, g.spacing()[0], g.spacing()[1]);
            if (d > longest) {
                longest = d;
                bestZ = z;
            }
        }
        LongestDiameter.Axes a = LongestDiameter.axes(sliceMask(comp, k, b, bestZ, crop, slice), w, h,
                g.spacing()[0], g.spacing()[1]);
        return new double[] {a.longestMm(), a.shortAxisMm(), bestZ + 1};
    }

    /** Component k's pixels on slice z, within its in-plane box b, written into {@code slice}. */
    private static boolean[] sliceMask(int[] comp, int k, int[] b, int z, Crop crop, boolean[] slice) {
        int w = b[3] - b[0] + 1, h = b[4] - b[1] + 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) slice[y * w + x] = comp[crop.index(b[0] + x, b[1] + y, z)] == k;
        }
        return slice;
    }

    /** A class's bounding box within the volume; crop indices run x fastest, as the volume's do. */
    private static final class Crop {
        final int x0, y0, z0, w, h, d, nx, ny;

        Crop(Geometry g, int[] box) {
            x0 = box[0];
            y0 = box[1];
            z0 = box[2];
            w = box[3] - box[0] + 1;
            h = box[4] - box[1] + 1;
            d = box[5] - box[2] + 1;
            nx = g.nx();
            ny = g.ny();
        }

        int size() { return w * h * d; }

        /** Volume index of crop index j. */
        int toVolume(int j) {
            int x = j % w, y = (j / w) % h, z = j / (w * h);
            return ((z0 + z) * ny + y0 + y) * nx + x0 + x;
        }

        /** Crop index of volume coordinates (volume x, y; z in volume slices). */
        int index(int x, int y, int z) {
            return ((z - z0) * h + (y - y0)) * w + (x - x0);
        }
    }

    /** Running sums per component (index 1..n); boxes in volume coordinates. */
    private static final class Tally {
        final long[] count, probCount;
        final double[] sum, sumSq, sx, sy, sz, probSum;
        final int[][] box;

        Tally(int n) {
            count = new long[n + 1];
            probCount = new long[n + 1];
            sum = new double[n + 1];
            sumSq = new double[n + 1];
            sx = new double[n + 1];
            sy = new double[n + 1];
            sz = new double[n + 1];
            probSum = new double[n + 1];
            box = new int[n + 1][];
            for (int k = 0; k <= n; k++) box[k] = emptyBox();
        }

        void add(int k, Crop crop, int j, Volume image, VoxelProbability p, int label) {
            int x = crop.x0 + j % crop.w, y = crop.y0 + (j / crop.w) % crop.h, z = crop.z0 + j / (crop.w * crop.h);
            int v = crop.toVolume(j);
            count[k]++;
            sx[k] += x;
            sy[k] += y;
            sz[k] += z;
            if (image != null) {
                double hu = image.data()[v];
                sum[k] += hu;
                sumSq[k] += hu * hu;
            }
            if (p != null) {
                double q = p.of(label, v);
                if (!Double.isNaN(q)) {
                    probSum[k] += q;
                    probCount[k]++;
                }
            }
            grow(box[k], x, y, z);
        }

        /** Component numbers from the largest down; ties keep the labelling order. */
        Integer[] bySize() {
            return ComponentLabeler.largestFirst(count);
        }
    }
}
