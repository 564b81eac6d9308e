package org.atrous.pipeline;

import java.util.List;

import org.atrous.dicom.LabelVolume;
import org.atrous.model.ProbabilityVolume;
import org.atrous.phantom.Phantom;
import org.atrous.roi.SegmentationMeasurer;

/** A phantom's ground truth as a segmentation result, for tests of what is written from one. */
public final class TruthResults {

    private TruthResults() { }

    /** The truth's labels and measurements, probabilities 1 for each voxel's label and 0 elsewhere. */
    public static PipelineResult of(Phantom ph) {
        return new PipelineResult(ph.ct(), ph.labels(), oneHot(ph.labels()), SegmentationMeasurer.measure(ph.labels(), ph.ct()),
                0, 0, List.of(), Double.NaN);
    }

    static ProbabilityVolume oneHot(LabelVolume labels) {
        ProbabilityVolume p = new ProbabilityVolume(labels.geometry(), labels.classes().size() + 1);
        byte[] l = labels.labels();
        for (int i = 0; i < l.length; i++) p.set(l[i], i, 1f);
        return p;
    }
}
