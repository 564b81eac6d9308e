package org.atrous.pipeline;

import java.util.List;

import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.atrous.model.ProbabilityVolume;
import org.atrous.roi.ClassMeasurement;

/**
 * One segmented series: the image, the final labels (after the CRF when it ran), the network's
 * probabilities, per-class measurements, how long each step took, warnings about the result (a
 * series outside the model's validated noise levels), and the series' global noise level in HU
 * (NaN when not measured: not a CT, or too little soft tissue).
 */
public record PipelineResult(Volume image, LabelVolume labels, ProbabilityVolume probabilities,
                             List<ClassMeasurement> measurements, double inferenceSeconds, double crfSeconds,
                             List<String> warnings, double noiseLevelHu) {

    public PipelineResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
