package org.atrous.model.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.atrous.dicom.Geometry;
import org.atrous.model.Preprocessing;
import org.atrous.model.SliceInput;
import org.atrous.roi.ComponentLabeler;

/**
 * Draws augmented 2D training patches from annotated volumes. A fraction of patches is forced
 * to centre on a voxel of a randomly chosen foreground class (nnU-Net's foreground
 * oversampling), so small structures such as tumours are seen often enough to be learnt. The
 * class is drawn uniformly among those present, or by per-class weights: with seven organs
 * and tumours, uniform drawing centres only one foreground patch in seven on a tumour.
 * Within a class the centre is a voxel of a random slice holding it, so a lesion is seen in
 * proportion to its size; a class set {@link #perLesion} instead draws one of its connected
 * components uniformly, so a 6 mm tumour is centred as often as a 40 mm one.
 * Images are sampled bilinearly on the model's grid, labels by nearest neighbour on their own.
 */
public final class PatchSampler {

    private final List<TrainingCase> cases;
    private final List<SliceInput> inputs = new ArrayList<>();
    private final Preprocessing pre;
    private final int patch, classes;
    private final double oversample;
    private final Augmentation aug;
    /** Relative chance of each foreground class to be the centre of an oversampled patch. */
    private final double[] classWeights;
    /** For each foreground class: (case, z) pairs whose slice holds it. */
    private final List<List<int[]>> slicesWith = new ArrayList<>();
    private final List<int[]> allSlices = new ArrayList<>();
    /** For classes sampled per lesion: each 3D component as (case, voxel indices); null otherwise. */
    private final List<List<Lesion>> lesions = new ArrayList<>();

    private record Lesion(int caseIndex, int[] voxels) { }

    public PatchSampler(List<TrainingCase> cases, Preprocessing pre, int classes, int patch,
                        double oversample, Augmentation aug) {
        if (cases.isEmpty()) throw new IllegalArgumentException("no training cases");
        this.cases = List.copyOf(cases);
        this.pre = pre;
        this.patch = patch;
        this.classes = classes;
        this.oversample = oversample;
        this.aug = aug;
        this.classWeights = new double[classes];
        Arrays.fill(classWeights, 1.0);
        for (int c = 0; c < classes; c++) {
            slicesWith.add(new ArrayList<>());
            lesions.add(null);
        }
        for (int k = 0; k < cases.size(); k++) index(k);
    }

    private void index(int k) {
        TrainingCase c = cases.get(k);
        int[] size = SliceInput.scaledSize(c.image(), pre);
        inputs.add(new SliceInput(c.image(), pre, size[0], size[1]));
        Geometry g = c.labels().geometry();
        int plane = g.nx() * g.ny();
        byte[] lab = c.labels().labels();
        for (int z = 0; z < g.nz(); z++) {
            if (!c.annotated(z)) continue; // unannotated, not background: never a label to learn
            allSlices.add(new int[] {k, z});
            boolean[] seen = new boolean[256];
            for (int i = z * plane; i < (z + 1) * plane; i++) seen[lab[i] & 0xff] = true;
            for (int cl = 1; cl < classes; cl++) if (seen[cl]) slicesWith.get(cl).add(new int[] {k, z});
        }
    }

