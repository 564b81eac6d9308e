package org.atrous.phantom;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.atrous.progress.ProgressListener;

/**
 * The phantom of a seed acquired on planes tilted about the left-right axis, as a gantry-tilted
 * CT or an oblique acquisition is: the same anatomy in patient space as {@link AbdomenPhantom}
 * makes, on a grid whose columns and slices are turned by the tilt. It is rendered noise-free
 * in 1 mm axial planes, read along the tilted slices (each the mean of samples across its
 * thickness, as many as the generator's sub-planes; labels of the slice centre), then given the
 * generator's noise. At a tilt of 0 it is the generator's phantom before noise, voxel for voxel.
 */
public final class ObliquePhantom {

    private ObliquePhantom() { }

    public static Phantom generate(PhantomOptions o, double tiltDegrees, ProgressListener listener) {
        double t = Math.toRadians(tiltDegrees), ps = o.effectivePixelSpacing();
        int n = o.size(), nz = o.slices();
        double halfZ = (n - 1) * ps / 2 * Math.abs(Math.sin(t)) + ((nz - 1) * o.sliceSpacing() + o.thickness()) / 2
                * Math.cos(t) + 2;
        int fineSlices = 2 * (int) Math.ceil(halfZ); // even, so the 1 mm planes lie at half-millimetres, as the 5 mm slices' sub-planes
        Phantom fine = AbdomenPhantom.generate(new PhantomOptions(o.seed(), n, fineSlices, o.pixelSpacing(), 1, 1,
                o.tumours(), 0, false), listener);
        double[] row = {1, 0, 0}, col = {0, Math.cos(t), Math.sin(t)}, normal = {0, -Math.sin(t), Math.cos(t)};
        double[] origin = new double[3];
        for (int a = 0; a < 3; a++) {
            origin[a] = -(n - 1) * ps / 2 * (row[a] + col[a]) - (nz - 1) * o.sliceSpacing() / 2 * normal[a];
        }
        Geometry g = new Geometry(new int[] {n, n, nz}, new double[] {ps, ps, o.sliceSpacing()}, origin,
                new double[] {row[0], row[1], row[2], col[0], col[1], col[2], normal[0], normal[1], normal[2]});
        float[] hu = new float[(int) g.voxelCount()];
        byte[] labels = new byte[hu.length];
        int samples = AbdomenPhantom.subPlanes(o);
        long[] sliceSeeds = new SplittableRandom(o.seed() ^ 0x0B11_0E5EL).longs(nz).toArray();
        IntStream.range(0, nz).parallel().forEach(k -> {
            listener.checkCanceled();
            float[] plane = new float[n * n];
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    double[] p = g.toPatient(i, j, k);
                    double sum = 0;
                    for (int s = 0; s < samples; s++) {
                        double d = (s - (samples - 1) / 2.0) * o.thickness() / samples;
                        sum += sample(fine, p[0] + d * normal[0], p[1] + d * normal[1], p[2] + d * normal[2]);
                    }
                    plane[j * n + i] = (float) (sum / samples);
                    labels[(k * n + j) * n + i] = label(fine, p);
                }
            }
            AbdomenPhantom.addNoise(o, new SplittableRandom(sliceSeeds[k]), plane);
            for (int i = 0; i < plane.length; i++) hu[k * n * n + i] = Math.max(-1024f, Math.min(3071f, plane[i]));
        });
        Volume ct = new Volume(hu, g, PhantomIdentity.series(o), PhantomIdentity.slices(o), new double[] {40, 400}, List.of());
        return new Phantom(ct, new LabelVolume(labels, g, PhantomClasses.ALL), fine.tumours(), o);
    }

    /** The fine volume's HU at a patient position, trilinear; air outside it. */
    private static double sample(Phantom fine, double x, double y, double z) {
        Geometry f = fine.ct().geometry();
        double fx = (x - f.origin()[0]) / f.spacing()[0], fy = (y - f.origin()[1]) / f.spacing()[1],
                fz = (z - f.origin()[2]) / f.spacing()[2];
        int x0 = (int) Math.floor(fx), y0 = (int) Math.floor(fy), z0 = (int) Math.floor(fz);
        double wx = fx - x0, wy = fy - y0, wz = fz - z0, sum = 0;
        for (int c = 0; c < 8; c++) {
            int xi = x0 + (c & 1), yi = y0 + (c >> 1 & 1), zi = z0 + (c >> 2);
            double w = ((c & 1) == 0 ? 1 - wx : wx) * ((c >> 1 & 1) == 0 ? 1 - wy : wy) * ((c >> 2) == 0 ? 1 - wz : wz);
            if (w == 0) continue;
            boolean inside = xi >= 0 && yi >= 0 && zi >= 0 && xi < f.nx() && yi < f.ny() && zi < f.nz();
            sum += w * (inside ? fine.ct().data()[(zi * f.ny() + yi) * f.nx() + xi] : -1000);
        }
        return sum;
    }

    /** The fine labels nearest a patient position; background outside. */
    private static byte label(Phantom fine, double[] p) {
        Geometry f = fine.labels().geometry();
        int xi = (int) Math.round((p[0] - f.origin()[0]) / f.spacing()[0]);
        int yi = (int) Math.round((p[1] - f.origin()[1]) / f.spacing()[1]);
        int zi = (int) Math.round((p[2] - f.origin()[2]) / f.spacing()[2]);
        if (xi < 0 || yi < 0 || zi < 0 || xi >= f.nx() || yi >= f.ny() || zi >= f.nz()) return 0;
        return fine.labels().labels()[(zi * f.ny() + yi) * f.nx() + xi];
    }
}
