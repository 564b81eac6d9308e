package org.atrous.dicom;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

/**
 * What an archive index needs to know of one DICOM file, from its header alone: which series
 * and instance it is, how large its frames are, and, when the reader would refuse it as a slice
 * source, why. Reading it costs a header read (pixel data are skipped).
 *
 * @param sopInstanceUid SOP Instance UID ("" when absent)
 * @param seriesUid      Series Instance UID ("" when absent)
 * @param modality       Modality ("" when absent)
 * @param rows           Rows (0 when absent)
 * @param columns        Columns (0 when absent)
 * @param frames         NumberOfFrames (1 for single-frame objects)
 * @param image          true when the object holds an image matrix the reader could use as
 *                       slices (not a SEG, RT or other non-image object)
 * @param problem        why the reader would reject this file as a slice source (unsupported
 *                       transfer syntax, colour, non-image object), or null when it would not
 */
public record InstanceSummary(String sopInstanceUid, String seriesUid, String modality, int rows, int columns,
                              int frames, boolean image, String problem) {

    /** The candidate files under the inputs, as {@link SeriesReader} would read them (folders walked, DICOMDIRs followed). */
    public static List<File> candidates(List<Path> inputs, List<RejectedFile> rejected) {
        return InputFiles.expand(inputs, rejected);
    }

    /**
     * As {@link #candidates}, but a zip's files are named in it ({@link ZippedFiles#name}), not
     * unpacked: an archive's index, whose series are read one at a time.
     */
    public static List<File> archiveCandidates(List<Path> inputs, List<RejectedFile> rejected) {
        return InputFiles.expand(inputs, true, rejected);
    }

    /** Reads one file's header; throws when it is not DICOM or its header cannot be parsed. */
    public static InstanceSummary read(File file) throws UnreadableFileException {
        DicomSniffer.requireDicom(file);
        AttributeList l = HeaderReader.readHeaderOnly(file);
        String problem = null;
        try {
            ImageChecks.requireReadableImage(l);
        } catch (UnreadableFileException e) {
            problem = e.getMessage();
        }
        boolean image = true;
        try {
            ImageChecks.requireImageObject(l);
        } catch (UnreadableFileException e) {
            image = false;
        }
        int frames = Math.max(1, com.pixelmed.dicom.Attribute.getSingleIntegerValueOrDefault(l, TagFromName.NumberOfFrames, 1));
        return new InstanceSummary(HeaderReader.string(l, TagFromName.SOPInstanceUID),
                HeaderReader.string(l, TagFromName.SeriesInstanceUID), HeaderReader.string(l, TagFromName.Modality),
                HeaderReader.integer(l, TagFromName.Rows), HeaderReader.integer(l, TagFromName.Columns), frames, image,
                problem);
    }
}
