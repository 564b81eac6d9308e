package org.atrous.dicom;

/**
 * Who and what a series is: the identifiers that outputs (SEG, RT Structure Set, reports)
 * must carry over from their source. Any field may be empty for NIfTI or synthetic input.
 */
public record SeriesIdentity(
        String patientId,
        String patientName,
        String patientBirthDate,
        String patientSex,
        String studyInstanceUid,
        String studyId,
        String studyDate,
        String studyTime,
        String studyDescription,
        String accessionNumber,
        String seriesInstanceUid,
        String seriesNumber,
        String seriesDescription,
        String frameOfReferenceUid,
        String modality,
        String manufacturer) {

    /** An identity with only the modality known (NIfTI input, tests). */
    public static SeriesIdentity ofModality(String modality) {
        return new SeriesIdentity("", "", "", "", "", "", "", "", "", "", "", "", "", "", modality, "");
    }
}
