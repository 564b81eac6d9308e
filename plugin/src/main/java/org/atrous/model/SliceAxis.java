package org.atrous.model;

import java.util.List;
import java.util.Locale;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;

/**
 * The volume axis a 2D model slices across. {@code Z} is the series' own slices; {@code X}
 * and {@code Y} reslice the volume so that its columns or rows become the slices (sagittal and
 * coronal for an axial series). Models trained along different axes see the same structure
 * from different sides, and averaging their probabilities (multi-view, as QuickNAT does for
 * brain MR) gives 2D networks some of a 3D network's consistency across slices.
 *
 * <p>A view keeps the physical grid: voxel (0,0,0) is the same point, the axes are the source's
 * axes reordered with their spacings and direction cosines, so millimetre spacing and
 * resampling stay right. The view of axis a puts the source's axes in this order:
 * X → (y, z, x), Y → (x, z, y), Z → (x, y, z).
 */
public enum SliceAxis {
    X(1, 2, 0), Y(0, 2, 1), Z(0, 1, 2);

    /** Source axis that becomes the view's x, y and z. */
    private final int[] order;

    SliceAxis(int... order) {
        this.order = order;
    }

    /** "x", "y" or "z" (any case); null or empty: Z, the series' own slices. */
    public static SliceAxis parse(String s) {
        if (s == null || s.isBlank()) return Z;
        for (SliceAxis a : values()) {
            if (a.name().equalsIgnoreCase(s.trim())) return a;
        }
        throw new IllegalArgumentException("slice axis must be x, y or z, not '" + s + "'");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The grid of this axis' view of {@code g}. */
    public Geometry view(Geometry g) {
        if (this == Z) return g;
        int[] dims = new int[3];
        double[] spacing = new double[3], direction = new double[9];
        for (int i = 0; i < 3; i++) {
            dims[i] = g.dims()[order[i]];
            spacing[i] = g.spacing()[order[i]];
            System.arraycopy(g.direction(), 3 * order[i], direction, 3 * i, 3);
        }
        return new Geometry(dims, spacing, g.origin(), direction);
    }

    public Volume view(Volume v) {
        if (this == Z) return v;
        float[] src = v.data(), out = new float[src.length];
        forEachVoxel(v.geometry(), (i, j) -> out[j] = src[i]);
        return new Volume(out, view(v.geometry()), v.identity(), List.of(), v.window(), v.warnings());
    }

    public LabelVolume view(LabelVolume l) {
        if (this == Z) return l;
        byte[] src = l.labels(), out = new byte[src.length];
        forEachVoxel(l.geometry(), (i, j) -> out[j] = src[i]);
        return new LabelVolume(out, view(l.geometry()), l.classes());
    }

    /**
     * A segmentation made on this axis' view of {@code source}, put back on the source grid. It
     * consumes {@code s}: each class of its probabilities is released once copied.
     */
    public Segmentation back(Segmentation s, Geometry source) {
        if (this == Z) return s;
        ProbabilityVolume probs = new ProbabilityVolume(source, s.probabilities().classes());
        for (int c = 0; c < probs.classes(); c++) {
            byte[] view = s.probabilities().quantised(c), dst = probs.bytes(c);
            forEachVoxel(source, (i, j) -> dst[i] = view[j]);
            s.probabilities().release(c);
        }
        byte[] viewLabels = s.labels().labels(), labels = new byte[viewLabels.length];
        forEachVoxel(source, (i, j) -> labels[i] = viewLabels[j]);
        return new Segmentation(new LabelVolume(labels, source, s.labels().classes()), probs);
    }

    /** Receives a source voxel's index and the same voxel's index in the view. */
    private interface VoxelPair {
        void at(int sourceIndex, int viewIndex);
    }

    /** Visits every voxel of {@code g} in source order; no index map, so no 4 bytes per voxel. */
    private void forEachVoxel(Geometry g, VoxelPair pair) {
        int[] vd = view(g).dims();
        int[] c = new int[3];
        int i = 0;
        for (c[2] = 0; c[2] < g.nz(); c[2]++) {
            for (c[1] = 0; c[1] < g.ny(); c[1]++) {
                for (c[0] = 0; c[0] < g.nx(); c[0]++) {
                    pair.at(i++, c[order[0]] + vd[0] * (c[order[1]] + vd[1] * c[order[2]]));
                }
            }
        }
    }
}
