package org.atrous.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

/**
 * Labels from either DICOM object that carries them onto a series: a Segmentation, or an RT
 * Structure Set (told apart by SOP Class), for commands that take whichever a site has.
 */
public final class LabelObjects {

    private LabelObjects() { }

    /** The SEG's or RT Structure Set's labels on {@code series}' grid; what an RT set loses goes to {@code warn}. */
    public static LabelVolume read(Path file, Volume series, Consumer<String> warn) throws IOException {
        if (!RtStructReader.isRtStruct(file)) return SegReader.read(file, series);
        RtStructReader.Rasterized r = RtStructReader.read(file, series, null);
        r.warnings().forEach(warn);
        return r.labels();
    }

    /**
     * What a label object holds, from its header alone: its kind ("SEG" or "RTSTRUCT"), its
     * classes (segment labels or ROI names) and the Frame of Reference it lies in.
     */
    public record Summary(String kind, List<String> classes, String frameOfReferenceUid) { }

    /**
     * The Series Instance UID of the image series a SEG (Referenced Series Sequence) or an RT
     * Structure Set (RT Referenced Series Sequence, under its referenced frame of reference and
     * study) labels; null for other files or when the object names none.
     */
    public static String referencedSeries(Path file) {
        if (!DicomSniffer.looksLikeDicom(file.toFile())) return null;
        try {
            AttributeList l = new AttributeList();
            l.read(file.toFile(), TagFromName.PixelData);
            String sop = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPClassUID);
            List<AttributeList> series;
            if (SOPClass.SegmentationStorage.equals(sop)) {
                series = items(List.of(l), TagFromName.ReferencedSeriesSequence);
            } else if (SOPClass.RTStructureSetStorage.equals(sop)) {
                series = items(items(items(List.of(l), RtStructWriter.REFERENCED_FRAME_OF_REFERENCE_SEQUENCE),
                        RtStructWriter.RT_REFERENCED_STUDY_SEQUENCE), RtStructWriter.RT_REFERENCED_SERIES_SEQUENCE);
            } else {
                return null;
            }
            for (AttributeList s : series) {
                String uid = Attribute.getSingleStringValueOrEmptyString(s, TagFromName.SeriesInstanceUID).trim();
                if (!uid.isEmpty()) return uid;
            }
            return null;
        } catch (IOException | DicomException | RuntimeException e) {
            return null;
        }
    }

    /** The items of sequence {@code tag} in each of {@code lists}. */
    private static List<AttributeList> items(List<AttributeList> lists, com.pixelmed.dicom.AttributeTag tag) {
        List<AttributeList> out = new ArrayList<>();
        for (AttributeList l : lists) {
            if (l.get(tag) instanceof SequenceAttribute s) {
                for (int i = 0; i < s.getNumberOfItems(); i++) out.add(s.getItem(i).getAttributeList());
            }
        }
        return out;
    }

    /** The summary of a SEG or RT Structure Set, or null for any other file. */
    public static Summary describe(Path file) {
        if (!DicomSniffer.looksLikeDicom(file.toFile())) return null;
        try {
            if (RtStructReader.isRtStruct(file)) {
                RtStructReader.StructureSet s = RtStructReader.load(file);
                return new Summary("RTSTRUCT", s.names(), s.frameOfReferenceUid());
            }
            AttributeList l = new AttributeList();
            l.read(file.toFile(), TagFromName.PixelData);
            if (!SOPClass.SegmentationStorage.equals(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPClassUID))) {
                return null;
            }
            List<String> names = new ArrayList<>();
            if (l.get(TagFromName.SegmentSequence) instanceof SequenceAttribute seq) {
                for (int i = 0; i < seq.getNumberOfItems(); i++) {
                    names.add(Attribute.getSingleStringValueOrEmptyString(seq.getItem(i).getAttributeList(),
                            TagFromName.SegmentLabel).trim());
                }
            }
            return new Summary("SEG", names, Attribute.getSingleStringValueOrEmptyString(l,
                    TagFromName.FrameOfReferenceUID).trim());
        } catch (IOException | DicomException | RuntimeException e) {
            return null;
        }
    }
}
