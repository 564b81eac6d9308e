package org.atrous.dicom;

/**
 * Who or what made a segmentation, as DICOM SEG and RT Structure Set objects record it.
 *
 * @param manual      true for expert or ground-truth labels (MANUAL), false for model output
 *                    (AUTOMATIC)
 * @param name        algorithm name, e.g. "Atrous"
 * @param version     algorithm version, e.g. "0.1.0 model ct-abdomen 1.0"
 * @param description free text: model id and version, CRF settings
 */
public record SegmentationAlgorithm(boolean manual, String name, String version, String description) {

    public static SegmentationAlgorithm manual(String description) {
        return new SegmentationAlgorithm(true, "", "", description);
    }
}
