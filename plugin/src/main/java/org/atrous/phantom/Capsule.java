package org.atrous.phantom;

/** A tube of constant radius around a straight segment: vessels. Level is (distance / radius)². */
final class Capsule implements Solid {
    private final double[] a, b;
    private final double radius;
    private double[] xs, ys;

    Capsule(double[] a, double[] b, double radius) {
        this.a = a.clone();
        this.b = b.clone();
        this.radius = radius;
    }

    @Override
    public void bind(double[] xs, double[] ys) {
        this.xs = xs;
        this.ys = ys;
    }

    @Override
    public Cut cut(double z) {
        if (z < Math.min(a[2], b[2]) - radius || z > Math.max(a[2], b[2]) + radius) return null;
        double mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2;
        double half = Math.hypot(a[0] - b[0], a[1] - b[1]) / 2 + radius;
        int[] xr = Solid.range(xs, mx, half), yr = Solid.range(ys, my, half);
        if (xr == null || yr == null) return null;
        double ux = b[0] - a[0], uy = b[1] - a[1], uz = b[2] - a[2];
        double len2 = ux * ux + uy * uy + uz * uz;
        return new Cut() {
            public int x0() { return xr[0]; }
            public int x1() { return xr[1]; }
            public int y0() { return yr[0]; }
            public int y1() { return yr[1]; }

            public double level(int ix, int iy) {
                double px = xs[ix] - a[0], py = ys[iy] - a[1], pz = z - a[2];
                double t = Math.max(0, Math.min(1, (px * ux + py * uy + pz * uz) / len2));
                double dx = px - t * ux, dy = py - t * uy, dz = pz - t * uz;
                return (dx * dx + dy * dy + dz * dz) / (radius * radius);
            }
        };
    }
}
