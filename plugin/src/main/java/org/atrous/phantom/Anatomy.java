package org.atrous.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One patient's abdomen: sizes, positions, rotations, deformations and tissue values drawn
 * from anatomical ranges. Anatomical millimetres: x towards the patient's left, y posterior,
 * z superior (DICOM LPS), origin at the body centre.
 */
final class Anatomy {
    // Body cross-section: superellipse |x/A|^p + |y/B|^p = 1, scaled along z by bodyScale(z).
    final double bodyA, bodyB, bodyP, fatMm, muscleMm, bodyTaper;
    final double fatHu, muscleHu, cavityHu, liverHu, spleenHu, cortexHu, medullaHu, aortaHu, portalHu, ivcHu;
    final double cancellousHu, corticalHu;
    final Ellipsoid liverRight, liverLeft, spleen, stomach, gallbladder, heart, pancreas;
    final Ellipsoid[] kidney = new Ellipsoid[2], sinus = new Ellipsoid[2], lung = new Ellipsoid[2],
            psoas = new Ellipsoid[2], paraspinal = new Ellipsoid[2];
    final List<Capsule> portal = new ArrayList<>(), colon = new ArrayList<>();
    final List<Ellipsoid> bowel = new ArrayList<>();
    final List<Boolean> bowelAir = new ArrayList<>();
    final List<Ellipsoid> tumours = new ArrayList<>();
    final List<Double> tumourHu = new ArrayList<>();
    final Capsule aorta, ivc;
    final double spineY, discPhase;
    final double[] ribTop;
    final double[] ribEnd;
    /** Kept to place tumours inside the right lobe. */
    private final double[] liverRightCentre, liverRightSemi;

