package org.atrous.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the header of one file (stopping before Pixel Data, so indexing a large series stays
 * cheap) and turns it into one {@link FrameHeader} per frame, or a one-line rejection reason.
 */
final class HeaderReader {

    private HeaderReader() { }

    /** The frames of one image file; throws with the reason when the file cannot be a slice source. */
    static List<FrameHeader> read(File file) throws UnreadableFileException {
        DicomSniffer.requireDicom(file);
        AttributeList list = readHeaderOnly(file);
        ImageChecks.requireReadableImage(list);
        return frames(file.getPath(), list);
    }

    static AttributeList readHeaderOnly(File file) throws UnreadableFileException {
        AttributeList list = new AttributeList();
        try (DicomInputStream in = new DicomInputStream(file)) {
            list.read(in, TagFromName.PixelData);
        } catch (IOException | DicomException | RuntimeException e) {
            throw new UnreadableFileException("unreadable DICOM header: " + oneLine(e));
        }
        return list;
    }

    private static List<FrameHeader> frames(String path, AttributeList list) {
        int frameCount = Math.max(1, Attribute.getSingleIntegerValueOrDefault(list, TagFromName.NumberOfFrames, 1));
        SeriesIdentity identity = identity(list);
        PixelFormat format = format(list);
        String text = HeaderText.of(list);
        List<FrameHeader> frames = new ArrayList<>(frameCount);
        for (int f = 1; f <= frameCount; f++) {
            FunctionalGroups groups = new FunctionalGroups(list, f);
            frames.add(new FrameHeader(path, f, frameCount,
                    string(list, TagFromName.SOPInstanceUID), string(list, TagFromName.SOPClassUID),
                    integer(list, TagFromName.Rows), integer(list, TagFromName.Columns),
                    validOrientation(groups.doubles(TagFromName.PlaneOrientationSequence,
                            TagFromName.ImageOrientationPatient, 6)),
                    groups.doubles(TagFromName.PlanePositionSequence, TagFromName.ImagePositionPatient, 3),
                    groups.doubles(TagFromName.PixelMeasuresSequence, TagFromName.PixelSpacing, 2),
                    nominalSpacing(groups), instanceNumber(list), string(list, TagFromName.AcquisitionNumber),
                    groups.scalar(TagFromName.PixelValueTransformationSequence, TagFromName.RescaleSlope, 1),
                    groups.scalar(TagFromName.PixelValueTransformationSequence, TagFromName.RescaleIntercept, 0),
                    window(groups), format, identity, text));
        }
        return frames;
    }

    /** Orientation with two unit, non-parallel cosine vectors; anything else counts as absent. */
    private static double[] validOrientation(double[] iop) {
        if (iop == null) return null;
        double r = Math.sqrt(iop[0] * iop[0] + iop[1] * iop[1] + iop[2] * iop[2]);
        double c = Math.sqrt(iop[3] * iop[3] + iop[4] * iop[4] + iop[5] * iop[5]);
        double dot = iop[0] * iop[3] + iop[1] * iop[4] + iop[2] * iop[5];
        return Math.abs(r - 1) < 0.01 && Math.abs(c - 1) < 0.01 && Math.abs(dot) < 0.01 ? iop : null;
    }

    private static double nominalSpacing(FunctionalGroups groups) {
        double between = groups.scalar(TagFromName.PixelMeasuresSequence, TagFromName.SpacingBetweenSlices, Double.NaN);
        if (between > 0) return between;
        double thickness = groups.scalar(TagFromName.PixelMeasuresSequence, TagFromName.SliceThickness, Double.NaN);
        return thickness > 0 ? thickness : Double.NaN;
    }

    private static double[] window(FunctionalGroups groups) {
        double centre = groups.scalar(TagFromName.FrameVOILUTSequence, TagFromName.WindowCenter, Double.NaN);
        double width = groups.scalar(TagFromName.FrameVOILUTSequence, TagFromName.WindowWidth, Double.NaN);
        return Double.isFinite(centre) && width > 0 ? new double[] {centre, width} : null;
    }

    private static PixelFormat format(AttributeList list) {
        int allocated = integer(list, TagFromName.BitsAllocated);
        int stored = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsStored, allocated);
        boolean signed = integer(list, TagFromName.PixelRepresentation) == 1;
        boolean mono1 = "MONOCHROME1".equals(string(list, TagFromName.PhotometricInterpretation));
        return new PixelFormat(allocated, stored, signed, mono1, string(list, TagFromName.TransferSyntaxUID));
    }

    static SeriesIdentity identity(AttributeList l) {
        return new SeriesIdentity(string(l, TagFromName.PatientID), string(l, TagFromName.PatientName),
                string(l, TagFromName.PatientBirthDate), string(l, TagFromName.PatientSex),
                string(l, TagFromName.StudyInstanceUID), string(l, TagFromName.StudyID),
                string(l, TagFromName.StudyDate), string(l, TagFromName.StudyTime),
                string(l, TagFromName.StudyDescription), string(l, TagFromName.AccessionNumber),
                string(l, TagFromName.SeriesInstanceUID), string(l, TagFromName.SeriesNumber),
                string(l, TagFromName.SeriesDescription), string(l, TagFromName.FrameOfReferenceUID),
                string(l, TagFromName.Modality), string(l, TagFromName.Manufacturer));
    }

    private static int instanceNumber(AttributeList list) {
        return Attribute.getSingleIntegerValueOrDefault(list, TagFromName.InstanceNumber, Integer.MAX_VALUE);
    }

    static String string(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
    }

    static int integer(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleIntegerValueOrDefault(list, tag, 0);
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }
}
