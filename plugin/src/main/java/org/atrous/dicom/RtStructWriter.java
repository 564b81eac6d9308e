package org.atrous.dicom;

import static org.atrous.dicom.DicomAttributes.put;
import static org.atrous.dicom.DicomAttributes.putInt;
import static org.atrous.dicom.DicomAttributes.sequence;
import static org.atrous.dicom.DicomAttributes.tag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UIDGenerator;
import com.pixelmed.dicom.ValueRepresentation;

/**
 * Writes an RT Structure Set: one ROI per class, one CLOSED_PLANAR contour per polygon and
 * slice, each pointing at the CT slice it lies on, in patient coordinates from the source
 * geometry. Holes are written as contours of their own, which planning systems read with the
 * even-odd rule. The file appears under its name only once complete.
 */
public final class RtStructWriter {

    // RT tags (group 3006); PixelMed's dictionary does not name them.
    static final AttributeTag STRUCTURE_SET_LABEL = tag(0x3006, 0x0002);
    static final AttributeTag STRUCTURE_SET_DESCRIPTION = tag(0x3006, 0x0006);
    static final AttributeTag STRUCTURE_SET_DATE = tag(0x3006, 0x0008);
    static final AttributeTag STRUCTURE_SET_TIME = tag(0x3006, 0x0009);
    static final AttributeTag REFERENCED_FRAME_OF_REFERENCE_SEQUENCE = tag(0x3006, 0x0010);
    static final AttributeTag RT_REFERENCED_STUDY_SEQUENCE = tag(0x3006, 0x0012);
    static final AttributeTag RT_REFERENCED_SERIES_SEQUENCE = tag(0x3006, 0x0014);
    static final AttributeTag CONTOUR_IMAGE_SEQUENCE = tag(0x3006, 0x0016);
    static final AttributeTag STRUCTURE_SET_ROI_SEQUENCE = tag(0x3006, 0x0020);
    static final AttributeTag ROI_NUMBER = tag(0x3006, 0x0022);
    static final AttributeTag REFERENCED_FRAME_OF_REFERENCE_UID = tag(0x3006, 0x0024);
    static final AttributeTag ROI_NAME = tag(0x3006, 0x0026);
    static final AttributeTag ROI_DISPLAY_COLOR = tag(0x3006, 0x002A);
    static final AttributeTag ROI_GENERATION_ALGORITHM = tag(0x3006, 0x0036);
    static final AttributeTag ROI_GENERATION_DESCRIPTION = tag(0x3006, 0x0038);
    static final AttributeTag ROI_CONTOUR_SEQUENCE = tag(0x3006, 0x0039);
    static final AttributeTag CONTOUR_SEQUENCE = tag(0x3006, 0x0040);
    static final AttributeTag CONTOUR_GEOMETRIC_TYPE = tag(0x3006, 0x0042);
    static final AttributeTag NUMBER_OF_CONTOUR_POINTS = tag(0x3006, 0x0046);
    static final AttributeTag CONTOUR_NUMBER = tag(0x3006, 0x0048);
    static final AttributeTag CONTOUR_DATA = tag(0x3006, 0x0050);
    static final AttributeTag RT_ROI_OBSERVATIONS_SEQUENCE = tag(0x3006, 0x0080);
    static final AttributeTag OBSERVATION_NUMBER = tag(0x3006, 0x0082);
    static final AttributeTag REFERENCED_ROI_NUMBER = tag(0x3006, 0x0084);
    static final AttributeTag RT_ROI_INTERPRETED_TYPE = tag(0x3006, 0x00A4);
    static final AttributeTag ROI_INTERPRETER = tag(0x3006, 0x00A6);
    /** Detached Study Management SOP Class, which RT Referenced Study Sequence must name. */
    static final String STUDY_COMPONENT_CLASS = "1.2.840.10008.3.1.2.3.1";

    private RtStructWriter() { }

