package org.atrous.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.gui.Roi;
import org.atrous.dicom.Dciodvfy;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegReader;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;
import org.atrous.model.ModelCard;
import org.atrous.roi.LabelRois;
import org.atrous.roi.RoiLabels;
import org.atrous.roi.RoiZip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ImageJ runs macros/save_corrected_segmentation.ijm with {@code -batch}: a corrected ROI
 * set of the bundled sample goes through Save Segmentation as DICOM... from the menu, with the
 * macro's options, and comes out as a SEG and an RT Structure Set on the sample's series.
 */
class SaveCorrectedMacroTest {

    @TempDir Path tmp;

    @Test
    void aCorrectedRoiSetBecomesASegFromAMacro() throws Exception {
        Volume ct = SampleResults.ct();
        List<Roi> rois = new ArrayList<>(LabelRois.toRois(SampleResults.truth(ct), true));
        rois.removeIf(r -> r.getName().startsWith("spleen")); // a reader deleted the spleen
        Path zip = tmp.resolve("rois.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            RoiZip.write(rois, out);
        }
        Path out = tmp.resolve("corrected");
        RealImageJ.Result r = RealImageJ.macro(tmp.resolve("ImageJ"), "save_corrected_segmentation.ijm",
                "input=" + SampleResults.SAMPLE.resolve("ct") + " rois=" + zip + " out=" + out + " creator=[Doe^Jane]", 300);
        assertTrue(r.output().contains("saved " + rois.size() + " ROIs"), RealImageJ.tail(r.output()));
        assertEquals(0, r.exitCode());

        List<Path> files;
        try (var s = Files.list(out)) {
            files = s.sorted().toList();
        }
        assertEquals(2, files.size(), files.toString());
        Path seg = files.stream().filter(p -> p.toString().endsWith("-semiautomatic-seg.dcm")).findFirst().orElseThrow();
        Path rt = files.stream().filter(p -> p.toString().endsWith("-semiautomatic-rtstruct.dcm")).findFirst().orElseThrow();
        List<SegmentClass> classes = ModelCard.read(RealImageJ.REPO.resolve("model-zoo/ct-abdomen.json")).classes();
        LabelVolume expected = RoiLabels.fromRois(rois, ct.geometry(), classes);
        LabelVolume back = SegReader.read(seg, ct);
        assertEquals(6, back.classes().size(), "every class but the deleted spleen: " + back.classes());
        for (SegmentClass c : back.classes()) {
            int label = classes.stream().filter(m -> m.name().equals(c.name())).findFirst().orElseThrow().label();
            byte[] a = new byte[expected.labels().length], b = new byte[a.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = (byte) (expected.labels()[i] == label ? 1 : 0);
                b[i] = (byte) ((back.labels()[i] & 0xff) == c.label() ? 1 : 0);
            }
            assertArrayEquals(a, b, c.name());
        }
        // the outlines follow pixel edges, so the ROIs give back the ground truth exactly, spleen aside
        LabelVolume truth = SampleResults.truth(ct);
        for (int label = 1; label <= 7; label++) {
            double d = SampleResults.dice(expected.labels(), truth.labels(), label);
            assertEquals(label == 3 ? 0 : 1, d, 1e-9, "label " + label);
        }
        assertEquals(List.of(), Dciodvfy.errors(seg), Dciodvfy.report(seg));
        assertEquals(List.of(), Dciodvfy.errors(rt), Dciodvfy.report(rt));
    }

