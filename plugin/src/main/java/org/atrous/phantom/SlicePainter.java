package org.atrous.phantom;

import static org.atrous.phantom.PhantomClasses.*;

/**
 * Paints one axial plane of an {@link Anatomy}: tissue values in HU (noise-free) and the
 * ground-truth label of every pixel centre. Later structures overwrite earlier ones, in the
 * order the body nests them: wall, gut, lungs, muscles, organs, vessels, bone.
 */
final class SlicePainter {
    private final Anatomy an;
    private final double[] xs, ys;
    private final int nx, ny;
    /** Superellipse radius of each pixel for the unscaled body outline (1 on the skin). */
    private final double[] rho0;
    private final double meanSemi;

    SlicePainter(Anatomy an, double[] xs, double[] ys) {
        this.an = an;
        this.xs = xs;
        this.ys = ys;
        nx = xs.length;
        ny = ys.length;
        for (Solid s : an.solids()) s.bind(xs, ys);
        meanSemi = (an.bodyA + an.bodyB) / 2;
        rho0 = new double[nx * ny];
        for (int iy = 0; iy < ny; iy++) {
            for (int ix = 0; ix < nx; ix++) {
                rho0[iy * nx + ix] = Math.pow(Math.pow(Math.abs(xs[ix] / an.bodyA), an.bodyP)
                        + Math.pow(Math.abs(ys[iy] / an.bodyB), an.bodyP), 1 / an.bodyP);
            }
        }
    }

    /** Pixel position (column, row) of the vertebral body centre, where streaks radiate from. */
    double[] spineCentre() {
        return new double[] {nearest(xs, 0), nearest(ys, an.spineY)};
    }

    private static int nearest(double[] coords, double v) {
        int best = 0;
        for (int i = 1; i < coords.length; i++) if (Math.abs(coords[i] - v) < Math.abs(coords[best] - v)) best = i;
        return best;
    }

    private interface Rule {
        void apply(int i, double level);
    }

    /** Fills hu and label (both nx*ny) for the plane at anatomical height z. */
    void paint(double z, float[] hu, byte[] label) {
        double scale = an.bodyScale(z);
        double cavity = 1 - (an.fatMm + an.muscleMm) / meanSemi;
        wall(scale, cavity, hu, label);
        double cavityRho = scale * cavity;
        Rule gutAir = (i, l) -> set(hu, label, i, l > 0.72 ? 40 : -1000, 0);
        for (Capsule c : an.colon) fill(c, z, gutAir);
        for (int k = 0; k < an.bowel.size(); k++) {
            boolean air = an.bowelAir.get(k);
            fill(an.bowel.get(k), z, (i, l) -> set(hu, label, i, l > 0.7 ? 40 : air ? -1000 : 20, 0));
        }
        double stomachAirY = an.stomach.centreY() - 8;
        fill(an.stomach, z, (i, l) -> set(hu, label, i, l > 0.8 ? 45 : ys[i / nx] < stomachAirY ? -1000 : 15, 0));
        fill(an.heart, z, (i, l) -> set(hu, label, i, l > 0.75 ? 45 : an.aortaHu, 0));
        for (Ellipsoid lung : an.lung) {
            fill(lung, z, (i, l) -> { if (rho0[i] < cavityRho) set(hu, label, i, -860 + 30 * l, 0); });
        }
        for (int s = 0; s < 2; s++) {
            fill(an.psoas[s], z, (i, l) -> set(hu, label, i, an.muscleHu, 0));
            fill(an.paraspinal[s], z, (i, l) -> set(hu, label, i, an.muscleHu, 0));
        }
        fill(an.pancreas, z, (i, l) -> { if (rho0[i] < cavityRho) set(hu, label, i, an.liverHu + 25, 0); });
        organs(z, cavityRho, hu, label);
        vessels(z, hu, label);
        spine(z, hu, label);
        ribs(z, scale, hu, label);
    }

    private void wall(double scale, double cavity, float[] hu, byte[] label) {
        double skin = 1 - 2.5 / meanSemi, fat = 1 - an.fatMm / meanSemi;
        for (int i = 0; i < hu.length; i++) {
            double r = rho0[i] / scale;
            hu[i] = (float) (r >= 1 ? -1000 : r > skin ? 30 : r > fat ? an.fatHu : r > cavity ? an.muscleHu : an.cavityHu);
            label[i] = 0;
        }
    }

