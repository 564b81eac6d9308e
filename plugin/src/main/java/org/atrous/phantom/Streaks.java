package org.atrous.phantom;

import java.util.SplittableRandom;

/** Faint alternating bright/dark lines through dense bone, as beam hardening and photon starvation make. */
final class Streaks {
    private Streaks() { }

    static void add(float[] img, int n, double[] centrePx, SplittableRandom r) {
        int lines = r.nextInt(2, 6);
        for (int k = 0; k < lines; k++) {
            double angle = r.nextDouble(0, Math.PI), amp = r.nextDouble(15, 45) * (k % 2 == 0 ? 1 : -1);
            double ux = Math.cos(angle), uy = Math.sin(angle);
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double dx = x - centrePx[0], dy = y - centrePx[1];
                    double d = Math.abs(dx * uy - dy * ux);
                    if (d < 4) img[y * n + x] += (float) (amp * Math.exp(-d * d / 2));
                }
            }
        }
    }
}
