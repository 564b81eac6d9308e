package org.atrous.dicom;

/**
 * Who or what made a segmentation, as DICOM SEG and RT Structure Set objects record it.
 *
 * @param type        AUTOMATIC for model output, SEMIAUTOMATIC for model output a person
 *                    corrected, MANUAL for expert or ground-truth labels (DICOM's defined terms)
 * @param name        algorithm name, e.g. "Atrous"; none for MANUAL
 * @param version     algorithm version, e.g. "0.1.0 model ct-abdomen 1.0"
 * @param description free text: model id and version, CRF settings
 * @param creator     the person who made or corrected it, as a DICOM person name
 *                    ("Family^Given"), or empty
 */
public record SegmentationAlgorithm(Type type, String name, String version, String description, String creator) {

    public enum Type { AUTOMATIC, SEMIAUTOMATIC, MANUAL }

    public SegmentationAlgorithm {
        if (type == null) throw new IllegalArgumentException("segmentation type missing");
        name = name == null ? "" : name;
        version = version == null ? "" : version;
        description = description == null ? "" : description;
        creator = creator == null ? "" : creator.strip();
        if (type != Type.MANUAL && name.isBlank()) {
            throw new IllegalArgumentException("an " + type + " segmentation names its algorithm");
        }
    }

    /** Model output ({@code manual} false) or expert labels ({@code manual} true), by nobody named. */
    public SegmentationAlgorithm(boolean manual, String name, String version, String description) {
        this(manual ? Type.MANUAL : Type.AUTOMATIC, name, version, description, "");
    }

    public static SegmentationAlgorithm manual(String description) {
        return new SegmentationAlgorithm(true, "", "", description);
    }

    /** The same with {@code more} appended to the description (nothing for an empty one). */
    public SegmentationAlgorithm withMoreDescription(String more) {
        return more == null || more.isEmpty() ? this : new SegmentationAlgorithm(type, name, version, description + more, creator);
    }

    public boolean manual() {
        return type == Type.MANUAL;
    }
}
