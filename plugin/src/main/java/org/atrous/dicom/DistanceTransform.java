package org.atrous.dicom;

/**
 * Exact Euclidean distance transform in millimetres on an anisotropic grid (Felzenszwalb and
 * Huttenlocher's separable lower-envelope algorithm: one 1D pass per axis, each weighted by
 * that axis' spacing squared). Linear in the number of voxels.
 */
public final class DistanceTransform {

    public static final float INF = 1e20f;

    private DistanceTransform() { }

    /**
     * @param seeds voxels to measure distance to, index {@code (z*ny + y)*nx + x}
     * @return squared distance in mm² from each voxel to the nearest seed ({@link #INF} if none)
     */
    public static float[] squaredMm(boolean[] seeds, int nx, int ny, int nz, double sx, double sy, double sz) {
        float[] d = new float[seeds.length];
        for (int i = 0; i < d.length; i++) d[i] = seeds[i] ? 0 : INF;
        int plane = nx * ny;
        Line line = new Line(Math.max(nx, Math.max(ny, nz)));
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) line.transform(d, (z * ny + y) * nx, 1, nx, sx * sx);
        }
        for (int z = 0; z < nz; z++) {
            for (int x = 0; x < nx; x++) line.transform(d, z * plane + x, nx, ny, sy * sy);
        }
        for (int i = 0; i < plane; i++) line.transform(d, i, plane, nz, sz * sz);
        return d;
    }

    /** Scratch space for the 1D transform along one line, reused across lines. */
    private static final class Line {
        final float[] f;
        final int[] v;
        final double[] zb;

        Line(int n) {
            f = new float[n];
            v = new int[n];
            zb = new double[n + 1];
        }

        /** Replaces d[base + k*stride] by min over q of (d[q] + w·(k − q)²). */
        void transform(float[] d, int base, int stride, int n, double w) {
            for (int k = 0; k < n; k++) f[k] = d[base + k * stride];
            int k = 0;
            v[0] = 0;
            zb[0] = Double.NEGATIVE_INFINITY;
            zb[1] = Double.POSITIVE_INFINITY;
            for (int q = 1; q < n; q++) {
                if (f[q] >= INF) continue;
                if (f[v[k]] >= INF) {
                    v[k] = q;
                    continue;
                }
                double s = intersect(q, v[k], w);
                while (s <= zb[k]) {
                    k--;
                    s = intersect(q, v[k], w);
                }
                k++;
                v[k] = q;
                zb[k] = s;
                zb[k + 1] = Double.POSITIVE_INFINITY;
            }
            if (f[v[0]] >= INF) return; // no seed on this line: leave it as it was
            k = 0;
            for (int q = 0; q < n; q++) {
                while (zb[k + 1] < q) k++;
                double dq = q - v[k];
                d[base + q * stride] = (float) (f[v[k]] + w * dq * dq);
            }
        }

        private double intersect(int q, int p, double w) {
            return ((f[q] + w * q * q) - (f[p] + w * p * p)) / (2 * w * (q - p));
        }
    }
}
