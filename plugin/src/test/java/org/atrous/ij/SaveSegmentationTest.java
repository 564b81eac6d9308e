package org.atrous.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import org.atrous.dicom.Dciodvfy;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegReader;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;
import org.atrous.model.ModelCard;
import org.atrous.roi.LabelRois;
import org.atrous.roi.RoiLabels;
import org.atrous.roi.VolumeImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Save Segmentation as DICOM: a reader's corrected ROIs on the bundled sample become a SEG and
 * an RT Structure Set on the sample's own series; the SEG reads back as those ROIs' voxels.
 */
class SaveSegmentationTest {

    private static Volume ct;
    private static LabelVolume truth;
    private static List<SegmentClass> classes;

    @TempDir Path tmp;

    @BeforeAll
    static void sample() throws Exception {
        System.setProperty("atrous.modelZoo", RealImageJ.REPO.resolve("model-zoo").toString());
        ct = SampleResults.ct();
        truth = SampleResults.truth(ct);
        classes = ModelCard.read(RealImageJ.REPO.resolve("model-zoo/ct-abdomen.json")).classes();
    }

    private static ImagePlus opened() {
        ImagePlus imp = VolumeImages.toImagePlus(ct, "sample ct");
        SourceSeries.remember(imp, ct, SampleResults.SAMPLE.resolve("ct"));
        return imp;
    }

    /** The ground truth's ROIs as a reader corrected them: one tumour outline deleted, one drawn. */
    private static List<Roi> corrected() {
        List<Roi> rois = new ArrayList<>(LabelRois.toRois(truth, false));
        Roi firstTumour = rois.stream().filter(r -> r.getName().startsWith("liver tumour")).findFirst().orElseThrow();
        rois.remove(firstTumour);
        Roi drawn = new OvalRoi(60, 100, 14, 10);
        drawn.setName("Liver tumour");
        drawn.setPosition(24);
        rois.add(drawn);
        return rois;
    }

    @Test
    void correctedRoisBecomeASegAndRtStructReadingBackAsTheirVoxels() throws Exception {
        ImagePlus imp = opened();
        imp.setProp(SaveSegmentation.MODEL, "ct-abdomen");
        List<Roi> rois = corrected();
        SaveSegmentation.Settings s = SaveSegmentation.Settings.parse(
                "folder=[" + tmp.resolve("out dir") + "] rois=overlay creator=[Doe^Jane] rt", imp);
        assertEquals(SaveSegmentation.SEMIAUTOMATIC, s.type(), "an image Atrous segmented is corrected model output");
        List<Path> written = SaveSegmentation.save(imp, rois, s);
        assertEquals(List.of(tmp.resolve("out dir/sample_ct-semiautomatic-seg.dcm"),
                tmp.resolve("out dir/sample_ct-semiautomatic-rtstruct.dcm")), written);

        LabelVolume expected = RoiLabels.fromRois(rois, ct.geometry(), classes);
        LabelVolume back = SegReader.read(written.get(0), ct);
        assertEquals(7, back.classes().size(), "the sample holds all seven classes");
        for (SegmentClass c : back.classes()) {
            int model = classes.stream().filter(m -> m.name().equals(c.name())).findFirst().orElseThrow().label();
            assertArrayEquals(mask(expected, model), mask(back, c.label()), c.name() + " voxels");
        }
        // the deleted outline is gone from the SEG, the drawn one is there
        assertTrue(differs(truth, back), "the correction reached the SEG");
        for (Path f : written) assertEquals(List.of(), Dciodvfy.errors(f), Dciodvfy.report(f));

        AttributeList seg = read(written.get(0));
        AttributeList segment = ((SequenceAttribute) seg.get(TagFromName.SegmentSequence)).getItem(0).getAttributeList();
        assertEquals("SEMIAUTOMATIC", Attribute.getSingleStringValueOrEmptyString(segment, TagFromName.SegmentAlgorithmType));
        assertEquals("Atrous", Attribute.getSingleStringValueOrEmptyString(segment, new AttributeTag(0x0062, 0x0009)));
        assertEquals("Doe^Jane", Attribute.getSingleStringValueOrEmptyString(seg, TagFromName.ContentCreatorName));
        assertEquals(SaveSegmentation.DESCRIPTION, Attribute.getSingleStringValueOrEmptyString(seg, TagFromName.SeriesDescription));
        AttributeList rt = read(written.get(1));
        AttributeList roi = ((SequenceAttribute) rt.get(new AttributeTag(0x3006, 0x0020))).getItem(0).getAttributeList();
        assertEquals("SEMIAUTOMATIC", Attribute.getSingleStringValueOrEmptyString(roi, new AttributeTag(0x3006, 0x0036)));
        assertEquals("Doe^Jane", Attribute.getSingleStringValueOrEmptyString(rt, TagFromName.OperatorsName));

        // saving again never replaces the first files
        byte[] first = Files.readAllBytes(written.get(0));
        List<Path> again = SaveSegmentation.save(imp, rois, s);
        assertEquals(tmp.resolve("out dir/sample_ct-semiautomatic-seg-2.dcm"), again.get(0));
        assertArrayEquals(first, Files.readAllBytes(written.get(0)));
    }

