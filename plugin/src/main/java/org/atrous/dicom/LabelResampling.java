package org.atrous.dicom;

import java.util.stream.IntStream;

/**
 * A label map put on a grid whose voxels are not its own: a TotalSegmentator or nnU-Net output
 * kept at the network's spacing, a Slicer segmentation made on an oversampled or rotated
 * reference geometry, an atlas. Each label is interpolated linearly as its own indicator and a
 * voxel takes the label with the most weight, background included: nnU-Net's way of resampling
 * segmentations, which keeps outlines smooth where nearest-neighbour sampling makes stairs.
 * Where a target voxel spans more than one source voxel along an axis it is sampled that many
 * times along it (up to {@value #MAX_SUBSAMPLES}), so a structure thinner than the target's
 * spacing but filling most of a voxel is not lost between voxel centres.
 */
public final class LabelResampling {

    static final int MAX_SUBSAMPLES = 8;

    private LabelResampling() { }

    /** What resampling did, for the user: labelled voxels per value before and after, and how many lay outside the target. */
    public record Result(LabelVolume labels, long[] before, long[] after, long outside) { }

    /** {@code src} on {@code target}'s grid. */
    public static Result onto(LabelVolume src, Geometry target) {
        Geometry s = src.geometry();
        Affine toSource = Affine.between(target, s), toTarget = Affine.between(s, target);
        int[] box = targetBox(src, toTarget, target);
        byte[] out = new byte[Math.toIntExact(target.voxelCount())];
        if (box != null) {
            int[] k = new int[3];
            for (int a = 0; a < 3; a++) k[a] = subsamples(toSource.step[a]);
            IntStream.rangeClosed(box[2], box[5]).parallel()
                    .forEach(z -> slice(src, toSource, k, target, box, z, out));
        }
        return new Result(new LabelVolume(out, target, src.classes()), src.histogram(), histogram(out),
                outside(src, toTarget, target));
    }

    /** How many samples a target voxel takes along an axis: the source voxels one target step crosses. */
    private static int subsamples(double[] step) {
        double most = Math.max(Math.abs(step[0]), Math.max(Math.abs(step[1]), Math.abs(step[2])));
        return Math.max(1, Math.min(MAX_SUBSAMPLES, (int) Math.ceil(most - 1e-6)));
    }

    private static void slice(LabelVolume src, Affine m, int[] k, Geometry t, int[] box, int z, byte[] out) {
        float[] weight = new float[256];
        int[] touched = new int[256];
        byte[] in = src.labels();
        int[] d = src.geometry().dims();
        double w0 = 1.0 / (k[0] * k[1] * k[2]);
        for (int y = box[1]; y <= box[4]; y++) {
            for (int x = box[0]; x <= box[3]; x++) {
                int n = 0;
                for (int kz = 0; kz < k[2]; kz++) {
                    double tz = z + (kz + 0.5) / k[2] - 0.5;
                    for (int ky = 0; ky < k[1]; ky++) {
                        double ty = y + (ky + 0.5) / k[1] - 0.5;
                        for (int kx = 0; kx < k[0]; kx++) {
                            double tx = x + (kx + 0.5) / k[0] - 0.5;
                            n = trilinear(in, d, m.apply(tx, ty, tz), w0, weight, touched, n);
                        }
                    }
                }
                out[(z * t.ny() + y) * t.nx() + x] = (byte) heaviest(weight, touched, n);
            }
        }
    }

    /** Adds the 8 neighbours' weights of source point {@code p} (outside the source: background); returns the touched count. */
    private static int trilinear(byte[] in, int[] d, double[] p, double w0, float[] weight, int[] touched, int n) {
        int fx = (int) Math.floor(p[0]), fy = (int) Math.floor(p[1]), fz = (int) Math.floor(p[2]);
        double ax = p[0] - fx, ay = p[1] - fy, az = p[2] - fz;
        for (int c = 0; c < 8; c++) {
            int x = fx + (c & 1), y = fy + (c >> 1 & 1), z = fz + (c >> 2);
            double w = w0 * ((c & 1) == 0 ? 1 - ax : ax) * ((c >> 1 & 1) == 0 ? 1 - ay : ay) * ((c >> 2) == 0 ? 1 - az : az);
            if (w == 0) continue;
            boolean inside = x >= 0 && y >= 0 && z >= 0 && x < d[0] && y < d[1] && z < d[2];
            int label = inside ? in[x + d[0] * (y + d[1] * z)] & 0xff : 0;
            if (weight[label] == 0) touched[n++] = label;
            weight[label] += (float) w;
        }
        return n;
    }