    private void organs(double z, double cavityRho, float[] hu, byte[] label) {
        for (int s = 0; s < 2; s++) {
            int kidneyLabel = s == 0 ? RIGHT_KIDNEY : LEFT_KIDNEY;
            fill(an.kidney[s], z, (i, l) -> set(hu, label, i, l > 0.55 ? an.cortexHu : an.medullaHu, kidneyLabel));
            fill(an.sinus[s], z, (i, l) -> {
                if (label[i] == kidneyLabel) set(hu, label, i, -70, 0);
            });
        }
        // Organs do not overlap: the kidneys indent the liver and spleen, the spleen the liver.
        fill(an.spleen, z, (i, l) -> { if (rho0[i] < cavityRho && !kidney(label[i])) set(hu, label, i, an.spleenHu, SPLEEN); });
        Rule liver = (i, l) -> {
            if (rho0[i] < cavityRho && !kidney(label[i]) && label[i] != SPLEEN) set(hu, label, i, an.liverHu, LIVER);
        };
        fill(an.liverRight, z, liver);
        fill(an.liverLeft, z, liver);
        fill(an.gallbladder, z, (i, l) -> { if (label[i] == LIVER) set(hu, label, i, 8, 0); });
        for (int t = 0; t < an.tumours.size(); t++) {
            double tumourHu = an.liverHu + an.tumourHu.get(t);
            fill(an.tumours.get(t), z, (i, l) -> { if (label[i] == LIVER) set(hu, label, i, tumourHu, TUMOUR); });
        }
    }

    private static boolean kidney(byte label) {
        return label == RIGHT_KIDNEY || label == LEFT_KIDNEY;
    }

    private void vessels(double z, float[] hu, byte[] label) {
        for (Capsule c : an.portal) fill(c, z, (i, l) -> set(hu, label, i, an.portalHu, PORTAL_VEIN));
        fill(an.ivc, z, (i, l) -> set(hu, label, i, an.ivcHu, 0));
        fill(an.aorta, z, (i, l) -> set(hu, label, i, l > 0.85 ? 45 : an.aortaHu, AORTA));
    }

    /** Vertebra at this height: body (or disc), canal, arch, spinous and transverse processes. */
    private void spine(double z, float[] hu, byte[] label) {
        boolean disc = Math.floorMod((long) Math.floor(z + an.discPhase), 32) < 7;
        double cy = an.spineY;
        int[] xr = Solid.range(xs, 0, 45), yr = Solid.range(ys, cy + 20, 45);
        if (xr == null || yr == null) return;
        for (int iy = yr[0]; iy <= yr[1]; iy++) {
            for (int ix = xr[0]; ix <= xr[1]; ix++) {
                double x = xs[ix], y = ys[iy] - cy;
                double body = (x / 22) * (x / 22) + (y / 18) * (y / 18);
                double canal = Math.hypot(x, y - 30);
                int i = iy * nx + ix;
                if (body < 1) {
                    set(hu, label, i, disc ? 90 : body > 0.75 ? an.corticalHu : an.cancellousHu, 0);
                } else if (canal < 9) {
                    set(hu, label, i, 15, 0);
                } else if (!disc && (canal < 16 && y > 22 || Math.abs(x) < 4 && y > 40 && y < 62
                        || Math.abs(y - 25) < 3.5 && Math.abs(x) > 14 && Math.abs(x) < 32)) {
                    set(hu, label, i, an.corticalHu * 0.8, 0);
                }
            }
        }
    }

    /** Ribs: tubes in the muscle layer that descend as they wrap from the spine forwards. */
    private void ribs(double z, double scale, float[] hu, byte[] label) {
        double fat = 1 - an.fatMm / meanSemi, cavity = 1 - (an.fatMm + an.muscleMm) / meanSemi;
        double ribRho = scale * (fat + cavity) / 2, bandRho = 6 / meanSemi;
        for (int i = 0; i < hu.length; i++) {
            double dr = (rho0[i] - ribRho) / bandRho;
            if (dr * dr >= 1) continue;
            double x = xs[i % nx], y = ys[i / nx];
            double phi = Math.atan2(Math.abs(x), y); // 0 at the back, pi at the front
            if (phi < 0.3) continue;
            for (int k = 0; k < an.ribTop.length; k++) {
                if (phi > an.ribEnd[k]) continue;
                double dz = z - (an.ribTop[k] - 0.32 * phi * meanSemi);
                double d = Math.hypot(dr * 6, dz);
                if (d < 5.5) {
                    set(hu, label, i, d > 3.5 ? an.corticalHu : an.cancellousHu, 0);
                    break;
                }
            }
        }
    }

    private void fill(Solid s, double z, Rule rule) {
        Solid.Cut c = s.cut(z);
        if (c == null) return;
        for (int iy = c.y0(); iy <= c.y1(); iy++) {
            for (int ix = c.x0(); ix <= c.x1(); ix++) {
                double l = c.level(ix, iy);
                if (l < 1) rule.apply(iy * nx + ix, l);
            }
        }
    }

    private static void set(float[] hu, byte[] label, int i, double value, int lab) {
        hu[i] = (float) value;
        label[i] = (byte) lab;
    }
}
