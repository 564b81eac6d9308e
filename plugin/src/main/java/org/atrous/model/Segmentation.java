package org.atrous.model;

import org.atrous.dicom.LabelVolume;

/** What a segmenter returns: labels (argmax of full-precision probabilities) and probabilities. */
public record Segmentation(LabelVolume labels, ProbabilityVolume probabilities) {
}
