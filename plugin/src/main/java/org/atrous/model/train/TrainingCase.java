package org.atrous.model.train;

import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;

/** One annotated volume: image and labels on the same grid. */
public record TrainingCase(String id, Volume image, LabelVolume labels) {

    public TrainingCase {
        if (!image.geometry().sameGrid(labels.geometry(), 1e-3)) {
            throw new IllegalArgumentException("case " + id + ": labels " + labels.geometry()
                    + " are not on the image grid " + image.geometry());
        }
    }
}
