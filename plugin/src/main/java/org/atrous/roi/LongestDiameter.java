package org.atrous.roi;

import java.util.Arrays;

/**
 * Longest in-plane diameter of a set of pixels, measured between pixel corners as ImageJ's
 * Feret diameter is (a single pixel measures its diagonal). Scaling x and y by the pixel
 * spacing first keeps the convex hull convex, so the answer is in millimetres directly.
 */
final class LongestDiameter {

    private LongestDiameter() { }

    /**
     * @param inside pixel mask of one slice, index {@code y*nx + x}
     * @return the largest distance in mm between corners of mask pixels, 0 for an empty mask
     */
    static double of(boolean[] inside, int nx, int ny, double sx, double sy) {
        double[] hull = hull(inside, nx, ny, sx, sy);
        return hull.length == 0 ? 0 : length(hull, farthestPair(hull));
    }

    /**
     * The longest diameter and, as RECIST 1.1 measures a lymph node's short axis, the longest
     * chord perpendicular to it; both on the outline's convex hull, in mm; zeros for an empty mask.
     */
    static Axes axes(boolean[] inside, int nx, int ny, double sx, double sy) {
        double[] hull = hull(inside, nx, ny, sx, sy);
        if (hull.length == 0) return new Axes(0, 0);
        int[] ab = farthestPair(hull);
        double longest = length(hull, ab);
        if (longest == 0) return new Axes(0, 0);
        int a = ab[0], b = ab[1];
        double ux = (hull[b] - hull[a]) / longest, uy = (hull[b + 1] - hull[a + 1]) / longest;
        return new Axes(longest, longestChordAcross(hull, ux, uy));
    }

    /** Convex hull (in mm) of the mask's pixel corners; empty for an empty mask. */
    private static double[] hull(boolean[] inside, int nx, int ny, double sx, double sy) {
        double[] pts = boundaryCorners(inside, nx, ny, sx, sy);
        return pts.length == 0 ? pts : convexHull(pts);
    }

    /** Array offsets of the two hull points farthest apart. */
    private static int[] farthestPair(double[] hull) {
        double best = -1;
        int[] ab = {0, 0};
        for (int i = 0; i < hull.length; i += 2) {
            for (int j = i + 2; j < hull.length; j += 2) {
                double dx = hull[i] - hull[j], dy = hull[i + 1] - hull[j + 1];
                if (dx * dx + dy * dy > best) {
                    best = dx * dx + dy * dy;
                    ab[0] = i;
                    ab[1] = j;
                }
            }
        }
        return ab;
    }

    private static double length(double[] hull, int[] ab) {
        return Math.hypot(hull[ab[0]] - hull[ab[1]], hull[ab[0] + 1] - hull[ab[1] + 1]);
    }

    /** Longest diameter and the longest chord perpendicular to it, in mm. */
    record Axes(double longestMm, double shortAxisMm) { }

    /**
     * Longest chord of a convex polygon perpendicular to unit direction u. A chord's length is a
     * concave, piecewise-linear function of where it crosses u, so its maximum lies at a vertex's
     * position: each vertex is tried.
     */
    private static double longestChordAcross(double[] hull, double ux, double uy) {
        int n = hull.length / 2;
        double best = 0;
        for (int k = 0; k < n; k++) {
            double t = hull[2 * k] * ux + hull[2 * k + 1] * uy;
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int e = 0; e < n; e++) {
                int f = (e + 1) % n;
                double te = hull[2 * e] * ux + hull[2 * e + 1] * uy, tf = hull[2 * f] * ux + hull[2 * f + 1] * uy;
                double ve = -hull[2 * e] * uy + hull[2 * e + 1] * ux, vf = -hull[2 * f] * uy + hull[2 * f + 1] * ux;
                if ((t < Math.min(te, tf)) || (t > Math.max(te, tf))) continue;
                double w = tf == te ? 0 : (t - te) / (tf - te);
                double v0 = tf == te ? Math.min(ve, vf) : ve + w * (vf - ve), v1 = tf == te ? Math.max(ve, vf) : v0;
                lo = Math.min(lo, v0);
                hi = Math.max(hi, v1);
            }
            if (hi > lo) best = Math.max(best, hi - lo);
        }
        return best;
    }

    /** Corners (in mm) of pixels on the mask's border: interior pixels cannot be hull points. */
    private static double[] boundaryCorners(boolean[] m, int nx, int ny, double sx, double sy) {
        double[] out = new double[64];
        int n = 0;
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                if (!m[y * nx + x] || isInterior(m, nx, ny, x, y)) continue;
                if (n + 8 > out.length) out = Arrays.copyOf(out, out.length * 2);
                for (int c = 0; c < 4; c++) {
                    out[n++] = (x + (c & 1)) * sx;
                    out[n++] = (y + (c >> 1)) * sy;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean isInterior(boolean[] m, int nx, int ny, int x, int y) {
        return x > 0 && y > 0 && x < nx - 1 && y < ny - 1
                && m[y * nx + x - 1] && m[y * nx + x + 1] && m[(y - 1) * nx + x] && m[(y + 1) * nx + x];
    }

    /** Andrew's monotone chain; points as (x, y) pairs, hull returned the same way. */
    static double[] convexHull(double[] pts) {
        int n = pts.length / 2;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> pts[2 * a] != pts[2 * b]
                ? Double.compare(pts[2 * a], pts[2 * b]) : Double.compare(pts[2 * a + 1], pts[2 * b + 1]));
        int[] hull = new int[2 * n];
        int k = 0;
        for (int t = 0; t < n; t++) {
            while (k >= 2 && cross(pts, hull[k - 2], hull[k - 1], order[t]) <= 0) k--;
            hull[k++] = order[t];
        }
        for (int t = n - 2, lower = k + 1; t >= 0; t--) {
            while (k >= lower && cross(pts, hull[k - 2], hull[k - 1], order[t]) <= 0) k--;
            hull[k++] = order[t];
        }
        double[] out = new double[2 * k];
        for (int i = 0; i < k; i++) {
            out[2 * i] = pts[2 * hull[i]];
            out[2 * i + 1] = pts[2 * hull[i] + 1];
        }
        return out;
    }

    private static double cross(double[] p, int o, int a, int b) {
        return (p[2 * a] - p[2 * o]) * (p[2 * b + 1] - p[2 * o + 1])
                - (p[2 * a + 1] - p[2 * o + 1]) * (p[2 * b] - p[2 * o]);
    }
}
