package org.atrous.model;

import java.util.Arrays;

import org.atrous.dicom.DistanceTransform;
import org.atrous.dicom.Geometry;

/**
 * Dice, 95th-percentile Hausdorff distance and average symmetric surface distance between a
 * predicted and a reference mask, in millimetres on the volume's own (anisotropic) grid.
 * Conventions follow medpy, which the Medical Segmentation Decathlon used: surface voxels are
 * mask voxels with a 6-neighbour outside the mask (the volume border counts as outside);
 * HD95 is the 95th percentile of the pooled distances in both directions; ASSD the mean of
 * the two directed means. Both masks empty: Dice 1, distances 0. One empty: Dice 0, distances NaN.
 * The voxel counts are kept so that Dice can also be pooled over cases (LiTS's "Dice global").
 */
public record OverlapMetrics(double dice, double hd95Mm, double assdMm, long overlapVoxels, long predictedVoxels,
                             long referenceVoxels) {

    public static OverlapMetrics of(byte[] predicted, byte[] reference, int label, Geometry g) {
        int[] box = unionBox(predicted, reference, label, g);
        if (box == null) return new OverlapMetrics(1, 0, 0, 0, 0, 0);
        int nx = box[3] - box[0] + 1, ny = box[4] - box[1] + 1, nz = box[5] - box[2] + 1;
        boolean[] a = crop(predicted, label, g, box), b = crop(reference, label, g, box);
        long inter = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i]) na++;
            if (b[i]) nb++;
            if (a[i] && b[i]) inter++;
        }
        double dice = 2.0 * inter / (na + nb);
        if (na == 0 || nb == 0) return new OverlapMetrics(dice, Double.NaN, Double.NaN, inter, na, nb);
        double[] s = g.spacing();
        boolean[] sa = surface(a, nx, ny, nz), sb = surface(b, nx, ny, nz);
        float[] ab = directed(sa, sb, nx, ny, nz, s), ba = directed(sb, sa, nx, ny, nz, s);
        float[] pooled = Arrays.copyOf(ab, ab.length + ba.length);
        System.arraycopy(ba, 0, pooled, ab.length, ba.length);
        return new OverlapMetrics(dice, percentile(pooled, 95), (mean(ab) + mean(ba)) / 2, inter, na, nb);
    }

    /** Distances (mm) from each surface voxel of {@code from} to the nearest of {@code to}. */
    private static float[] directed(boolean[] from, boolean[] to, int nx, int ny, int nz, double[] s) {
        float[] d2 = DistanceTransform.squaredMm(to, nx, ny, nz, s[0], s[1], s[2]);
        int n = 0;
        for (boolean f : from) if (f) n++;
        float[] out = new float[n];
        n = 0;
        for (int i = 0; i < from.length; i++) if (from[i]) out[n++] = (float) Math.sqrt(d2[i]);
        return out;
    }

    static boolean[] surface(boolean[] m, int nx, int ny, int nz) {
        boolean[] s = new boolean[m.length];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = (z * ny + y) * nx + x;
                    if (!m[i]) continue;
                    s[i] = x == 0 || y == 0 || z == 0 || x == nx - 1 || y == ny - 1 || z == nz - 1
                            || !m[i - 1] || !m[i + 1] || !m[i - nx] || !m[i + nx]
                            || !m[i - nx * ny] || !m[i + nx * ny];
                }
            }
        }
        return s;
    }

    /** Bounding box {x0,y0,z0,x1,y1,z1} of either mask, grown by one voxel; null when both empty. */
    static int[] unionBox(byte[] p, byte[] r, int label, Geometry g) {
        int nx = g.nx(), ny = g.ny();
        int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
        byte l = (byte) label;
        for (int i = 0; i < p.length; i++) {
            if (p[i] != l && r[i] != l) continue;
            int x = i % nx, y = (i / nx) % ny, z = i / (nx * ny);
            b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.min(b[2], z);
            b[3] = Math.max(b[3], x); b[4] = Math.max(b[4], y); b[5] = Math.max(b[5], z);
        }
        if (b[3] < 0) return null;
        // one voxel of margin keeps "outside" voxels next to the masks, except at the border
        for (int a = 0; a < 3; a++) {
            b[a] = Math.max(0, b[a] - 1);
            b[a + 3] = Math.min(g.dims()[a] - 1, b[a + 3] + 1);
        }
        return b;
    }

    static boolean[] crop(byte[] v, int label, Geometry g, int[] b) {
        int nx = b[3] - b[0] + 1, ny = b[4] - b[1] + 1, nz = b[5] - b[2] + 1;
        boolean[] out = new boolean[nx * ny * nz];
        byte l = (byte) label;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int src = ((z + b[2]) * g.ny() + y + b[1]) * g.nx() + b[0];
                for (int x = 0; x < nx; x++) out[(z * ny + y) * nx + x] = v[src + x] == l;
            }
        }
        return out;
    }

    /** Linear-interpolated percentile, as numpy.percentile's default. */
    static double percentile(float[] v, double pct) {
        float[] s = v.clone();
        Arrays.sort(s);
        double pos = pct / 100.0 * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    private static double mean(float[] v) {
        double sum = 0;
        for (float f : v) sum += f;
        return sum / v.length;
    }
}