    @Test
    void handDrawnOutlinesAreManualAndOnlyTheirClassesBecomeSegments() throws Exception {
        ImagePlus imp = opened(); // never segmented: manual by default
        Roi spleen = new OvalRoi(170, 90, 30, 40);
        spleen.setName("spleen");
        spleen.setPosition(20);
        SaveSegmentation.Settings s = SaveSegmentation.Settings.parse("folder=[" + tmp + "] model=ct-abdomen", imp);
        assertEquals(SaveSegmentation.MANUAL, s.type());
        List<Path> written = SaveSegmentation.save(imp, List.of(spleen), s);
        assertEquals(1, written.size(), "no RT Structure Set unless asked");
        LabelVolume back = SegReader.read(written.get(0), ct);
        assertEquals(List.of("spleen"), back.classes().stream().map(SegmentClass::name).toList());
        long voxels = back.histogram()[back.classes().get(0).label()];
        assertEquals(RoiLabels.fromRois(List.of(spleen), ct.geometry(), classes).histogram()[3], voxels);
        assertTrue(voxels > 800 && voxels < 1000, "an oval of 30 x 40 pixels: " + voxels);
        assertEquals(List.of(), Dciodvfy.errors(written.get(0)), Dciodvfy.report(written.get(0)));
        AttributeList segment = ((SequenceAttribute) read(written.get(0)).get(TagFromName.SegmentSequence)).getItem(0)
                .getAttributeList();
        assertEquals("MANUAL", Attribute.getSingleStringValueOrEmptyString(segment, TagFromName.SegmentAlgorithmType));
    }

    @Test
    void aSegOpenedOnItsSeriesCanBeCorrectedAndSavedBack() throws Exception {
        ImagePlus imp = opened();
        List<Roi> shown = OpenDicomSeg.open(imp, OpenDicomSeg.Settings.parse(
                "seg=[" + SampleResults.SAMPLE.resolve("seg.dcm") + "] overlay=filled add"));
        assertEquals(LabelRois.toRois(truth, true).size(), shown.size());
        assertEquals(shown.size(), imp.getOverlay().size());
        List<Roi> overlay = List.of(imp.getOverlay().toArray());
        assertArrayEquals(truth.labels(), RoiLabels.fromRois(overlay, ct.geometry(), classes).labels(),
                "the overlay holds the SEG voxel for voxel");
        assertEquals("MANUAL", imp.getProp(OpenDicomSeg.OPENED_TYPE), "the sample's SEG is its ground truth");
        // no model named: the one whose classes the overlay names; a correction of a manual SEG is manual
        SaveSegmentation.Settings s = SaveSegmentation.Settings.parse("folder=[" + tmp + "]", imp);
        assertEquals("ct-abdomen", s.model());
        assertEquals(SaveSegmentation.MANUAL, s.type());
        Path seg = SaveSegmentation.save(imp, SaveSegmentation.rois(imp, SaveSegmentation.OVERLAY), s).get(0);
        assertArrayEquals(truth.labels(), SegReader.read(seg, ct).labels(), "saved back unchanged");

        // a SEG an algorithm made: its correction is semiautomatic
        Path automatic = tmp.resolve("automatic.dcm");
        org.atrous.dicom.SegWriter.write(truth, ct, new org.atrous.dicom.SegmentationAlgorithm(false, "Other tool", "2",
                "made by a model"), org.atrous.dicom.SegWriter.Target.fresh(5, "auto"), automatic);
        ImagePlus again = opened();
        OpenDicomSeg.open(again, OpenDicomSeg.Settings.parse("seg=[" + automatic + "]"));
        assertEquals(SaveSegmentation.SEMIAUTOMATIC, SaveSegmentation.Settings.parse("folder=[" + tmp + "]", again).type());

        // a SEG of another series is refused with the reason, and the image keeps its overlay
        Path other = org.atrous.dicom.SharedData.path("dicom-real/dcmqi/liver.dcm");
        String why = assertThrows(java.io.IOException.class, () -> OpenDicomSeg.open(again,
                OpenDicomSeg.Settings.parse("seg=[" + other + "]"))).getMessage();
        assertTrue(why.contains("512x512") && why.contains("256x256"), why);
        assertEquals(shown.size(), again.getOverlay().size());
    }

