package org.atrous.phantom;

/**
 * A rotated, warped ellipsoid. Its level is the squared normalised radius: below 1 inside,
 * and thresholds such as 0.7 carve inner shells (kidney cortex against medulla).
 */
final class Ellipsoid implements Solid {
    private final double cx, cy, cz;
    private final double[] m = new double[9];
    private final Warp warp;
    private final double reach;
    private double[] xs, ys, dxOfY, dyOfX, dzOfX, dzOfY;
    private int[] xr, yr;

    /**
     * @param centre   anatomical mm
     * @param semi     semi-axes in mm along the shape's own x, y, z before rotation
     * @param yawDeg   rotation about the z axis (axial plane), degrees
     * @param pitchDeg rotation about the x axis (tilts the long axis forwards), degrees
     * @param rollDeg  rotation about the y axis (tilts the long axis sideways), degrees
     */
    Ellipsoid(double[] centre, double[] semi, double yawDeg, double pitchDeg, double rollDeg, Warp warp) {
        cx = centre[0];
        cy = centre[1];
        cz = centre[2];
        this.warp = warp;
        double[] rot = Rotation.matrix(yawDeg, pitchDeg, rollDeg);
        // m = diag(1/semi) * R^T: rotate a patient offset into the shape frame, then scale.
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) m[3 * i + j] = rot[3 * j + i] / semi[i];
        }
        reach = Math.max(semi[0], Math.max(semi[1], semi[2])) + warp.maxAmplitude();
    }

    double centreY() { return cy; }

    @Override
    public void bind(double[] xs, double[] ys) {
        this.xs = xs;
        this.ys = ys;
        dyOfX = new double[xs.length];
        dzOfX = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            dyOfX[i] = warp.yOfX(xs[i]);
            dzOfX[i] = warp.zOfX(xs[i]);
        }
        dxOfY = new double[ys.length];
        dzOfY = new double[ys.length];
        for (int i = 0; i < ys.length; i++) {
            dxOfY[i] = warp.xOfY(ys[i]);
            dzOfY[i] = warp.zOfY(ys[i]);
        }
        xr = Solid.range(xs, cx, reach);
        yr = Solid.range(ys, cy, reach);
    }

    @Override
    public Cut cut(double z) {
        if (xr == null || yr == null || Math.abs(z - cz) > reach) return null;
        double dz = z - cz, dxz = warp.xOfZ(z), dyz = warp.yOfZ(z);
        return new Cut() {
            public int x0() { return xr[0]; }
            public int x1() { return xr[1]; }
            public int y0() { return yr[0]; }
            public int y1() { return yr[1]; }

            public double level(int ix, int iy) {
                double px = xs[ix] - cx + dxOfY[iy] + dxz;
                double py = ys[iy] - cy + dyOfX[ix] + dyz;
                double pz = dz + dzOfX[ix] + dzOfY[iy];
                double a = m[0] * px + m[1] * py + m[2] * pz;
                double b = m[3] * px + m[4] * py + m[5] * pz;
                double c = m[6] * px + m[7] * py + m[8] * pz;
                return a * a + b * b + c * c;
            }
        };
    }
}