    /** Builds the data set; {@link #write} adds file meta information and writes it. */
    public static AttributeList build(Volume source, List<StructureContours> rois, SegmentationAlgorithm algo) {
        if (source.slices().isEmpty()) {
            throw new IllegalArgumentException("an RT Structure Set must reference DICOM slices; this volume has none");
        }
        try {
            UIDGenerator uids = new UIDGenerator();
            AttributeList l = new AttributeList();
            SeriesIdentity id = source.identity();
            String now = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT));
            put(l, TagFromName.SOPClassUID, ValueRepresentation.UI, SOPClass.RTStructureSetStorage);
            put(l, TagFromName.SOPInstanceUID, ValueRepresentation.UI, uids.getAnotherNewUID());
            DicomAttributes.putPatientAndStudy(l, id);
            put(l, TagFromName.Modality, ValueRepresentation.CS, "RTSTRUCT");
            put(l, TagFromName.SeriesInstanceUID, ValueRepresentation.UI, uids.getAnotherNewUID());
            put(l, TagFromName.SeriesNumber, ValueRepresentation.IS, "901");
            put(l, TagFromName.SeriesDescription, ValueRepresentation.LO, "Atrous structures");
            put(l, TagFromName.OperatorsName, ValueRepresentation.PN, algo.creator());
            put(l, TagFromName.Manufacturer, ValueRepresentation.LO, "Atrous");
            // Frame of Reference module: part of the RT Structure Set IOD since 2021.
            put(l, TagFromName.FrameOfReferenceUID, ValueRepresentation.UI, id.frameOfReferenceUid());
            put(l, TagFromName.PositionReferenceIndicator, ValueRepresentation.LO);
            put(l, TagFromName.InstanceNumber, ValueRepresentation.IS, "1");
            put(l, STRUCTURE_SET_LABEL, ValueRepresentation.SH, "ATROUS");
            // the whole algorithm description (ST, 1024 characters): each ROI's LO keeps only 64
            put(l, STRUCTURE_SET_DESCRIPTION, ValueRepresentation.ST, truncate(algo.description(), 1024));
            put(l, STRUCTURE_SET_DATE, ValueRepresentation.DA, now.substring(0, 8));
            put(l, STRUCTURE_SET_TIME, ValueRepresentation.TM, now.substring(8));
            referencedFrameOfReference(l, source);
            structureSetRois(l, source, rois, algo);
            roiContours(l, source, rois);
            observations(l, rois, algo);
            return l;
        } catch (DicomException e) {
            throw new IllegalStateException("cannot build RT Structure Set: " + e.getMessage(), e);
        }
    }

    /** Writes to {@code out} through a temporary file in the same folder. */
    public static void write(Volume source, List<StructureContours> rois, SegmentationAlgorithm algo, Path out)
            throws IOException {
        AttributeList l = build(source, rois, algo);
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        try {
            FileMetaInformation.addFileMetaInformation(l, TransferSyntax.ExplicitVRLittleEndian, "ATROUS");
            l.write(tmp.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (DicomException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot write RT Structure Set " + out + ": " + e.getMessage(), e);
        }
    }

    private static void referencedFrameOfReference(AttributeList l, Volume source) {
        SeriesIdentity id = source.identity();
        AttributeList series = new AttributeList();
        put(series, TagFromName.SeriesInstanceUID, ValueRepresentation.UI, id.seriesInstanceUid());
        SequenceAttribute images = sequence(series, CONTOUR_IMAGE_SEQUENCE);
        for (SliceSource s : source.slices()) images.addItem(DicomAttributes.sopReference(s.sopClassUid(), s.sopInstanceUid()));
        AttributeList study = DicomAttributes.sopReference(STUDY_COMPONENT_CLASS, id.studyInstanceUid());
        sequence(study, RT_REFERENCED_SERIES_SEQUENCE).addItem(series);
        AttributeList frame = new AttributeList();
        put(frame, TagFromName.FrameOfReferenceUID, ValueRepresentation.UI, id.frameOfReferenceUid());
        sequence(frame, RT_REFERENCED_STUDY_SEQUENCE).addItem(study);
        sequence(l, REFERENCED_FRAME_OF_REFERENCE_SEQUENCE).addItem(frame);
    }

    private static void structureSetRois(AttributeList l, Volume source, List<StructureContours> rois,
                                         SegmentationAlgorithm algo) {
        SequenceAttribute seq = sequence(l, STRUCTURE_SET_ROI_SEQUENCE);
        for (int r = 0; r < rois.size(); r++) {
            AttributeList item = new AttributeList();
            putInt(item, ROI_NUMBER, ValueRepresentation.IS, r + 1);
            put(item, REFERENCED_FRAME_OF_REFERENCE_UID, ValueRepresentation.UI, source.identity().frameOfReferenceUid());
            put(item, ROI_NAME, ValueRepresentation.LO, rois.get(r).segmentClass().name());
            put(item, ROI_GENERATION_ALGORITHM, ValueRepresentation.CS, algo.type().name());
            put(item, ROI_GENERATION_DESCRIPTION, ValueRepresentation.LO, truncate(algo.description(), 64));
            seq.addItem(item);
        }
    }

    private static void roiContours(AttributeList l, Volume source, List<StructureContours> rois) {
        SequenceAttribute seq = sequence(l, ROI_CONTOUR_SEQUENCE);
        for (int r = 0; r < rois.size(); r++) {
            StructureContours sc = rois.get(r);
            AttributeList item = new AttributeList();
            int[] rgb = sc.segmentClass().rgb();
            putInt(item, ROI_DISPLAY_COLOR, ValueRepresentation.IS, rgb[0], rgb[1], rgb[2]);
            putInt(item, REFERENCED_ROI_NUMBER, ValueRepresentation.IS, r + 1);
            if (!sc.contours().isEmpty()) {
                SequenceAttribute contours = sequence(item, CONTOUR_SEQUENCE);
                int n = 0;
                for (PlanarContour c : sc.contours()) contours.addItem(contour(source, c, ++n));
            }
            seq.addItem(item);
        }
    }

    private static AttributeList contour(Volume source, PlanarContour c, int number) {
        AttributeList item = new AttributeList();
        SliceSource s = source.slices().get(c.slice());
        sequence(item, CONTOUR_IMAGE_SEQUENCE).addItem(DicomAttributes.sopReference(s.sopClassUid(), s.sopInstanceUid()));
        putInt(item, CONTOUR_NUMBER, ValueRepresentation.IS, number);
        put(item, CONTOUR_GEOMETRIC_TYPE, ValueRepresentation.CS, "CLOSED_PLANAR");
        putInt(item, NUMBER_OF_CONTOUR_POINTS, ValueRepresentation.IS, c.points());
        put(item, CONTOUR_DATA, ValueRepresentation.DS, patientCoordinates(source.geometry(), c));
        return item;
    }

    /** Pixel-edge coordinates to patient mm: pixel (0,0)'s centre is at edge coordinate (0.5, 0.5). */
    static String[] patientCoordinates(Geometry g, PlanarContour c) {
        double[] xy = c.xy();
        String[] out = new String[xy.length / 2 * 3];
        for (int i = 0; i < xy.length / 2; i++) {
            double[] p = g.toPatient(xy[2 * i] - 0.5, xy[2 * i + 1] - 0.5, c.slice());
            for (int a = 0; a < 3; a++) out[3 * i + a] = decimal(p[a]);
        }
        return out;
    }

    /** A DS value: at most 16 characters. */
    private static String decimal(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        return s.length() <= 16 ? s : String.format(Locale.ROOT, "%.6g", v);
    }

    private static void observations(AttributeList l, List<StructureContours> rois, SegmentationAlgorithm algo) {
        SequenceAttribute seq = sequence(l, RT_ROI_OBSERVATIONS_SEQUENCE);
        for (int r = 0; r < rois.size(); r++) {
            AttributeList item = new AttributeList();
            putInt(item, OBSERVATION_NUMBER, ValueRepresentation.IS, r + 1);
            putInt(item, REFERENCED_ROI_NUMBER, ValueRepresentation.IS, r + 1);
            boolean lesion = rois.get(r).segmentClass().category().equals(SegmentClass.MORPHOLOGICALLY_ABNORMAL);
            put(item, RT_ROI_INTERPRETED_TYPE, ValueRepresentation.CS, lesion ? "GTV" : "ORGAN");
            put(item, ROI_INTERPRETER, ValueRepresentation.PN, algo.creator());
            seq.addItem(item);
        }
    }

    private static String truncate(String s, int n) {
        return s == null ? "" : s.length() <= n ? s : s.substring(0, n);
    }
}
