package org.atrous.dicom;

import static org.atrous.dicom.DicomAttributes.put;
import static org.atrous.dicom.DicomAttributes.putInt;
import static org.atrous.dicom.DicomAttributes.sequence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.ContentItemFactory;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.StructuredReport;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.ValueRepresentation;

/**
 * Writes a segmentation's measurements as a DICOM Structured Report a PACS stores and shows as
 * text: TID 1500 "Imaging Measurement Report" in a Comprehensive SR, one TID 1411 "Volumetric ROI
 * Measurements" group per segmented class, referencing its segment in the SEG written beside it
 * (as dcmqi and highdicom do). Each group holds the class's volume, its longest axial diameter
 * and, for CT, the mean and standard deviation of its HU. Per-lesion figures stay in
 * components.csv: a TID 1411 group must reference its ROI, and a lesion is no segment of its own.
 */
public final class MeasurementReportWriter {

    /** The SEG the report's groups reference: its instance, series and segment number per label. */
    public record SegReference(String sopInstanceUid, String seriesInstanceUid, Map<Integer, Integer> segmentByLabel) { }

    /**
     * One measured class (its whole segment): the writer's own plain record, so that the dicom
     * package needs nothing of roi. A quantity that was not measured is NaN (0 for the axis).
     */
    public record Measured(int label, String trackingId, long voxels, double volumeMl, double longAxisMm,
                           double mean, double sd) { }

    private static final String DCM = "DCM", SCT = "SCT", UCUM = "UCUM";

    private MeasurementReportWriter() { }

