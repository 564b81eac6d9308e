package org.atrous.dicom;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.ContentItemFactory;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.StructuredReport;
import com.pixelmed.dicom.TagFromName;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomClasses;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.ClassMeasurement;
import org.atrous.roi.SegmentationMeasurer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementReportWriterTest {
    @TempDir Path dir;

    private static final SegmentationAlgorithm ALGO = new SegmentationAlgorithm(false, "Atrous DeepLab",
            "atrous 0.1.0, model ct-abdomen 1.8.4", "model ct-abdomen 1.8.4, CRF 3d");

    @Test
    void aPhantomsMeasurementsBecomeAValidTid1500ReportReferencingItsSegments() throws Exception {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(21, 128, 14, 0, 6, 6, 3, 15, false), ProgressListener.NONE);
        Path seg = dir.resolve("seg.dcm"), sr = dir.resolve("measurements-sr.dcm");
        SegWriter.Target segTarget = SegWriter.Target.fresh(900, "seg");
        SegWriter.write(p.labels(), p.ct(), ALGO, segTarget, seg);
        List<ClassMeasurement> m = SegmentationMeasurer.measure(p.labels(), p.ct());
        write(p, m, segTarget, sr);

        assertEquals(List.of(), Dciodvfy.errors(sr), Dciodvfy.report(sr));
        String templates = SrValidator.report(sr);
        assertTrue(templates.contains("Found Root Template TID_1500"), templates);
        assertFalse(templates.contains("Error"), templates);

        AttributeList l = read(sr);
        ContentItem root = (ContentItem) new StructuredReport(l).getRoot();
        ContentItem imaging = root.getNamedChild("DCM", "126010");
        List<ContentItem> groups = children(imaging);
        long present = m.stream().filter(c -> c.voxels() > 0).count();
        assertEquals(present, groups.size(), "one group per segmented class");
        Map<Integer, Integer> segments = SegWriter.segmentNumbers(p.labels());
        AttributeList segList = read(seg);
        for (ContentItem g : groups) {
            String name = text(g, "112039");
            ClassMeasurement c = m.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            ContentItemFactory.ImageContentItem ref = (ContentItemFactory.ImageContentItem) g.getNamedChild("DCM", "121191");
            assertEquals(segTarget.sopInstanceUid(), ref.getReferencedSOPInstanceUID());
            int segment = ref.getReferencedSegmentNumber();
            assertEquals(segments.get(c.label()), segment, name);
            assertEquals(name, segmentLabel(segList, segment), "the referenced segment is the class's in seg.dcm");
            assertEquals(c.volumeMl(), number(g.getNamedChild("SCT", "118565006")), 1e-3, name + " volume");
            assertEquals(c.largestDiameterMm(), number(g.getNamedChild("SCT", "103339001")), 1e-3, name + " long axis");
            List<Double> hu = new ArrayList<>();
            for (ContentItem x : children(g)) if ("112031".equals(x.getConceptNameCodeValue())) hu.add(number(x));
            assertEquals(List.of(c.meanValue(), c.sdValue()).size(), hu.size());
            assertEquals(c.meanValue(), hu.get(0), 1e-3, name + " mean HU");
            assertEquals(c.sdValue(), hu.get(1), 1e-3, name + " SD HU");
            assertEquals(p.ct().identity().seriesInstanceUid(), text(g, "121232"));
        }
        // the evidence names every source instance and the SEG
        Set<String> evidence = new HashSet<>();
        AttributeList study = ((SequenceAttribute) l.get(TagFromName.CurrentRequestedProcedureEvidenceSequence)).getItem(0)
                .getAttributeList();
        SequenceAttribute series = (SequenceAttribute) study.get(TagFromName.ReferencedSeriesSequence);
        for (int i = 0; i < series.getNumberOfItems(); i++) {
            SequenceAttribute sops = (SequenceAttribute) series.getItem(i).getAttributeList().get(TagFromName.ReferencedSOPSequence);
            for (int j = 0; j < sops.getNumberOfItems(); j++) {
                evidence.add(Attribute.getSingleStringValueOrEmptyString(sops.getItem(j).getAttributeList(),
                        TagFromName.ReferencedSOPInstanceUID));
            }
        }
        assertTrue(evidence.contains(segTarget.sopInstanceUid()));
        for (SliceSource s : p.ct().slices()) assertTrue(evidence.contains(s.sopInstanceUid()));
        assertEquals("CT unspecified body region",
                root.getNamedChild("DCM", "121058").getConceptValue().trim());
    }

    @Test
    void anAbsentClassHasNoGroupAndAnMrHasNoHounsfieldUnits() throws Exception {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(22, 128, 6, 0, 6, 6, 0, 15, false), ProgressListener.NONE);
        byte[] lab = p.labels().labels().clone();
        for (int i = 0; i < lab.length; i++) if (lab[i] == PhantomClasses.SPLEEN) lab[i] = 0;
        LabelVolume noSpleen = new LabelVolume(lab, p.labels().geometry(), p.labels().classes());
        Volume ct = p.ct();
        Volume mr = new Volume(ct.data(), ct.geometry(), withModality(ct.identity(), "MR"), ct.slices(), null, List.of());
        List<ClassMeasurement> m = SegmentationMeasurer.measure(noSpleen, mr);
        SegWriter.Target segTarget = SegWriter.Target.fresh(900, "seg");
        Path sr = dir.resolve("mr-sr.dcm");
        MeasurementReportWriter.write(mr, noSpleen.classes(), measured(m), new MeasurementReportWriter.SegReference(
                segTarget.sopInstanceUid(), segTarget.seriesInstanceUid(), SegWriter.segmentNumbers(noSpleen)),
                ALGO, SegWriter.Target.fresh(902, "Atrous measurements"), sr);
        assertEquals(List.of(), Dciodvfy.errors(sr), Dciodvfy.report(sr));
        ContentItem root = (ContentItem) new StructuredReport(read(sr)).getRoot();
        List<String> names = new ArrayList<>();
        for (ContentItem g : children(root.getNamedChild("DCM", "126010"))) {
            names.add(text(g, "112039"));
            assertNull(g.getNamedChild("DCM", "112031"), "no HU for MR");
        }
        assertFalse(names.contains("spleen"), names.toString());
        assertTrue(names.contains("liver"), names.toString());
        assertFalse(names.contains("liver tumour"), "no tumours in this phantom: " + names);
        assertEquals("MRI unspecified body region",
                root.getNamedChild("DCM", "121058").getConceptValue().trim());
    }

    @Test
    void decimalsFitADecimalString() {
        assertEquals("1185.113", MeasurementReportWriter.decimal(1185.11349));
        assertEquals("72", MeasurementReportWriter.decimal(72.0001));
        assertEquals("-12.5", MeasurementReportWriter.decimal(-12.5));
        assertTrue(MeasurementReportWriter.decimal(1.23456789e15).length() <= 16);
    }

    private static void write(Phantom p, List<ClassMeasurement> m, SegWriter.Target segTarget, Path sr) throws Exception {
        MeasurementReportWriter.write(p.ct(), p.labels().classes(), measured(m), new MeasurementReportWriter.SegReference(
                segTarget.sopInstanceUid(), segTarget.seriesInstanceUid(), SegWriter.segmentNumbers(p.labels())),
                ALGO, SegWriter.Target.fresh(902, "Atrous measurements"), sr);
    }

    private static List<MeasurementReportWriter.Measured> measured(List<ClassMeasurement> m) {
        return m.stream().map(c -> new MeasurementReportWriter.Measured(c.label(), c.name(), c.voxels(), c.volumeMl(),
                c.largestDiameterMm(), c.meanValue(), c.sdValue())).toList();
    }

    private static SeriesIdentity withModality(SeriesIdentity i, String modality) {
        return new SeriesIdentity(i.patientId(), i.patientName(), i.patientBirthDate(), i.patientSex(), i.studyInstanceUid(),
                i.studyId(), i.studyDate(), i.studyTime(), i.studyDescription(), i.accessionNumber(), i.seriesInstanceUid(),
                i.seriesNumber(), i.seriesDescription(), i.frameOfReferenceUid(), modality, i.manufacturer());
    }

    private static AttributeList read(Path f) throws Exception {
        AttributeList l = new AttributeList();
        l.read(f.toString());
        return l;
    }

    /** A TEXT or UIDREF child's value, without the padding to even length. */
    private static String text(ContentItem parent, String dcmCode) {
        return parent.getSingleStringValueOrNullOfNamedChild("DCM", dcmCode).trim();
    }

    private static List<ContentItem> children(ContentItem parent) {
        List<ContentItem> out = new ArrayList<>();
        for (int i = 0; i < parent.getChildCount(); i++) out.add((ContentItem) parent.getChildAt(i));
        return out;
    }

    private static double number(ContentItem num) {
        AttributeList v = ((SequenceAttribute) num.getAttributeList().get(TagFromName.MeasuredValueSequence)).getItem(0)
                .getAttributeList();
        return Double.parseDouble(Attribute.getSingleStringValueOrEmptyString(v, TagFromName.NumericValue));
    }

    private static String segmentLabel(AttributeList seg, int number) {
        SequenceAttribute s = (SequenceAttribute) seg.get(TagFromName.SegmentSequence);
        for (int i = 0; i < s.getNumberOfItems(); i++) {
            AttributeList item = s.getItem(i).getAttributeList();
            if (Attribute.getSingleIntegerValueOrDefault(item, TagFromName.SegmentNumber, -1) == number) {
                return Attribute.getSingleStringValueOrEmptyString(item, TagFromName.SegmentLabel);
            }
        }
        return null;
    }
}
