package org.atrous.dicom;

import java.util.List;

/**
 * Labels on a {@link Geometry}: 0 is background, other values name a {@link SegmentClass}.
 * Voxels are indexed {@code (z*ny + y)*nx + x}; values are unsigned bytes (read with
 * {@code & 0xff}).
 */
public record LabelVolume(byte[] labels, Geometry geometry, List<SegmentClass> classes) {

    public LabelVolume {
        if (labels.length != geometry.voxelCount()) {
            throw new IllegalArgumentException(labels.length + " labels for " + geometry.voxelCount() + " voxels");
        }
        classes = List.copyOf(classes);
    }

    public int get(int x, int y, int z) {
        return labels[(z * geometry.ny() + y) * geometry.nx() + x] & 0xff;
    }

    /** The class for a label value, or null when the label has none. */
    public SegmentClass classOf(int label) {
        for (SegmentClass c : classes) if (c.label() == label) return c;
        return null;
    }

    /** Number of voxels per label value 0..255. */
    public long[] histogram() {
        long[] h = new long[256];
        for (byte b : labels) h[b & 0xff]++;
        return h;
    }
}