    @Test
    void aPlanningSystemsRtStructureSetOpensLikeASegAndIsSavedBackAsOne() throws Exception {
        Path rt = tmp.resolve("RS.plan.dcm");
        org.atrous.dicom.RtStructWriter.write(ct, org.atrous.roi.LabelContours.of(truth),
                new org.atrous.dicom.SegmentationAlgorithm(true, "Planner", "1", "contoured by hand"), rt);
        ImagePlus imp = opened();
        List<Roi> shown = OpenDicomSeg.open(imp, OpenDicomSeg.Settings.parse("seg=[" + rt + "] overlay=outlined"));
        assertEquals(LabelRois.toRois(truth, false).size(), shown.size());
        assertArrayEquals(truth.labels(), RoiLabels.fromRois(List.of(imp.getOverlay().toArray()), ct.geometry(), classes)
                .labels(), "the overlay holds the contours voxel for voxel");
        assertEquals("MANUAL", imp.getProp(OpenDicomSeg.OPENED_TYPE), "the ROI Generation Algorithm of its ROIs");
        SaveSegmentation.Settings s = SaveSegmentation.Settings.parse("folder=[" + tmp + "]", imp);
        assertEquals(SaveSegmentation.MANUAL, s.type());
        Path seg = SaveSegmentation.save(imp, SaveSegmentation.rois(imp, SaveSegmentation.OVERLAY), s).get(0);
        assertArrayEquals(truth.labels(), SegReader.read(seg, ct).labels(), "saved as a SEG unchanged");
    }

    @Test
    void aLabelMapMadeElsewhereOpensOnItsSeriesAndIsSavedBackAsASeg() throws Exception {
        // a NIfTI pipeline's result: the labels with a classes.csv naming them
        Path dir = java.nio.file.Files.createDirectories(tmp.resolve("nifti-result"));
        Path map = dir.resolve("labels.nii.gz");
        org.atrous.dicom.NiftiWriter.writeLabels(truth, map);
        StringBuilder table = new StringBuilder("label,name\n");
        for (SegmentClass c : truth.classes()) table.append(c.label()).append(',').append(c.name()).append('\n');
        java.nio.file.Files.writeString(dir.resolve("classes.csv"), table);
        ImagePlus imp = opened();
        List<Roi> shown = OpenDicomSeg.open(imp, OpenDicomSeg.Settings.parse("seg=[" + map + "] overlay=outlined"));
        assertEquals(LabelRois.toRois(truth, false).size(), shown.size());
        Path seg = SaveSegmentation.save(imp, SaveSegmentation.rois(imp, SaveSegmentation.OVERLAY),
                SaveSegmentation.Settings.parse("folder=[" + tmp.resolve("from-map") + "] model=ct-abdomen", imp)).get(0);
        assertArrayEquals(truth.labels(), SegReader.read(seg, ct).labels(), "saved as a SEG unchanged");
    }

