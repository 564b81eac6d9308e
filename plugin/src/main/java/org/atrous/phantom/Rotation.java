package org.atrous.phantom;

/** Rotation matrices (row-major 3×3) from yaw (about z), pitch (about x) and roll (about y). */
final class Rotation {
    private Rotation() { }

    static double[] matrix(double yawDeg, double pitchDeg, double rollDeg) {
        double[] z = about(2, Math.toRadians(yawDeg));
        double[] x = about(0, Math.toRadians(pitchDeg));
        double[] y = about(1, Math.toRadians(rollDeg));
        return multiply(z, multiply(x, y));
    }

    private static double[] about(int axis, double t) {
        double c = Math.cos(t), s = Math.sin(t);
        return switch (axis) {
            case 0 -> new double[] {1, 0, 0, 0, c, -s, 0, s, c};
            case 1 -> new double[] {c, 0, s, 0, 1, 0, -s, 0, c};
            default -> new double[] {c, -s, 0, s, c, 0, 0, 0, 1};
        };
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) r[3 * i + j] += a[3 * i + k] * b[3 * k + j];
            }
        }
        return r;
    }
}
