package org.atrous.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SOPClassDescriptions;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

import java.util.Set;

/** Decides from the header whether a file can become slices, and if not, says why in one line. */
public final class ImageChecks {

    /**
     * Encodings read here: native, deflate, RLE, JPEG baseline and lossless, JPEG 2000 (PixelMed),
     * and JPEG Extended, 8- or 12-bit, and JPEG-LS ({@link OwnCodecs}).
     */
    private static final Set<String> DECODABLE = Set.of(
            "1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99",
            "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.57",
            "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", OwnCodecs.JPEG_EXTENDED,
            OwnCodecs.JPEG_LS_LOSSLESS, OwnCodecs.JPEG_LS_NEAR_LOSSLESS);

    private ImageChecks() { }

    /** True for a transfer syntax whose pixel data Atrous decodes. */
    public static boolean decodable(String transferSyntaxUid) {
        return DECODABLE.contains(transferSyntaxUid);
    }

    static void requireReadableImage(AttributeList list) throws UnreadableFileException {
        requireImageObject(list);
        requireGreyscale(list);
        requireDecodable(list);
    }

    static void requireImageObject(AttributeList list) throws UnreadableFileException {
        String sopClass = HeaderReader.string(list, TagFromName.SOPClassUID);
        if (SOPClass.SegmentationStorage.equals(sopClass)) {
            throw new UnreadableFileException("DICOM SEG (segmentation) object, not an image series: read it as a segmentation");
        }
        boolean hasMatrix = HeaderReader.integer(list, TagFromName.Rows) > 0
                && HeaderReader.integer(list, TagFromName.Columns) > 0;
        if (!hasMatrix || SOPClass.isNonImageStorage(sopClass)) {
            throw new UnreadableFileException("not an image object (" + describeSopClass(sopClass) + "): nothing to read as slices");
        }
    }

    /** How a colour image's problem begins: out of scope (photographs, ultrasound, screenshots), not broken. */
    public static final String COLOUR = "colour image";

    /** True for the problem of a colour image, which no model here reads: left out, not failed. */
    public static boolean isColour(String problem) {
        return problem != null && problem.startsWith(COLOUR);
    }

    private static void requireGreyscale(AttributeList list) throws UnreadableFileException {
        int samples = com.pixelmed.dicom.Attribute.getSingleIntegerValueOrDefault(list, TagFromName.SamplesPerPixel, 1);
        if (samples != 1) {
            throw new UnreadableFileException(COLOUR + " (SamplesPerPixel " + samples + ", "
                    + HeaderReader.string(list, TagFromName.PhotometricInterpretation) + "): only greyscale is read");
        }
        int allocated = HeaderReader.integer(list, TagFromName.BitsAllocated);
        int stored = com.pixelmed.dicom.Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsStored, allocated);
        if (allocated != 8 && allocated != 16) {
            throw new UnreadableFileException("BitsAllocated " + allocated + " is not supported (8 or 16)");
        }
        if (stored < 1 || stored > allocated) {
            throw new UnreadableFileException("BitsStored " + stored + " does not fit BitsAllocated " + allocated);
        }
        if (com.pixelmed.dicom.Attribute.getSingleIntegerValueOrDefault(list, TagFromName.NumberOfFrames, 1) < 1) {
            throw new UnreadableFileException("NumberOfFrames is 0 or invalid");
        }
    }

    private static void requireDecodable(AttributeList list) throws UnreadableFileException {
        String ts = HeaderReader.string(list, TagFromName.TransferSyntaxUID);
        if (ts.isEmpty() || DECODABLE.contains(ts)) return;
        throw new UnreadableFileException(unsupported(ts));
    }

    static String unsupported(String ts) {
        String name = new TransferSyntax(ts).getDescription();
        return "unsupported transfer syntax " + ts + " (" + name + ")";
    }

    static String describeSopClass(String uid) {
        if (uid.isEmpty()) return "no SOP Class UID";
        String d = SOPClassDescriptions.getDescriptionFromUID(uid);
        return d == null || d.isEmpty() ? "SOP Class " + uid : d;
    }
}
