package org.atrous.dicom;

import java.util.Arrays;
import java.util.List;

/**
 * Fills closed planar contours into a slice mask by the even-odd rule over all of one
 * structure's contours on that slice: a contour inside another is a hole, as radiotherapy
 * planning systems read them (the RT Structure Set standard leaves holes to convention). A
 * pixel belongs when its centre lies inside; a centre exactly on a left edge counts, on a right
 * edge not, so two contours sharing an edge never claim a pixel twice.
 */
public final class ContourRasterizer {

    private ContourRasterizer() { }

    /**
     * Flips (even-odd) the pixels of {@code mask} (nx × ny, row-major) whose centres lie inside
     * the polygons; each polygon is x0, y0, x1, y1, … in pixel-centre coordinates (pixel (0,0)'s
     * centre at (0,0)).
     */
    public static void fill(List<double[]> polygons, boolean[] mask, int nx, int ny) {
        double[] xs = new double[16];
        for (int y = 0; y < ny; y++) {
            int n = 0;
            for (double[] p : polygons) {
                int m = p.length / 2;
                for (int i = 0; i < m; i++) {
                    double x0 = p[2 * i], y0 = p[2 * i + 1];
                    double x1 = p[2 * ((i + 1) % m)], y1 = p[2 * ((i + 1) % m) + 1];
                    // half-open in y: a vertex on the scan line is counted once
                    if ((y0 <= y) == (y1 <= y)) continue;
                    if (n == xs.length) xs = Arrays.copyOf(xs, 2 * n);
                    xs[n++] = x0 + (y - y0) * (x1 - x0) / (y1 - y0);
                }
            }
            Arrays.sort(xs, 0, n);
            for (int k = 0; k + 1 < n; k += 2) {
                int from = Math.max(0, (int) Math.ceil(xs[k])), to = Math.min(nx - 1, (int) Math.ceil(xs[k + 1]) - 1);
                for (int x = from; x <= to; x++) mask[y * nx + x] = !mask[y * nx + x];
            }
        }
    }
}
