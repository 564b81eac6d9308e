package org.atrous.model;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;

/**
 * Turns a series so that its axes point the way a model's training images did, and its
 * segmentation back.
 *
 * <p>A model trained on axial slices with the patient's left to the right of the image and the
 * back at the bottom has never seen a coronal reformat, a sagittal one or a prone scan. As
 * nnU-Net and TotalSegmentator reorient every image to one canonical orientation, a model card
 * may name its training orientation as three letters ({@link #code}): the patient direction
 * its column, row and slice axes point to, {@code "LPS"} for a supine axial series in DICOM's
 * usual order. Axes are only permuted and flipped, never interpolated, so the view holds the
 * same voxels, and its geometry says where each lies in the patient.
 */
public final class Reorientation {

    private static final String POSITIVE = "LPS", NEGATIVE = "RAI";

    private final Geometry source, view;
    /** Source axis that becomes view axis i, and whether it runs backwards. */
    private final int[] from;
    private final boolean[] flip;

    private Reorientation(Geometry source, Geometry view, int[] from, boolean[] flip) {
        this.source = source;
        this.view = view;
        this.from = from;
        this.flip = flip;
    }

    /**
     * The patient direction each axis of {@code g} points to most (x → L or R, y → P or A,
     * z → S or I, in DICOM's LPS patient coordinates), columns first, as three letters. No two
     * axes get the same patient axis: an oblique grid takes, axis by axis in order of how clearly
     * they point, the best patient axis left.
     */
    public static String code(Geometry g) {
        char[] out = new char[3];
        boolean[] axisTaken = new boolean[3], patientTaken = new boolean[3];
        for (int n = 0; n < 3; n++) {
            int bestAxis = -1, bestPatient = -1;
            double best = -1;
            for (int a = 0; a < 3; a++) {
                if (axisTaken[a]) continue;
                for (int p = 0; p < 3; p++) {
                    double c = Math.abs(g.direction()[3 * a + p]);
                    if (!patientTaken[p] && c > best) {
                        best = c;
                        bestAxis = a;
                        bestPatient = p;
                    }
                }
            }
            axisTaken[bestAxis] = true;
            patientTaken[bestPatient] = true;
            out[bestAxis] = g.direction()[3 * bestAxis + bestPatient] >= 0 ? POSITIVE.charAt(bestPatient)
                    : NEGATIVE.charAt(bestPatient);
        }
        return new String(out);
    }

    /**
     * The view of grid {@code g} whose axes point as {@code target} says ({@link #code}); an
     * identity when {@code target} is null or already the grid's.
     */
    public static Reorientation of(Geometry g, String target) {
        String have = code(g), want = target == null ? have : parse(target);
        if (have.equals(want)) return new Reorientation(g, g, new int[] {0, 1, 2}, new boolean[3]);
        int[] from = new int[3];
        boolean[] flip = new boolean[3];
        int[] dims = new int[3];
        double[] spacing = new double[3], direction = new double[9], corner = new double[3];
        for (int i = 0; i < 3; i++) {
            int p = patientAxis(want.charAt(i));
            for (int j = 0; j < 3; j++) {
                if (patientAxis(have.charAt(j)) == p) from[i] = j;
            }
            flip[i] = have.charAt(from[i]) != want.charAt(i);
            dims[i] = g.dims()[from[i]];
            spacing[i] = g.spacing()[from[i]];
            for (int k = 0; k < 3; k++) direction[3 * i + k] = (flip[i] ? -1 : 1) * g.direction()[3 * from[i] + k];
            corner[from[i]] = flip[i] ? g.dims()[from[i]] - 1 : 0;
        }
        Geometry view = new Geometry(dims, spacing, g.toPatient(corner[0], corner[1], corner[2]), direction);
        return new Reorientation(g, view, from, flip);
    }

    /**
     * How far the grid's axes are from the patient axes they are read along, in degrees: the
     * largest angle between an axis and its nearest patient axis. 0 for a plain axial, coronal
     * or sagittal series; a gantry tilt or an oblique reformat gives its angle. Turning a series
     * only permutes axes, so a model sees an oblique series at this angle.
     */
    public static double obliquityDegrees(Geometry g) {
        double worst = 0;
        for (int a = 0; a < 3; a++) {
            double m = 0;
            for (int p = 0; p < 3; p++) m = Math.max(m, Math.abs(g.direction()[3 * a + p]));
            worst = Math.max(worst, Math.toDegrees(Math.acos(Math.min(1, m))));
        }
        return worst;
    }