    Anatomy(SplittableRandom r, int tumourCount) {
        double s = r.nextDouble(0.9, 1.1);
        bodyA = s * r.nextDouble(145, 175);
        bodyB = s * r.nextDouble(100, 122);
        bodyP = r.nextDouble(2.2, 2.8);
        bodyTaper = r.nextDouble(-0.0006, 0.0006);
        fatMm = r.nextDouble(8, 35);
        muscleMm = r.nextDouble(9, 15);
        fatHu = r.nextDouble(-115, -90);
        muscleHu = r.nextDouble(40, 60);
        cavityHu = r.nextDouble(-100, -75);
        liverHu = r.nextDouble(55, 75);
        spleenHu = liverHu - r.nextDouble(0, 12);
        cortexHu = r.nextDouble(140, 200);
        medullaHu = r.nextDouble(60, 95);
        aortaHu = r.nextDouble(150, 250);
        portalHu = r.nextDouble(140, 200);
        ivcHu = r.nextDouble(90, 140);
        cancellousHu = r.nextDouble(180, 300);
        corticalHu = r.nextDouble(700, 1000);
        spineY = bodyB - r.nextDouble(62, 72);
        discPhase = r.nextDouble(0, 32);

        liverRightCentre = jitter(r, s, -62, 2, 35, 8);
        liverRightSemi = scaled(r, s, 72, 76, 68, 0.1);
        liverRight = new Ellipsoid(liverRightCentre, liverRightSemi,
                r.nextDouble(-12, 12), r.nextDouble(-8, 8), r.nextDouble(-5, 10), new Warp(r, 7));
        liverLeft = new Ellipsoid(jitter(r, s, 5, -38, 55, 8), scaled(r, s, 55, 32, 38, 0.15),
                r.nextDouble(-15, 5), r.nextDouble(-5, 5), r.nextDouble(-10, 10), new Warp(r, 5));
        spleen = new Ellipsoid(jitter(r, s, 82, 55, 60, 8), scaled(r, s, 24, 55, 45, 0.15),
                r.nextDouble(-45, -25), r.nextDouble(-10, 10), 0, new Warp(r, 4));
        stomach = new Ellipsoid(jitter(r, s, 45, -35, 70, 10), scaled(r, s, 45, 32, 45, 0.2),
                r.nextDouble(10, 40), 0, 0, new Warp(r, 6));
        gallbladder = new Ellipsoid(jitter(r, s, -45, -30, -5, 6), scaled(r, s, 14, 14, 30, 0.2),
                r.nextDouble(-20, 20), r.nextDouble(20, 40), 0, new Warp(r, 2));
        // pancreas: body and tail lying across the spine towards the splenic hilum, head by the duodenum
        pancreas = new Ellipsoid(new double[] {s * 20, spineY - 48, r.nextDouble(-5, 15)}, new double[] {70 * s, 11 * s, 14 * s},
                r.nextDouble(-25, -10), 0, 0, new Warp(r, 4));
        heart = new Ellipsoid(jitter(r, s, 15, -30, 190, 10), scaled(r, s, 65, 50, 60, 0.1),
                r.nextDouble(20, 40), 0, 0, new Warp(r, 4));
        for (int side = 0; side < 2; side++) {
            double sign = side == 0 ? -1 : 1; // 0 = right (patient's right is -x), 1 = left
            double kz = side == 0 ? -30 : -15;
            kidney[side] = new Ellipsoid(jitter(r, s, sign * 62, spineY - 2, kz, 6), scaled(r, s, 27, 22, 52, 0.1),
                    sign * r.nextDouble(25, 40), r.nextDouble(-15, -5), sign * r.nextDouble(5, 15), new Warp(r, 3));
            sinus[side] = new Ellipsoid(new double[] {sign * 50 * s, spineY - 8, kz * s},
                    new double[] {13 * s, 10 * s, 26 * s}, sign * 30, -10, sign * 10, Warp.none());
            lung[side] = new Ellipsoid(jitter(r, s, sign * 78, 30, 155, 8), scaled(r, s, 70, 80, 95, 0.1),
                    0, 0, 0, new Warp(r, 6));
            psoas[side] = new Ellipsoid(new double[] {sign * 40 * s, spineY - 8, -150},
                    new double[] {20 * s, 22 * s, 140}, sign * 10, 0, sign * -8, new Warp(r, 3));
            paraspinal[side] = new Ellipsoid(new double[] {sign * 38 * s, bodyB - 38 * s, 0},
                    new double[] {28 * s, 22 * s, 2000}, 0, 0, 0, new Warp(r, 3));
        }
        double ax = s * r.nextDouble(8, 20);
        aorta = new Capsule(new double[] {ax, spineY - 35, -400}, new double[] {ax + r.nextDouble(-6, 6), spineY - 38, 400},
                r.nextDouble(9, 13));
        ivc = new Capsule(new double[] {-ax - 18, spineY - 32, -400}, new double[] {-ax - 20, spineY - 38, 400},
                r.nextDouble(9, 12));
        double[] hilum = jitter(r, s, -35, -5, 15, 6);
        portal.add(new Capsule(new double[] {5, spineY - 45, -25}, hilum, r.nextDouble(6, 8)));
        portal.add(new Capsule(hilum, jitter(r, s, -95, 10, 40, 8), r.nextDouble(4, 6)));
        portal.add(new Capsule(hilum, jitter(r, s, -10, -40, 50, 8), r.nextDouble(3.5, 5)));
        addBowel(r, s);
        ribTop = new double[12];
        ribEnd = new double[12];
        double top = r.nextDouble(165, 185);
        for (int k = 0; k < 12; k++) {
            ribTop[k] = top - k * r.nextDouble(24, 30);
            ribEnd[k] = k < 7 ? 2.7 : 2.3 - 0.25 * (k - 7); // lower ribs end further back (floating ribs)
        }
        addTumours(r, tumourCount < 0 ? r.nextInt(PhantomOptions.MAX_TUMOURS + 1) : tumourCount);
    }

