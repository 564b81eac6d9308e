package org.atrous.model.train;

import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.atrous.model.SliceAxis;

/** One annotated volume: image and labels on the same grid. */
public record TrainingCase(String id, Volume image, LabelVolume labels) {

    public TrainingCase {
        if (!image.geometry().sameGrid(labels.geometry(), 1e-3)) {
            throw new IllegalArgumentException("case " + id + ": labels " + labels.geometry()
                    + " are not on the image grid " + image.geometry());
        }
    }

    /** This case as a model slicing across {@code axis} sees it. */
    public TrainingCase viewedAlong(SliceAxis axis) {
        return axis == SliceAxis.Z ? this : new TrainingCase(id, axis.view(image), axis.view(labels));
    }
}