    /** The label with the most weight (background on a tie), clearing the weights for the next voxel. */
    private static int heaviest(float[] weight, int[] touched, int n) {
        int best = 0;
        float most = weight[0];
        for (int i = 0; i < n; i++) {
            int l = touched[i];
            if (weight[l] > most) {
                most = weight[l];
                best = l;
            }
        }
        for (int i = 0; i < n; i++) weight[touched[i]] = 0;
        weight[0] = 0;
        return best;
    }

    /** {x0, y0, z0, x1, y1, z1} of the target voxels the source's labelled voxels can reach; null when none. */
    private static int[] targetBox(LabelVolume src, Affine toTarget, Geometry t) {
        int[] sb = labelledBox(src);
        if (sb == null) return null;
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int c = 0; c < 8; c++) { // the box grown by one source voxel, which interpolation reaches
            double[] p = toTarget.apply((c & 1) == 0 ? sb[0] - 1 : sb[3] + 1, (c >> 1 & 1) == 0 ? sb[1] - 1 : sb[4] + 1,
                    (c >> 2) == 0 ? sb[2] - 1 : sb[5] + 1);
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], p[a]);
                hi[a] = Math.max(hi[a], p[a]);
            }
        }
        int[] box = new int[6];
        for (int a = 0; a < 3; a++) {
            box[a] = (int) Math.max(0, Math.floor(lo[a]) - 1);
            box[3 + a] = (int) Math.min(t.dims()[a] - 1, Math.ceil(hi[a]) + 1);
            if (box[a] > box[3 + a]) return null;
        }
        return box;
    }

    private static int[] labelledBox(LabelVolume src) {
        int[] d = src.geometry().dims();
        int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
        byte[] in = src.labels();
        for (int z = 0, i = 0; z < d[2]; z++) {
            for (int y = 0; y < d[1]; y++) {
                for (int x = 0; x < d[0]; x++, i++) {
                    if (in[i] == 0) continue;
                    b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.min(b[2], z);
                    b[3] = Math.max(b[3], x); b[4] = Math.max(b[4], y); b[5] = Math.max(b[5], z);
                }
            }
        }
        return b[3] < 0 ? null : b;
    }

    /** Labelled source voxels whose centres lie outside the target's voxels. */
    private static long outside(LabelVolume src, Affine toTarget, Geometry t) {
        int[] d = src.geometry().dims(), td = t.dims();
        byte[] in = src.labels();
        long n = 0;
        for (int z = 0, i = 0; z < d[2]; z++) {
            for (int y = 0; y < d[1]; y++) {
                for (int x = 0; x < d[0]; x++, i++) {
                    if (in[i] == 0) continue;
                    double[] p = toTarget.apply(x, y, z);
                    for (int a = 0; a < 3; a++) {
                        if (p[a] < -0.5 || p[a] > td[a] - 0.5) {
                            n++;
                            break;
                        }
                    }
                }
            }
        }
        return n;
    }

    private static long[] histogram(byte[] labels) {
        long[] h = new long[256];
        for (byte b : labels) h[b & 0xff]++;
        return h;
    }

    /** Names, to {@code warn}, each class that had voxels and has none on the target grid: too thin for its spacing. */
    static void warnLost(Result r, java.util.function.Consumer<String> warn) {
        for (SegmentClass c : r.labels().classes()) {
            if (r.before()[c.label()] > 0 && r.after()[c.label()] == 0) {
                warn.accept("'" + c.name() + "' (" + r.before()[c.label()] + " voxels) is too thin for the series' voxels: none left");
            }
        }
    }

    /** Voxel indices of one grid as fractional voxel indices of another: {@code origin + x*step[0] + y*step[1] + z*step[2]}. */
    record Affine(double[] origin, double[][] step) {

        static Affine between(Geometry from, Geometry to) {
            double[] o = to.toVoxel(from.toPatient(0, 0, 0));
            double[][] step = new double[3][];
            for (int a = 0; a < 3; a++) {
                double[] p = to.toVoxel(from.toPatient(a == 0 ? 1 : 0, a == 1 ? 1 : 0, a == 2 ? 1 : 0));
                step[a] = new double[] {p[0] - o[0], p[1] - o[1], p[2] - o[2]};
            }
            return new Affine(o, step);
        }

        double[] apply(double x, double y, double z) {
            double[] p = new double[3];
            for (int c = 0; c < 3; c++) p[c] = origin[c] + x * step[0][c] + y * step[1][c] + z * step[2][c];
            return p;
        }
    }
}
