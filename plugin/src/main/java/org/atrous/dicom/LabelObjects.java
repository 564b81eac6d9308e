package org.atrous.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

/**
 * Labels from either DICOM object that carries them onto a series: a Segmentation, or an RT
 * Structure Set (told apart by SOP Class), for commands that take whichever a site has; and
 * label maps made outside DICOM (NRRD, NIfTI) for the commands that read one file.
 */
public final class LabelObjects {

    private LabelObjects() { }

    /**
     * The SEG's, RT Structure Set's or label map's (NRRD, NIfTI: {@link LabelMaps}) labels on
     * {@code series}' grid; what is left out goes to {@code warn}.
     */
    public static LabelVolume read(Path file, Volume series, Consumer<String> warn) throws IOException {
        return read(file, series, null, warn);
    }

    /** As above, a label map's values 1, 2, ... named by {@code labelNames} (null: as the file says). */
    public static LabelVolume read(Path file, Volume series, List<String> labelNames, Consumer<String> warn)
            throws IOException {
        if (LabelMaps.isLabelMap(file)) return LabelMaps.read(file, series.geometry(), labelNames, warn);
        if (!RtStructReader.isRtStruct(file)) return SegReader.read(file, series, warn);
        RtStructReader.Rasterized r = RtStructReader.read(file, series, null);
        r.warnings().forEach(warn);
        return r.labels();
    }

    /**
     * What a label object holds, from one read of it: its kind ("SEG" or "RTSTRUCT"), its classes
     * (segment labels or ROI names), the Frame of Reference it lies in, and the image series it
     * labels (a SEG's Referenced Series Sequence, a structure set's RT Referenced Series
     * Sequence; "" when it names none).
     */
    public record Summary(String kind, List<String> classes, String frameOfReferenceUid, String seriesUid) { }

    /** The Series Instance UID of the image series a SEG or RT Structure Set labels; null for other files or none named. */
    public static String referencedSeries(Path file) {
        Summary s = describe(file);
        return s == null || s.seriesUid().isEmpty() ? null : s.seriesUid();
    }

    /** The summary of a SEG or RT Structure Set, or null for any other file. */
    public static Summary describe(Path file) {
        if (!DicomSniffer.looksLikeDicom(file.toFile())) return null;
        try {
            AttributeList l = new AttributeList();
            l.read(file.toFile(), TagFromName.PixelData); // a structure set has none: read whole
            String sop = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPClassUID);
            if (SOPClass.RTStructureSetStorage.equals(sop)) {
                RtStructReader.StructureSet s = RtStructReader.parse(l, file);
                return new Summary("RTSTRUCT", s.names(), s.frameOfReferenceUid(), s.referencedSeriesUid());
            }
            if (!SOPClass.SegmentationStorage.equals(sop)) return null;
            List<String> names = DicomAttributes.items(List.of(l), TagFromName.SegmentSequence).stream()
                    .map(x -> Attribute.getSingleStringValueOrEmptyString(x, TagFromName.SegmentLabel).trim()).toList();
            String series = DicomAttributes.items(List.of(l), TagFromName.ReferencedSeriesSequence).stream()
                    .map(x -> Attribute.getSingleStringValueOrEmptyString(x, TagFromName.SeriesInstanceUID).trim())
                    .filter(uid -> !uid.isEmpty()).findFirst().orElse("");
            return new Summary("SEG", names, Attribute.getSingleStringValueOrEmptyString(l,
                    TagFromName.FrameOfReferenceUID).trim(), series);
        } catch (IOException | DicomException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Every SOP Instance UID a SEG or RT Structure Set names anywhere (a SEG's source images, a
     * structure set's contour images, the referenced series' instances): which acquisition of a
     * series it labels. Empty for other files or none named.
     */
    public static Set<String> referencedInstances(Path file) {
        Set<String> uids = new HashSet<>();
        if (!DicomSniffer.looksLikeDicom(file.toFile())) return uids;
        try {
            AttributeList l = new AttributeList();
            l.read(file.toFile(), TagFromName.PixelData);
            collect(l, uids);
        } catch (IOException | DicomException | RuntimeException e) {
            uids.clear();
        }
        return uids;
    }

    private static void collect(AttributeList l, Set<String> uids) {
        for (Attribute a : l.values()) {
            if (a instanceof SequenceAttribute s) {
                for (int i = 0; i < s.getNumberOfItems(); i++) collect(s.getItem(i).getAttributeList(), uids);
            } else if (TagFromName.ReferencedSOPInstanceUID.equals(a.getTag())) {
                String uid = Attribute.getSingleStringValueOrEmptyString(l, a.getTag()).trim();
                if (!uid.isEmpty()) uids.add(uid);
            }
        }
    }
}
