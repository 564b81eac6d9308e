package org.atrous.quality;

/**
 * The global noise level (GNL) of a CT series, as Christianson et al. define it (AJR 2015,
 * "Automated technique to measure noise in clinical CT examinations"): the standard deviation of
 * HU in a small window is taken at every soft-tissue pixel (0–100 HU), and the most frequent of
 * those local values is the noise. Edges and structure raise a window's deviation, so they land
 * in the histogram's tail; flat tissue, which every abdominal scan has plenty of, makes the mode.
 *
 * <p>The window is a square of the area of the paper's 6 mm radius disk (side 10.6 mm), so
 * that summed-area tables give every window's mean and deviation in constant time. At most
 * {@value #MAX_SLICES} evenly spread slices are measured: the mode is stable long before that.
 * On the bundled phantoms, whose noise is correlated over about a pixel, the GNL reads
 * about 6 % under the noise's nominal per-voxel SD (9.3–9.4 HU at 10 HU, 13.8–14.1 at 15).
 */
public final class GlobalNoiseLevel {

    /** The paper's kernel radius. */
    public static final double KERNEL_RADIUS_MM = 6;
    /** Soft tissue, as in the paper: both the pixel and its window's mean lie in this HU range. */
    static final double TISSUE_MIN_HU = 0, TISSUE_MAX_HU = 100;
    static final double BIN_HU = 0.5;
    static final int BINS = 400;
    static final int MAX_SLICES = 40;
    /** Fewer soft-tissue windows than this (a small crop, a scan of air or bone only): no estimate. */
    static final long MIN_WINDOWS = 2000;

    private GlobalNoiseLevel() { }

    /**
     * @param hu     voxels in HU, index {@code (z*ny + y)*nx + x}
     * @param sx     column spacing in mm
     * @param sy     row spacing in mm
     * @return the GNL in HU, or NaN when the volume has too little soft tissue to tell
     */
    public static double measure(float[] hu, int nx, int ny, int nz, double sx, double sy) {
        if (hu.length != (long) nx * ny * nz) throw new IllegalArgumentException("volume has " + hu.length
                + " voxels, dims give " + (long) nx * ny * nz);
        if (!(sx > 0) || !(sy > 0)) throw new IllegalArgumentException("pixel spacing must be positive");
        double halfSide = KERNEL_RADIUS_MM * Math.sqrt(Math.PI) / 2;
        int hx = Math.max(1, (int) Math.round(halfSide / sx)), hy = Math.max(1, (int) Math.round(halfSide / sy));
        long[] histogram = new long[BINS];
        SliceWindows windows = new SliceWindows(nx, ny);
        int step = Math.max(1, (nz + MAX_SLICES - 1) / MAX_SLICES);
        for (int z = step / 2; z < nz; z += step) windows.add(hu, z * nx * ny, hx, hy, histogram);
        return mode(histogram);
    }

    /**
     * The peak of the histogram after a 5-bin triangular moving average (single bins are noisy), placed
     * between bins by a parabola through the fullest bin and its neighbours; NaN when too few.
     */
    static double mode(long[] histogram) {
        long total = 0;
        for (long c : histogram) total += c;
        if (total < MIN_WINDOWS) return Double.NaN;
        long[] smooth = new long[histogram.length];
        int best = 0;
        for (int b = 0; b < histogram.length; b++) {
            for (int k = Math.max(0, b - 2); k <= Math.min(histogram.length - 1, b + 2); k++) {
                smooth[b] += (3 - Math.abs(k - b)) * histogram[k];
            }
            if (smooth[b] > smooth[best]) best = b;
        }
        double shift = 0;
        if (best > 0 && best < smooth.length - 1) {
            double left = smooth[best - 1], mid = smooth[best], right = smooth[best + 1];
            double curvature = left - 2 * mid + right;
            if (curvature < 0) shift = Math.max(-0.5, Math.min(0.5, 0.5 * (left - right) / curvature));
        }
        return (best + 0.5 + shift) * BIN_HU;
    }

    /** Summed-area tables of one slice, reused from slice to slice. */
    private static final class SliceWindows {
        final int nx, ny;
        final double[] sum, sumSq;

        SliceWindows(int nx, int ny) {
            this.nx = nx;
            this.ny = ny;
            sum = new double[(nx + 1) * (ny + 1)];
            sumSq = new double[(nx + 1) * (ny + 1)];
        }

        void add(float[] hu, int offset, int hx, int hy, long[] histogram) {
            int w = nx + 1;
            for (int y = 0; y < ny; y++) {
                double row = 0, rowSq = 0;
                for (int x = 0; x < nx; x++) {
                    double v = hu[offset + y * nx + x];
                    row += v;
                    rowSq += v * v;
                    sum[(y + 1) * w + x + 1] = sum[y * w + x + 1] + row;
                    sumSq[(y + 1) * w + x + 1] = sumSq[y * w + x + 1] + rowSq;
                }
            }
            double n = (2.0 * hx + 1) * (2 * hy + 1);
            for (int y = hy; y < ny - hy; y++) {
                for (int x = hx; x < nx - hx; x++) {
                    float v = hu[offset + y * nx + x];
                    if (v < TISSUE_MIN_HU || v > TISSUE_MAX_HU) continue;
                    double mean = box(sum, x, y, hx, hy) / n;
                    if (mean < TISSUE_MIN_HU || mean > TISSUE_MAX_HU) continue;
                    double variance = Math.max(0, box(sumSq, x, y, hx, hy) / n - mean * mean);
                    int bin = (int) (Math.sqrt(variance * n / (n - 1)) / BIN_HU);
                    if (bin < histogram.length) histogram[bin]++;
                }
            }
        }

        private double box(double[] table, int x, int y, int hx, int hy) {
            int w = nx + 1, x0 = x - hx, x1 = x + hx + 1, y0 = y - hy, y1 = y + hy + 1;
            return table[y1 * w + x1] - table[y0 * w + x1] - table[y1 * w + x0] + table[y0 * w + x0];
        }
    }
}