    @Test
    void badInputIsRefusedWithTheReasonAndWritesNothing() {
        ImagePlus imp = opened();
        SaveSegmentation.Settings s = SaveSegmentation.Settings.parse("folder=[" + tmp.resolve("none") + "] model=ct-abdomen",
                imp);
        Roi stone = new OvalRoi(60, 100, 10, 10);
        stone.setName("kidney stone");
        stone.setPosition(10);
        String unknown = assertThrows(IllegalArgumentException.class, () -> SaveSegmentation.save(imp, List.of(stone), s))
                .getMessage();
        assertTrue(unknown.contains("kidney stone") && unknown.contains("liver tumour"), unknown);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SaveSegmentation.save(imp, List.of(), s))
                .getMessage().contains("no ROIs"));
        ImagePlus plain = VolumeImages.toImagePlus(Volume.of(ct.data(), ct.geometry(), "CT"), "not from DICOM");
        Roi liver = new OvalRoi(60, 100, 10, 10);
        liver.setName("liver");
        liver.setPosition(10);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SaveSegmentation.save(plain, List.of(liver), s))
                .getMessage().contains("no DICOM source"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SaveSegmentation.Settings.parse("model=ct-abdomen", imp)).getMessage().contains("folder"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SaveSegmentation.Settings.parse("folder=/x", imp)).getMessage().contains("model"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SaveSegmentation.Settings.parse("folder=/x model=ct-abdomen type=auto", imp)).getMessage()
                .contains("semiautomatic or manual"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SaveSegmentation.Settings.parse("folder=/x model=ct-abdomen store=PACS@host", imp)).getMessage()
                .startsWith("store: "));
        assertTrue(!Files.exists(tmp.resolve("none")), "nothing written");
    }

    @Test
    void theCorrectedSegAndRtStructAreSentToThePacsAskedFor() throws Exception {
        ImagePlus imp = opened();
        try (org.atrous.pacs.StoreScp pacs = org.atrous.pacs.StoreScp.start(tmp.resolve("pacs"), false)) {
            SaveSegmentation.Settings s = SaveSegmentation.Settings.parse("folder=[" + tmp.resolve("sent") + "] model=ct-abdomen"
                    + " rt store=" + pacs.ae + "@127.0.0.1:" + pacs.port, imp);
            List<Path> written = SaveSegmentation.save(imp, corrected(), s);
            org.junit.jupiter.api.Assertions.assertNull(SaveSegmentation.store(s, written), "every file stored");
            assertEquals(2, pacs.files().size(), "the SEG and the RT Structure Set: " + pacs.files());
        }
        SaveSegmentation.Settings down = SaveSegmentation.Settings.parse("folder=[" + tmp.resolve("kept") + "] model=ct-abdomen"
                + " store=PACS@127.0.0.1:" + closedPort(), imp);
        List<Path> kept = SaveSegmentation.save(imp, corrected(), down);
        String notStored = SaveSegmentation.store(down, kept);
        assertTrue(notStored != null && notStored.contains("stored 0 of 1 files") && notStored.contains("cannot reach"), notStored);
        assertTrue(Files.size(kept.get(0)) > 0, "kept for a later store");
    }

    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean[] mask(LabelVolume v, int label) {
        boolean[] m = new boolean[v.labels().length];
        for (int i = 0; i < m.length; i++) m[i] = (v.labels()[i] & 0xff) == label;
        return m;
    }

    private static boolean differs(LabelVolume a, LabelVolume b) {
        int tumourA = a.classes().stream().filter(c -> c.name().equals("liver tumour")).findFirst().orElseThrow().label();
        int tumourB = b.classes().stream().filter(c -> c.name().equals("liver tumour")).findFirst().orElseThrow().label();
        return !java.util.Arrays.equals(mask(a, tumourA), mask(b, tumourB));
    }

    private static AttributeList read(Path f) throws Exception {
        AttributeList l = new AttributeList();
        l.read(f.toFile());
        return l;
    }
}
