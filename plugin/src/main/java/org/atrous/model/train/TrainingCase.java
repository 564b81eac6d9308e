package org.atrous.model.train;

import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.atrous.model.SliceAxis;

/**
 * One annotated volume: image and labels on the same grid.
 *
 * @param annotated which slices the labels describe, or null for every slice: a stack outlined in
 *                  ImageJ on some slices only leaves the others unannotated (not background), and
 *                  training samples and validation scores only the annotated ones
 */
public record TrainingCase(String id, Volume image, LabelVolume labels, boolean[] annotated) {

    public TrainingCase {
        if (!image.geometry().sameGrid(labels.geometry(), 1e-3)) {
            throw new IllegalArgumentException("case " + id + ": labels " + labels.geometry()
                    + " are not on the image grid " + image.geometry());
        }
        if (annotated != null && annotated.length != image.geometry().nz()) {
            throw new IllegalArgumentException("case " + id + ": " + annotated.length + " annotation flags for "
                    + image.geometry().nz() + " slices");
        }
        annotated = annotated == null ? null : annotated.clone();
    }

    /** Every slice annotated. */
    public TrainingCase(String id, Volume image, LabelVolume labels) {
        this(id, image, labels, null);
    }

    /** True when slice {@code z} is annotated. */
    public boolean annotated(int z) {
        return annotated == null || annotated[z];
    }

    /** {@code labels} (on this case's grid) with the unannotated slices cleared, for scoring. */
    public byte[] onAnnotated(byte[] labels) {
        if (annotated == null) return labels;
        byte[] out = labels.clone();
        int plane = image.geometry().nx() * image.geometry().ny();
        for (int z = 0; z < annotated.length; z++) {
            if (!annotated[z]) java.util.Arrays.fill(out, z * plane, (z + 1) * plane, (byte) 0);
        }
        return out;
    }

    /** This case as a model slicing across {@code axis} sees it. */
    public TrainingCase viewedAlong(SliceAxis axis) {
        if (axis == SliceAxis.Z) return this;
        if (annotated != null) {
            throw new IllegalArgumentException("case " + id + " is annotated on some slices only: it trains across z only (--slice-axis z)");
        }
        return new TrainingCase(id, axis.view(image), axis.view(labels));
    }
}