    /** A card's orientation code, checked: one of L/R, P/A and S/I each, in any order. */
    public static String parse(String code) {
        String c = code.trim().toUpperCase(java.util.Locale.ROOT);
        boolean ok = c.length() == 3;
        for (int p = 0; ok && p < 3; p++) {
            int n = 0;
            for (char ch : c.toCharArray()) if (patientAxis(ch) == p) n++;
            ok = n == 1;
        }
        if (!ok) {
            throw new IllegalArgumentException("orientation must be three letters, one of L or R, P or A and S or I "
                    + "each (the patient directions of the columns, rows and slices, e.g. LPS), not '" + code + "'");
        }
        return c;
    }

    private static int patientAxis(char c) {
        int i = POSITIVE.indexOf(c);
        return i >= 0 ? i : NEGATIVE.indexOf(c);
    }

    public boolean reorients() {
        return view != source;
    }

    /** The grid the model reads. */
    public Geometry viewGrid() {
        return view;
    }

    /** The series with its axes turned (the same volume when nothing is turned). */
    public Volume toView(Volume v) {
        if (!reorients()) return v;
        float[] src = v.data(), out = new float[src.length];
        forEachRow((s, w, step, n) -> {
            if (step == 1) System.arraycopy(src, s, out, w, n);
            else for (int k = 0; k < n; k++) out[w + k * step] = src[s + k];
        });
        return new Volume(out, view, v.identity(), java.util.List.of(), v.window(), v.warnings());
    }

    /** Labels on the series' grid turned as {@link #toView} turns its voxels. */
    public LabelVolume toView(LabelVolume l) {
        if (!reorients()) return l;
        byte[] out = new byte[l.labels().length];
        forEachRow((s, w, step, n) -> copy(l.labels(), s, 1, out, w, step, n));
        return new LabelVolume(out, view, l.classes());
    }

    /**
     * A segmentation of the turned series on the series' own grid. It consumes {@code s}: each
     * class of its probabilities is released once copied, so a large series never holds two
     * whole sets of them.
     */
    public Segmentation back(Segmentation s) {
        if (!reorients()) return s;
        ProbabilityVolume probs = new ProbabilityVolume(source, s.probabilities().classes());
        for (int c = 0; c < probs.classes(); c++) {
            byte[] v = s.probabilities().quantised(c), dst = probs.bytes(c);
            forEachRow((i, w, step, n) -> copy(v, w, step, dst, i, 1, n));
            s.probabilities().release(c);
        }
        byte[] viewLabels = s.labels().labels(), labels = new byte[viewLabels.length];
        forEachRow((i, w, step, n) -> copy(viewLabels, w, step, labels, i, 1, n));
        return new Segmentation(new LabelVolume(labels, source, s.labels().classes()), probs);
    }

    private static void copy(byte[] from, int f, int fStep, byte[] to, int t, int tStep, int n) {
        if (fStep == 1 && tStep == 1) System.arraycopy(from, f, to, t, n);
        else for (int k = 0; k < n; k++) to[t + k * tStep] = from[f + k * fStep];
    }

    /** One source row: its first voxel's index, that voxel's index in the view, the view step per voxel, the length. */
    private interface Row {
        void at(int sourceStart, int viewStart, int viewStep, int n);
    }

    /** Visits every source row (x running) with where it lies in the view. */
    private void forEachRow(Row row) {
        int[] vd = view.dims(), stride = {1, vd[0], vd[0] * vd[1]};
        // the view-index step of one source step along each source axis, and the view index of source voxel 0
        int[] step = new int[3];
        int start = 0;
        for (int i = 0; i < 3; i++) {
            step[from[i]] = flip[i] ? -stride[i] : stride[i];
            if (flip[i]) start += (vd[i] - 1) * stride[i];
        }
        int s = 0, nx = source.nx();
        for (int z = 0; z < source.nz(); z++) {
            for (int y = 0; y < source.ny(); y++, s += nx) row.at(s, start + z * step[2] + y * step[1], step[0], nx);
        }
    }
}
