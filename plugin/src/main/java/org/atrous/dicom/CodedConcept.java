package org.atrous.dicom;

/**
 * A DICOM coded concept (code value, coding scheme designator, code meaning), as used by
 * SEG segment descriptions: for example ("10200004", "SCT", "Liver").
 */
public record CodedConcept(String value, String scheme, String meaning) {

    /** SNOMED CT code, scheme designator "SCT" as DICOM PS3.16 uses today. */
    public static CodedConcept sct(String value, String meaning) {
        return new CodedConcept(value, "SCT", meaning);
    }
}