    /**
     * Sets the relative weight of foreground class {@code cls} (1..classes-1) when choosing the
     * class an oversampled patch is centred on; every class starts at 1.
     */
    public PatchSampler classWeight(int cls, double weight) {
        if (cls < 1 || cls >= classes) throw new IllegalArgumentException("no foreground class " + cls);
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("class weight must be finite and >= 0: " + weight);
        }
        classWeights[cls] = weight;
        return this;
    }

    /**
     * Centres oversampled patches of foreground class {@code cls} on its 3D connected components
     * (26-connected) drawn uniformly, then on a uniform voxel of the component: every lesion is
     * seen equally often, whatever its size. Use for lesion classes with many small instances.
     */
    public PatchSampler perLesion(int cls) {
        if (cls < 1 || cls >= classes) throw new IllegalArgumentException("no foreground class " + cls);
        List<Lesion> all = new ArrayList<>();
        for (int k = 0; k < cases.size(); k++) all.addAll(components(k, cls));
        lesions.set(cls, all);
        return this;
    }

    /** How many lesions of {@code cls} {@link #perLesion} found; -1 when that class is sampled by slice. */
    public int lesionCount(int cls) {
        return lesions.get(cls) == null ? -1 : lesions.get(cls).size();
    }

    private List<Lesion> components(int k, int cls) {
        Geometry g = cases.get(k).labels().geometry();
        byte[] lab = cases.get(k).labels().labels();
        boolean[] mask = new boolean[lab.length];
        for (int i = 0; i < lab.length; i++) mask[i] = (lab[i] & 0xff) == cls;
        int[] comp = ComponentLabeler.label(mask, g.nx(), g.ny(), g.nz());
        int n = ComponentLabeler.count(comp);
        int[] sizes = new int[n + 1];
        for (int c : comp) sizes[c]++;
        int[][] voxels = new int[n + 1][];
        for (int c = 1; c <= n; c++) voxels[c] = new int[sizes[c]];
        int[] fill = new int[n + 1];
        for (int i = 0; i < comp.length; i++) if (comp[i] > 0) voxels[comp[i]][fill[comp[i]]++] = i;
        List<Lesion> out = new ArrayList<>();
        for (int c = 1; c <= n; c++) out.add(new Lesion(k, voxels[c]));
        return out;
    }

    /** How many slices patches may come from: the annotated ones of every case. */
    int slicesToDraw() {
        return allSlices.size();
    }

    /** A batch: inputs [b, channels, p, p] and one-hot labels [b, classes, p, p], C order. */
    public float[][] batch(SplittableRandom rnd, int b) {
        int ch = pre.channels(), pp = patch * patch;
        float[] in = new float[b * ch * pp], out = new float[b * classes * pp];
        for (int i = 0; i < b; i++) sample(rnd, in, i * ch * pp, out, i * classes * pp);
        return new float[][] {in, out};
    }

    private void sample(SplittableRandom rnd, float[] in, int inOff, float[] out, int outOff) {
        int cls = rnd.nextDouble() < oversample ? randomPresentClass(rnd) : 0;
        int[] cz;
        int lesionVoxel = -1;
        if (cls > 0 && lesions.get(cls) != null) {
            Lesion lesion = lesions.get(cls).get(rnd.nextInt(lesions.get(cls).size()));
            lesionVoxel = lesion.voxels()[rnd.nextInt(lesion.voxels().length)];
            Geometry g = cases.get(lesion.caseIndex()).labels().geometry();
            cz = new int[] {lesion.caseIndex(), lesionVoxel / (g.nx() * g.ny())};
        } else {
            cz = cls > 0 ? pick(slicesWith.get(cls), rnd) : pick(allSlices, rnd);
        }
        TrainingCase c = cases.get(cz[0]);
        SliceInput si = inputs.get(cz[0]);
        Geometry g = c.labels().geometry();
        double[] centre = lesionVoxel >= 0 ? inSlice(lesionVoxel % (g.nx() * g.ny()), g, si)
                : cls > 0 ? voxelOf(c, cz[1], cls, si, rnd)
                : new double[] {rnd.nextDouble() * si.width(), rnd.nextDouble() * si.height()};
        Augmentation.Draw d = aug.draw(rnd, patch);
        float[][] channels = si.channels(cz[1]);
        sampleImage(channels, si, centre, d, rnd, in, inOff);
        sampleLabels(c, cz[1], si, centre, d, out, outOff);
    }

    /** A foreground class present in the data, drawn by weight; 0 when none is. */
    int randomPresentClass(SplittableRandom rnd) {
        double total = 0;
        for (int cl = 1; cl < classes; cl++) if (!slicesWith.get(cl).isEmpty()) total += classWeights[cl];
        if (total <= 0) return 0;
        double r = rnd.nextDouble() * total;
        int last = 0;
        for (int cl = 1; cl < classes; cl++) {
            if (slicesWith.get(cl).isEmpty() || classWeights[cl] <= 0) continue;
            last = cl;
            r -= classWeights[cl];
            if (r < 0) return cl;
        }
        return last;
    }

    private static int[] pick(List<int[]> from, SplittableRandom rnd) {
        return from.get(rnd.nextInt(from.size()));
    }

    /** A random voxel of class cls on slice z, in the resampled slice's coordinates. */
    private static double[] voxelOf(TrainingCase c, int z, int cls, SliceInput si, SplittableRandom rnd) {
        Geometry g = c.labels().geometry();
        int plane = g.nx() * g.ny(), count = 0;
        byte[] lab = c.labels().labels();
        for (int i = 0; i < plane; i++) if ((lab[z * plane + i] & 0xff) == cls) count++;
        int target = rnd.nextInt(count);
        for (int i = 0; i < plane; i++) {
            if ((lab[z * plane + i] & 0xff) == cls && target-- == 0) return inSlice(i, g, si);
        }
        throw new IllegalStateException("class " + cls + " vanished from slice " + z);
    }

    /** The centre of in-plane voxel i of the label grid, in the resampled slice's coordinates. */
    private static double[] inSlice(int i, Geometry g, SliceInput si) {
        return new double[] {(i % g.nx() + 0.5) * si.width() / g.nx(), (i / g.nx() + 0.5) * si.height() / g.ny()};
    }

    /** Slice coordinates (resampled grid, pixel units) of patch pixel (u, v). */
    private double[] map(int u, int v, double[] centre, Augmentation.Draw d) {
        double du = u - patch / 2.0 + 0.5, dv = v - patch / 2.0 + 0.5;
        if (d.elastic() != null) {
            du += d.elastic().dx(u, v);
            dv += d.elastic().dy(u, v);
        }
        if (d.flipped()) du = -du;
        return new double[] {centre[0] + d.cos() * du - d.sin() * dv - 0.5, centre[1] + d.sin() * du + d.cos() * dv - 0.5};
    }

    private void sampleImage(float[][] channels, SliceInput si, double[] centre, Augmentation.Draw d,
                             SplittableRandom rnd, float[] dst, int off) {
        int w = si.width(), h = si.height();
        for (float[] c : channels) {
            float pad = min(c);
            for (int v = 0; v < patch; v++) {
                for (int u = 0; u < patch; u++) {
                    double[] p = map(u, v, centre, d);
                    double val = bilinear(c, w, h, p[0], p[1], pad) * d.intensityScale() + d.intensityShift();
                    if (d.noiseSd() > 0) val += nextGaussian(rnd) * d.noiseSd();
                    dst[off + v * patch + u] = (float) val;
                }
            }
            off += patch * patch;
        }
    }

    private void sampleLabels(TrainingCase c, int z, SliceInput si, double[] centre, Augmentation.Draw d,
                              float[] dst, int off) {
        Geometry g = c.labels().geometry();
        byte[] lab = c.labels().labels();
        int plane = g.nx() * g.ny(), pp = patch * patch;
        for (int v = 0; v < patch; v++) {
            for (int u = 0; u < patch; u++) {
                double[] p = map(u, v, centre, d);
                int x = (int) Math.floor((p[0] + 0.5) * g.nx() / si.width());
                int y = (int) Math.floor((p[1] + 0.5) * g.ny() / si.height());
                int cls = x >= 0 && y >= 0 && x < g.nx() && y < g.ny() ? lab[z * plane + y * g.nx() + x] & 0xff : 0;
                if (cls >= classes) throw new IllegalStateException("label " + cls + " in case " + c.id()
                        + " but the model has " + classes + " classes");
                dst[off + cls * pp + v * patch + u] = 1;
            }
        }
    }

    private static double bilinear(float[] img, int w, int h, double x, double y, float pad) {
        if (x < -0.5 || y < -0.5 || x > w - 0.5 || y > h - 0.5) return pad;
        x = Math.min(w - 1, Math.max(0, x));
        y = Math.min(h - 1, Math.max(0, y));
        int x0 = (int) x, y0 = (int) y, x1 = Math.min(w - 1, x0 + 1), y1 = Math.min(h - 1, y0 + 1);
        double fx = x - x0, fy = y - y0;
        double top = img[y0 * w + x0] + fx * (img[y0 * w + x1] - img[y0 * w + x0]);
        double bottom = img[y1 * w + x0] + fx * (img[y1 * w + x1] - img[y1 * w + x0]);
        return top + fy * (bottom - top);
    }

    private static double nextGaussian(SplittableRandom rnd) {
        double u1 = Math.max(1e-12, rnd.nextDouble()), u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static float min(float[] v) {
        float m = Float.POSITIVE_INFINITY;
        for (float f : v) m = Math.min(m, f);
        return m;
    }
}
