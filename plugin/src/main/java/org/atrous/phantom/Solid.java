package org.atrous.phantom;

/**
 * A smooth 3D shape in anatomical millimetres, evaluated one axial plane at a time so that
 * per-slice work (warp terms along z, bounding boxes) is done once per plane, not per voxel.
 */
interface Solid {

    /** Binds the shape to the pixel centres of the grid (anatomical mm per column and row). */
    void bind(double[] xs, double[] ys);

    /** The shape's cut at height z (mm), or null when the plane misses it. */
    Cut cut(double z);

    /** One planar cut: a pixel box and a level that is below 1 inside and grows outwards. */
    interface Cut {
        int x0();
        int x1();
        int y0();
        int y1();
        double level(int ix, int iy);
    }

    /** Index range [lo, hi] of the sorted coordinates within [c - r, c + r], or null if empty. */
    static int[] range(double[] coords, double c, double r) {
        int lo = -1, hi = -1;
        for (int i = 0; i < coords.length; i++) {
            if (Math.abs(coords[i] - c) <= r) {
                if (lo < 0) lo = i;
                hi = i;
            }
        }
        return lo < 0 ? null : new int[] {lo, hi};
    }
}