    @Test
    void aSegOpenedOnItsSeriesIsSavedAgainFromAMacro() throws Exception {
        Volume ct = SampleResults.ct();
        Path out = tmp.resolve("again");
        RealImageJ.Result r = RealImageJ.macro(tmp.resolve("ImageJ"), "save_corrected_segmentation.ijm",
                "input=" + SampleResults.SAMPLE.resolve("ct") + " seg=" + SampleResults.SAMPLE.resolve("seg.dcm")
                        + " out=" + out + " type=manual", 300);
        assertTrue(r.output().contains("saved "), RealImageJ.tail(r.output()));
        assertEquals(0, r.exitCode());
        Path seg;
        try (var s = Files.list(out)) {
            seg = s.filter(p -> p.toString().endsWith("-manual-seg.dcm")).findFirst().orElseThrow();
        }
        // Open DICOM SEG put the sample's SEG into the ROI Manager; saved again, it is the same voxels
        assertArrayEquals(SampleResults.truth(ct).labels(), SegReader.read(seg, ct).labels());
    }

    @Test
    void aPlanningSystemsStructureSetBecomesASegFromAMacro() throws Exception {
        Volume ct = SampleResults.ct();
        Path rt = tmp.resolve("RS.plan.dcm");
        org.atrous.dicom.RtStructWriter.write(ct, org.atrous.roi.LabelContours.of(SampleResults.truth(ct)),
                new org.atrous.dicom.SegmentationAlgorithm(true, "TPS", "1", "contoured"), rt);
        Path out = tmp.resolve("from-rt");
        RealImageJ.Result r = RealImageJ.macro(tmp.resolve("ImageJ"), "save_corrected_segmentation.ijm",
                "input=" + SampleResults.SAMPLE.resolve("ct") + " seg=" + rt + " out=" + out + " type=manual", 300);
        assertTrue(r.output().contains("saved "), RealImageJ.tail(r.output()));
        assertEquals(0, r.exitCode());
        Path seg;
        try (var s = Files.list(out)) {
            seg = s.filter(p -> p.toString().endsWith("-manual-seg.dcm")).findFirst().orElseThrow();
        }
        assertArrayEquals(SampleResults.truth(ct).labels(), SegReader.read(seg, ct).labels(), "the contours, voxel for voxel");
        assertEquals(List.of(), Dciodvfy.errors(seg), Dciodvfy.report(seg));
    }
    @Test
    void roiManagerRoisDrawnOnAnotherImageAreLeftOut() throws Exception {
        Volume ct = SampleResults.ct();
        Path out = tmp.resolve("mixed");
        Path macro = tmp.resolve("mixed.ijm");
        Files.writeString(macro, String.join("\n",
                "setBatchMode(true);",
                "run(\"Open DICOM Series...\", \"folder=[" + SampleResults.SAMPLE.resolve("ct") + "] series=1\");",
                "series = getImageID();",
                "roiManager(\"reset\");",
                "newImage(\"other\", \"16-bit black\", 256, 256, 48);",
                "setSlice(20); makeRectangle(10, 10, 40, 40); Roi.setName(\"spleen\"); roiManager(\"add\");",
                "selectImage(series);",
                "setSlice(24); makeRectangle(100, 100, 30, 20); Roi.setName(\"liver\"); roiManager(\"add\");",
                "run(\"Save Segmentation as DICOM...\", \"folder=[" + out + "] model=ct-abdomen rois=[ROI Manager] type=manual\");",
                "print(\"done\");", ""));
        RealImageJ.Result r = RealImageJ.macro(tmp.resolve("ImageJ"), macro.toString(), "", 300);
        assertTrue(r.output().contains("left out 1 ROI Manager ROIs drawn on other images"), RealImageJ.tail(r.output()));
        assertTrue(r.output().contains("done"), RealImageJ.tail(r.output()));
        Path seg;
        try (var s = Files.list(out)) {
            seg = s.filter(p -> p.toString().endsWith("-manual-seg.dcm")).findFirst().orElseThrow();
        }
        LabelVolume back = SegReader.read(seg, ct);
        assertEquals(List.of("liver"), back.classes().stream().map(SegmentClass::name).toList(),
                "only the ROI drawn on the series; the other image's spleen is left out");
        int liver = 0;
        for (byte b : back.labels()) if (b != 0) liver++;
        assertEquals(30 * 20, liver, "the liver rectangle on one slice");
    }
}
