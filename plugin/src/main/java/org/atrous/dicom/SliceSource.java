package org.atrous.dicom;

/**
 * Where one slice of a volume came from: outputs reference it (SEG's Derivation Image and
 * Referenced Instance sequences) and ImageJ shows its header as the slice's info.
 *
 * @param sopInstanceUid the source instance's SOP Instance UID
 * @param sopClassUid    the source instance's SOP Class UID
 * @param path           the file it was read from ("" when it was not a file)
 * @param frame          1-based frame number within a multi-frame instance, 1 for single-frame
 * @param header         the instance's DICOM header as text, for ImageJ's slice info ("" if none)
 */
public record SliceSource(String sopInstanceUid, String sopClassUid, String path, int frame, String header) {
}