    /** Writes the report to {@code file} (through a temporary file renamed when complete). */
    public static void write(Volume source, List<SegmentClass> classes, List<Measured> measurements,
                             SegReference seg, SegmentationAlgorithm algo, SegWriter.Target target, Path file)
            throws IOException {
        if (source.slices().isEmpty()) throw new IllegalArgumentException("the source volume has no DICOM instances to reference");
        try {
            AttributeList l = build(source, classes, measurements, seg, algo, target);
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            l.write(tmp.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (DicomException e) {
            throw new IOException("cannot write the measurement report: " + e.getMessage(), e);
        }
    }

    static AttributeList build(Volume source, List<SegmentClass> classes, List<Measured> measurements,
                               SegReference seg, SegmentationAlgorithm algo, SegWriter.Target t) throws DicomException {
        ContentItem root = content(source, classes, measurements, seg, algo, t);
        AttributeList l = new StructuredReport(root).getAttributeList();
        put(l, TagFromName.SpecificCharacterSet, ValueRepresentation.CS, "ISO_IR 192");
        put(l, TagFromName.SOPClassUID, ValueRepresentation.UI, SOPClass.ComprehensiveSRStorage);
        put(l, TagFromName.SOPInstanceUID, ValueRepresentation.UI, t.sopInstanceUid());
        DicomAttributes.putPatientAndStudy(l, source.identity());
        put(l, TagFromName.Modality, ValueRepresentation.CS, "SR");
        put(l, TagFromName.SeriesInstanceUID, ValueRepresentation.UI, t.seriesInstanceUid());
        putInt(l, TagFromName.SeriesNumber, ValueRepresentation.IS, t.seriesNumber());
        put(l, TagFromName.SeriesDescription, ValueRepresentation.LO, t.seriesDescription());
        sequence(l, TagFromName.ReferencedPerformedProcedureStepSequence);
        put(l, TagFromName.Manufacturer, ValueRepresentation.LO, "Atrous");
        put(l, TagFromName.SoftwareVersions, ValueRepresentation.LO, algo.version().isEmpty() ? "0.1.0" : algo.version());
        put(l, TagFromName.InstanceNumber, ValueRepresentation.IS, "1");
        put(l, TagFromName.CompletionFlag, ValueRepresentation.CS, "COMPLETE");
        put(l, TagFromName.VerificationFlag, ValueRepresentation.CS, "UNVERIFIED");
        String date = source.identity().studyDate().isEmpty() ? "20000101" : source.identity().studyDate();
        put(l, TagFromName.ContentDate, ValueRepresentation.DA, date);
        put(l, TagFromName.ContentTime, ValueRepresentation.TM, "120000");
        sequence(l, TagFromName.PerformedProcedureCodeSequence);
        putEvidence(l, source, seg);
        FileMetaInformation.addFileMetaInformation(l, TransferSyntax.ExplicitVRLittleEndian, "ATROUS");
        return l;
    }

    /** The content tree: TID 1500 with its language, observer, procedure, image library and measurements. */
    private static ContentItem content(Volume source, List<SegmentClass> classes, List<Measured> measurements,
                                       SegReference seg, SegmentationAlgorithm algo, SegWriter.Target t)
            throws DicomException {
        ContentItemFactory f = new ContentItemFactory();
        ContentItem root = f.makeContainerContentItem(null, null, code("126000", DCM, "Imaging Measurement Report"),
                true, "DCMR", "1500");
        f.makeCodeContentItem(root, "HAS CONCEPT MOD", code("121049", DCM, "Language of Content Item and Descendants"),
                code("en-US", "RFC5646", "English (United States)"));
        observer(f, root, algo, t);
        f.makeCodeContentItem(root, "HAS CONCEPT MOD", code("121058", DCM, "Procedure reported"),
                procedure(source.modality()));
        ContentItem library = f.makeContainerContentItem(root, "CONTAINS", code("111028", DCM, "Image Library"), true);
        ContentItem group = f.makeContainerContentItem(library, "CONTAINS", code("126200", DCM, "Image Library Group"), true);
        for (SliceSource s : distinctInstances(source)) {
            f.makeImageContentItem(group, "CONTAINS", null, s.sopClassUid(), s.sopInstanceUid(), 0, 0, null, null, null, null);
        }
        ContentItem imaging = f.makeContainerContentItem(root, "CONTAINS", code("126010", DCM, "Imaging Measurements"), true);
        for (Measured m : measurements) {
            SegmentClass c = classOf(classes, m.label());
            Integer segment = seg.segmentByLabel().get(m.label());
            if (c == null || segment == null || m.voxels() == 0) continue; // nothing segmented to measure
            group(f, imaging, source, c, m, seg, segment, t);
        }
        return root;
    }

    /** TID 1002/1004: the observer is the device, Atrous with its model. */
    private static void observer(ContentItemFactory f, ContentItem root, SegmentationAlgorithm algo, SegWriter.Target t)
            throws DicomException {
        f.makeCodeContentItem(root, "HAS OBS CONTEXT", code("121005", DCM, "Observer Type"), code("121007", DCM, "Device"));
        f.makeUIDContentItem(root, "HAS OBS CONTEXT", code("121012", DCM, "Device Observer UID"),
                SegWriter.derivedUid("atrous/device/" + algo.name()));
        f.makeTextContentItem(root, "HAS OBS CONTEXT", code("121013", DCM, "Device Observer Name"), "Atrous");
        f.makeTextContentItem(root, "HAS OBS CONTEXT", code("121014", DCM, "Device Observer Manufacturer"), "Atrous");
        f.makeTextContentItem(root, "HAS OBS CONTEXT", code("121015", DCM, "Device Observer Model Name"),
                truncate(algo.version().isEmpty() ? algo.name() : algo.version(), 64));
    }

    private static SegmentClass classOf(List<SegmentClass> classes, int label) {
        return classes.stream().filter(x -> x.label() == label).findFirst().orElse(null);
    }

    /** TID 1411: one class, its segment in the SEG, and what was measured in it. */
    private static void group(ContentItemFactory f, ContentItem imaging, Volume source, SegmentClass c, Measured m,
                              SegReference seg, int segment, SegWriter.Target t) throws DicomException {
        ContentItem g = f.makeContainerContentItem(imaging, "CONTAINS", code("125007", DCM, "Measurement Group"), true,
                "DCMR", "1411");
        f.makeTextContentItem(g, "HAS OBS CONTEXT", code("112039", DCM, "Tracking Identifier"), truncate(m.trackingId(), 64));
        f.makeUIDContentItem(g, "HAS OBS CONTEXT", code("112040", DCM, "Tracking Unique Identifier"),
                SegWriter.derivedUid(t.sopInstanceUid() + "/tracking/" + m.trackingId()));
        f.makeCodeContentItem(g, "CONTAINS", code("121071", DCM, "Finding"), code(c.type()));
        f.makeImageContentItem(g, "CONTAINS", code("121191", DCM, "Referenced Segment"), SegWriter.SEGMENTATION_STORAGE,
                seg.sopInstanceUid(), 0, segment, null, null, null, null);
        f.makeUIDContentItem(g, "CONTAINS", code("121232", DCM, "Source series for segmentation"),
                source.identity().seriesInstanceUid());
        measurements(f, g, source, m);
    }

    /** Volume, the largest lesion's long axis and, for CT, mean and SD of HU. */
    private static void measurements(ContentItemFactory f, ContentItem g, Volume source, Measured m) throws DicomException {
        number(f, g, code("118565006", SCT, "Volume"), m.volumeMl(), code("ml", UCUM, "milliliter"), null);
        if (m.longAxisMm() > 0) {
            number(f, g, code("103339001", SCT, "Long Axis"), m.longAxisMm(), code("mm", UCUM, "millimeter"),
                    code("56851009", SCT, "Maximum"));
        }
        if ("CT".equals(source.modality()) && Double.isFinite(m.mean())) {
            CodedSequenceItem hu = code("[hnsf'U]", UCUM, "Hounsfield unit");
            number(f, g, code("112031", DCM, "Attenuation Coefficient"), m.mean(), hu, code("373098007", SCT, "Mean"));
            if (Double.isFinite(m.sd())) {
                number(f, g, code("112031", DCM, "Attenuation Coefficient"), m.sd(), hu,
                        code("386136009", SCT, "Standard Deviation"));
            }
        }
    }

    /** A NUM item, with its derivation (mean, maximum, ...) as a concept modifier where given. */
    private static void number(ContentItemFactory f, ContentItem parent, CodedSequenceItem concept, double value,
                               CodedSequenceItem units, CodedSequenceItem derivation) throws DicomException {
        ContentItem n = f.makeNumericContentItem(parent, "CONTAINS", concept, decimal(value), units);
        if (derivation != null) f.makeCodeContentItem(n, "HAS CONCEPT MOD", code("121401", DCM, "Derivation"), derivation);
    }

    /** At most 16 characters, as a DS value allows. */
    static String decimal(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.length() <= 16 ? s : String.format(Locale.ROOT, "%.6E", v);
    }

    /** From CID 100 (Quantitative Diagnostic Imaging Procedures), which TID 1500 asks for. */
    private static CodedSequenceItem procedure(String modality) throws DicomException {
        return switch (modality) {
            case "CT" -> code("25045-6", "LN", "CT unspecified body region");
            case "MR" -> code("25056-3", "LN", "MRI unspecified body region");
            default -> code("363679005", SCT, "Imaging procedure");
        };
    }

    /** Current Requested Procedure Evidence: the source instances and the SEG, by study and series. */
    private static void putEvidence(AttributeList l, Volume source, SegReference seg) throws DicomException {
        AttributeList study = new AttributeList();
        put(study, TagFromName.StudyInstanceUID, ValueRepresentation.UI, source.identity().studyInstanceUid());
        var seriesSeq = sequence(study, TagFromName.ReferencedSeriesSequence);
        AttributeList images = new AttributeList();
        put(images, TagFromName.SeriesInstanceUID, ValueRepresentation.UI, source.identity().seriesInstanceUid());
        var imageRefs = sequence(images, TagFromName.ReferencedSOPSequence);
        for (SliceSource s : distinctInstances(source)) imageRefs.addItem(DicomAttributes.sopReference(s.sopClassUid(), s.sopInstanceUid()));
        seriesSeq.addItem(images);
        AttributeList segSeries = new AttributeList();
        put(segSeries, TagFromName.SeriesInstanceUID, ValueRepresentation.UI, seg.seriesInstanceUid());
        sequence(segSeries, TagFromName.ReferencedSOPSequence)
                .addItem(DicomAttributes.sopReference(SegWriter.SEGMENTATION_STORAGE, seg.sopInstanceUid()));
        seriesSeq.addItem(segSeries);
        sequence(l, TagFromName.CurrentRequestedProcedureEvidenceSequence).addItem(study);
    }

    /** Each instance once (a multi-frame instance holds many slices). */
    private static List<SliceSource> distinctInstances(Volume source) {
        Set<String> seen = new LinkedHashSet<>();
        List<SliceSource> out = new ArrayList<>();
        for (SliceSource s : source.slices()) if (seen.add(s.sopInstanceUid())) out.add(s);
        return out;
    }

    private static CodedSequenceItem code(String value, String scheme, String meaning) throws DicomException {
        return new CodedSequenceItem(value, scheme, meaning);
    }

    private static CodedSequenceItem code(CodedConcept c) throws DicomException {
        return new CodedSequenceItem(c.value(), c.scheme(), c.meaning());
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }
}
