package org.atrous.phantom;

import java.util.SplittableRandom;

/**
 * A smooth low-frequency displacement field (wavelengths 80–250 mm) that bends a shape so that
 * organs are not perfect ellipsoids. Each displacement component is a sum of sines of the two
 * other coordinates, so it can be tabulated per column, per row and per plane: the field costs
 * three table look-ups per voxel instead of six sines.
 */
final class Warp {
    private final double[] amp = new double[6];
    private final double[] freq = new double[6];
    private final double[] phase = new double[6];

    Warp(SplittableRandom r, double amplitudeMm) {
        for (int i = 0; i < 6; i++) {
            amp[i] = amplitudeMm * r.nextDouble(0.3, 1.0);
            freq[i] = 2 * Math.PI / r.nextDouble(80, 250);
            phase[i] = r.nextDouble(0, 2 * Math.PI);
        }
    }

    static Warp none() {
        return new Warp(new SplittableRandom(0), 0);
    }

    private double term(int i, double v) {
        return amp[i] * Math.sin(freq[i] * v + phase[i]);
    }

    /** x displacement as a function of y. */
    double xOfY(double y) { return term(0, y); }
    /** x displacement as a function of z. */
    double xOfZ(double z) { return term(1, z); }
    double yOfX(double x) { return term(2, x); }
    double yOfZ(double z) { return term(3, z); }
    double zOfX(double x) { return term(4, x); }
    double zOfY(double y) { return term(5, y); }

    double maxAmplitude() {
        double m = 0;
        for (double a : amp) m = Math.max(m, a);
        return 2 * m;
    }
}