    private void addBowel(SplittableRandom r, double s) {
        int loops = r.nextInt(6, 11);
        for (int i = 0; i < loops; i++) {
            double[] c = {s * r.nextDouble(-70, 70), s * r.nextDouble(-70, 5), r.nextDouble(-150, -20)};
            bowel.add(new Ellipsoid(c, scaled(r, s, 18, 16, 22, 0.35), r.nextDouble(0, 180),
                    r.nextDouble(-40, 40), 0, new Warp(r, 4)));
            bowelAir.add(r.nextDouble() < 0.4);
        }
        double cr = s * r.nextDouble(16, 22);
        double[] hepatic = {-s * 85, -s * 10, -25}, splenic = {s * 80, -s * 15, 0};
        colon.add(new Capsule(new double[] {-s * 88, s * 15, -200}, hepatic, cr));
        colon.add(new Capsule(hepatic, new double[] {0, -s * 60, -35}, cr * 0.9));
        colon.add(new Capsule(new double[] {0, -s * 60, -35}, splenic, cr * 0.9));
        colon.add(new Capsule(splenic, new double[] {s * 88, s * 25, -200}, cr * 0.75));
    }

    /**
     * Places tumours in the right lobe: half deep inside, half reaching the surface (clipped to
     * the liver when painted, so a surface tumour bulges no further than the capsule).
     */
    private void addTumours(SplittableRandom r, int n) {
        double[] c = liverRightCentre, semi = liverRightSemi;
        for (int i = 0; i < n; i++) {
            boolean surface = i % 2 == 1;
            double radius = surface ? r.nextDouble(8, 20) : r.nextDouble(2.5, 20);
            double[] u = unitVector(r);
            double depth = surface ? 0.92 : r.nextDouble(0.0, 0.55);
            double[] p = new double[3];
            for (int a = 0; a < 3; a++) p[a] = c[a] + u[a] * depth * semi[a];
            tumours.add(new Ellipsoid(p, new double[] {radius * r.nextDouble(0.85, 1.15), radius * r.nextDouble(0.85, 1.15),
                    radius * r.nextDouble(0.85, 1.15)}, r.nextDouble(0, 180), r.nextDouble(-30, 30), 0,
                    new Warp(r, radius * 0.12)));
            double delta = r.nextDouble(15, 40) * (r.nextBoolean() ? 1 : -1);
            tumourHu.add(delta);
        }
    }


    private double[] jitter(SplittableRandom r, double s, double x, double y, double z, double mm) {
        double[] c = {s * x + r.nextDouble(-mm, mm), s * y + r.nextDouble(-mm, mm), s * z + r.nextDouble(-mm, mm)};
        return c;
    }

    private double[] scaled(SplittableRandom r, double s, double a, double b, double c, double spread) {
        double[] v = {s * a * r.nextDouble(1 - spread, 1 + spread), s * b * r.nextDouble(1 - spread, 1 + spread),
                s * c * r.nextDouble(1 - spread, 1 + spread)};
        return v;
    }

    private static double[] unitVector(SplittableRandom r) {
        double x, y, z, n;
        do {
            x = r.nextDouble(-1, 1);
            y = r.nextDouble(-1, 1);
            z = r.nextDouble(-1, 1);
            n = x * x + y * y + z * z;
        } while (n > 1 || n < 1e-3);
        n = Math.sqrt(n);
        return new double[] {x / n, y / n, z / n};
    }

    /** Body scale at height z: the abdomen narrows slightly towards the pelvis or the chest. */
    double bodyScale(double z) {
        return 1 + bodyTaper * z;
    }

    /** Every solid, so the painter can bind them to its grid. */
    List<Solid> solids() {
        List<Solid> all = new ArrayList<>(List.of(liverRight, liverLeft, spleen, stomach, gallbladder, heart, pancreas, aorta, ivc));
        for (int i = 0; i < 2; i++) all.addAll(List.of(kidney[i], sinus[i], lung[i], psoas[i], paraspinal[i]));
        all.addAll(portal);
        all.addAll(colon);
        all.addAll(bowel);
        all.addAll(tumours);
        return all;
    }
}
