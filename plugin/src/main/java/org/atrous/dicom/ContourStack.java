package org.atrous.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One RT ROI's closed planar contours, grouped by the plane each lies in (as a fractional slice
 * index of the series), and filled onto the series' slices. A slice that a plane lies on takes
 * that plane's contours; a slice between two planes (contours drawn on every third slice, or on
 * another reconstruction of the same Frame of Reference) takes the shape interpolated between the
 * nearest plane above and below: the zero level of their signed distance maps blended by
 * distance, as planning systems and 3D Slicer fill between contours. A gap wider than twice the
 * ROI's usual plane spacing is left empty (two parts of one ROI, not one structure), and a slice
 * beyond the outermost plane takes it only within half a slice.
 */
final class ContourStack {

    /** A plane this close to a slice centre (in slices) is on it. */
    private static final double ON_SLICE = 0.05;

    private final TreeMap<Double, List<double[]>> planes = new TreeMap<>();
    private final Geometry g;
    private double maxGap = Double.MAX_VALUE;
    private int off;
    private int interpolated;
    private Map.Entry<Double, List<double[]>> cachedBelow, cachedAbove;
    private float[] sBelow, sAbove;
    private int[] box;

    /** @param contours closed contours as x, y, z triplets in patient mm */
    ContourStack(List<double[]> contours, Geometry g) {
        this.g = g;
        for (double[] xyz : contours) add(xyz);
        List<Double> keys = new ArrayList<>(planes.keySet());
        if (keys.size() > 1) {
            double[] gaps = new double[keys.size() - 1];
            for (int i = 1; i < keys.size(); i++) gaps[i - 1] = keys.get(i) - keys.get(i - 1);
            Arrays.sort(gaps);
            maxGap = 2 * gaps[gaps.length / 2] + 1e-6;
        }
    }

    private void add(double[] xyz) {
        int n = xyz.length / 3;
        double[] xy = new double[2 * n];
        double zMin = Double.MAX_VALUE, zMax = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            double[] v = g.toVoxel(new double[] {xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]});
            xy[2 * i] = v[0];
            xy[2 * i + 1] = v[1];
            zMin = Math.min(zMin, v[2]);
            zMax = Math.max(zMax, v[2]);
        }
        double z = (zMin + zMax) / 2;
        if (zMax - zMin > 0.5 || z < -0.5 || z > g.nz() - 0.5) { // across the slices, or outside the series
            off++;
            return;
        }
        double key = Math.round(z * 1000) / 1000.0; // contours of one plane share it
        planes.computeIfAbsent(key, k -> new ArrayList<>()).add(xy);
    }

    /** Contours left out: outside the series, or not parallel to its slices. */
    int off() { return off; }

    /** Slices filled by interpolation so far. */
    int interpolated() { return interpolated; }

    /** The slices this ROI can reach, {first, last}; null when it has no plane. */
    int[] slices() {
        if (planes.isEmpty()) return null;
        return new int[] {Math.max(0, (int) Math.ceil(planes.firstKey() - 0.5)),
                Math.min(g.nz() - 1, (int) Math.floor(planes.lastKey() + 0.5))};
    }

    /** Marks slice {@code z}'s voxels inside the ROI in {@code mask} (nx·ny, cleared by the caller). */
    void fill(int z, boolean[] mask) {
        Map.Entry<Double, List<double[]>> below = planes.floorEntry(z + ON_SLICE), above = planes.ceilingEntry(z - ON_SLICE);
        Map.Entry<Double, List<double[]>> nearest = nearer(below, above, z);
        if (nearest != null && Math.abs(nearest.getKey() - z) <= ON_SLICE) {
            ContourRasterizer.fill(nearest.getValue(), mask, g.nx(), g.ny());
            return;
        }
        below = planes.lowerEntry((double) z);
        above = planes.higherEntry((double) z);
        if (below != null && above != null && above.getKey() - below.getKey() <= maxGap) {
            interpolate(below, above, (z - below.getKey()) / (above.getKey() - below.getKey()), mask);
            interpolated++;
        } else if (nearest != null && Math.abs(nearest.getKey() - z) <= 0.5) {
            ContourRasterizer.fill(nearest.getValue(), mask, g.nx(), g.ny());
        }
    }

    private static Map.Entry<Double, List<double[]>> nearer(Map.Entry<Double, List<double[]>> a,
                                                            Map.Entry<Double, List<double[]>> b, double z) {
        if (a == null) return b;
        if (b == null) return a;
        return Math.abs(a.getKey() - z) <= Math.abs(b.getKey() - z) ? a : b;
    }

    /** Inside where (1 - t)·s_below + t·s_above < 0, s being each plane's signed distance in mm. */
    private void interpolate(Map.Entry<Double, List<double[]>> below, Map.Entry<Double, List<double[]>> above, double t,
                             boolean[] mask) {
        if (below != cachedBelow || above != cachedAbove) {
            box = box(below.getValue(), above.getValue());
            sBelow = signedDistance(below.getValue(), box);
            sAbove = signedDistance(above.getValue(), box);
            cachedBelow = below;
            cachedAbove = above;
        }
        int w = box[2] - box[0] + 1;
        for (int i = 0; i < sBelow.length; i++) {
            if ((1 - t) * sBelow[i] + t * sAbove[i] < 0) mask[(box[1] + i / w) * g.nx() + box[0] + i % w] = true;
        }
    }

    /** {x0, y0, x1, y1}: the pixels both planes' polygons touch, grown by 2 and clipped to the slice. */
    private int[] box(List<double[]> a, List<double[]> b) {
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (List<double[]> polys : List.of(a, b)) {
            for (double[] xy : polys) {
                for (int i = 0; i < xy.length; i += 2) {
                    x0 = Math.min(x0, xy[i]);
                    x1 = Math.max(x1, xy[i]);
                    y0 = Math.min(y0, xy[i + 1]);
                    y1 = Math.max(y1, xy[i + 1]);
                }
            }
        }
        return new int[] {Math.max(0, (int) Math.floor(x0) - 2), Math.max(0, (int) Math.floor(y0) - 2),
                Math.min(g.nx() - 1, (int) Math.ceil(x1) + 2), Math.min(g.ny() - 1, (int) Math.ceil(y1) + 2)};
    }

    /** Signed distance (mm, negative inside) of the polygons' filled pixels, within {@code box}. */
    private float[] signedDistance(List<double[]> polygons, int[] box) {
        int w = box[2] - box[0] + 1, h = box[3] - box[1] + 1;
        List<double[]> local = new ArrayList<>();
        for (double[] xy : polygons) {
            double[] s = xy.clone();
            for (int i = 0; i < s.length; i += 2) {
                s[i] -= box[0];
                s[i + 1] -= box[1];
            }
            local.add(s);
        }
        boolean[] inside = new boolean[w * h], outside = new boolean[w * h];
        ContourRasterizer.fill(local, inside, w, h);
        for (int i = 0; i < inside.length; i++) outside[i] = !inside[i];
        double sx = g.spacing()[0], sy = g.spacing()[1];
        float[] toInside = DistanceTransform.squaredMm(inside, w, h, 1, sx, sy, 1);
        float[] toOutside = DistanceTransform.squaredMm(outside, w, h, 1, sx, sy, 1);
        float[] s = new float[w * h];
        for (int i = 0; i < s.length; i++) {
            s[i] = inside[i] ? -(float) Math.sqrt(toOutside[i]) : (float) Math.sqrt(Math.min(toInside[i], 1e12f));
        }
        return s;
    }
}
