package org.atrous.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.util.Arrays;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Overlay;
import ij.gui.Roi;
import org.atrous.pipeline.Models;
import ij.measure.ResultsTable;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.Volume;
import org.atrous.crf.CrfMode;
import org.atrous.pipeline.PipelineResult;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.LabelRois;
import org.atrous.roi.VolumeImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Segment Series command's work in this headless JVM (surefire runs with
 * java.awt.headless=true): every output on, nothing may open a window or the ROI Manager, and
 * the results are ImageJ objects as in the GUI. A slab of the sample keeps it quick. Esc
 * (cancellation) leaves the image untouched.
 */
class HeadlessSegmentTest {

    private static ImagePlus slab;
    private static Volume slabVolume;

    @BeforeAll
    static void openSlab() {
        System.setProperty("atrous.modelZoo", RealImageJ.REPO.resolve("model-zoo").toString());
        Volume ct = SampleResults.ct();
        int z0 = 19, nz = 8, size = ct.geometry().nx() * ct.geometry().ny();
        Geometry g = new Geometry(new int[] {ct.geometry().nx(), ct.geometry().ny(), nz}, ct.geometry().spacing(),
                ct.geometry().toPatient(0, 0, z0), ct.geometry().direction());
        Volume v = new Volume(Arrays.copyOfRange(ct.data(), z0 * size, (z0 + nz) * size), g, ct.identity(),
                ct.slices().subList(z0, z0 + nz), ct.window(), ct.warnings());
        slab = VolumeImages.toImagePlus(v, "slab");
        slabVolume = v;
    }

    private static SegmentSettings everything() {
        return new SegmentSettings(null, "ct-abdomen", CrfMode.OFF, 1, "all", "filled", true, true, true, "");
    }

    @Test
    void aCoronalImageIsSegmentedAsItsAxialTwin() throws Exception {
        // the slab as a coronal reformat would open: columns to the left, rows to the feet, slices to the back
        org.atrous.model.Reorientation toCoronal = org.atrous.model.Reorientation.of(slabVolume.geometry(), "LIP");
        ImagePlus coronal = VolumeImages.toImagePlus(toCoronal.toView(slabVolume), "coronal slab");
        assertEquals(8, coronal.getHeight(), "rows are the 8 axial levels");
        SegmentSettings plain = new SegmentSettings(null, "ct-abdomen", CrfMode.OFF, 1, "all", "filled", false, false,
                false, "");
        PipelineResult c = SegmentSeries.segment(coronal, plain, ProgressListener.NONE);
        PipelineResult a = SegmentSeries.segment(slab.duplicate(), plain, ProgressListener.NONE);
        assertEquals("LIP", org.atrous.model.Reorientation.code(c.labels().geometry()));
        // turned to axial for the network, the coronal image gives the axial image's labels voxel for voxel
        assertTrue(Arrays.equals(toCoronal.toView(a.labels()).labels(), c.labels().labels()));
        assertTrue(c.labels().histogram()[1] > 1000, "liver found");
    }

    @Test
    void aSelectionAndSliceRangeAreSegmentedAloneTheRestStaysBackground() throws Exception {
        ImagePlus imp = slab.duplicate();
        int w = imp.getWidth(), h = imp.getHeight();
        SegmentSettings only = new SegmentSettings(null, "ct-abdomen", CrfMode.OFF, 1, "all", "filled", false, false,
                false, "", false, false, false, false, false, "", true, "3-6");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> SegmentSeries.segment(imp, only, ProgressListener.NONE));
        assertTrue(none.getMessage().startsWith("Selection only: draw a rectangle"), none.getMessage());

        imp.setRoi(new Roi(0, 0, w / 2, h)); // the image's left half: the patient's right, where the liver lies
        PipelineResult r = SegmentSeries.segment(imp, only, ProgressListener.NONE);
        byte[] labels = r.labels().labels();
        int inside = 0;
        for (int z = 0; z < 8; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int l = labels[(z * h + y) * w + x];
                    boolean in = x < w / 2 && z >= 2 && z < 6;
                    if (!in) assertEquals(0, l, "outside the region at " + x + "," + y + "," + z);
                    else if (l == 1) inside++;
                }
            }
        }
        assertTrue(inside > 1000, "liver found within the region: " + inside);
        assertTrue(SegmentSeries.algorithm(Models.load(RealImageJ.REPO.resolve("model-zoo/ct-abdomen.json").toString()),
                only, CrfMode.OFF).description().endsWith(", segmented only within the selection's bounding rectangle of"
                + " slices 3-6"));
        assertThrows(IllegalArgumentException.class, () -> new SegmentSettings("/data", "ct-abdomen", CrfMode.OFF, 1, "all",
                "filled", false, false, false, "", false, false, false, false, false, "", false, "3-6"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SegmentSettings(null, "ct-abdomen", CrfMode.OFF,
                1, "all", "filled", false, false, false, "", false, false, false, false, false, "", false, "6-3"))
                .getMessage().contains("first-last"));
    }

    @Test
    void cancelledRunLeavesTheImageAsItWas() {
        ImagePlus imp = slab.duplicate();
        ResultsTable.getResultsTable().reset();
        ProgressListener esc = new ProgressListener() {
            @Override public boolean isCanceled() { return true; }
        };
        assertThrows(ProgressListener.Cancelled.class, () -> SegmentSeries.segment(imp, everything(), esc));
        assertNull(imp.getOverlay());
        assertEquals(0, ResultsTable.getResultsTable().size());
    }

    @Test
    void headlessRunGivesOverlayLabelsAndResults() throws Exception {
        assertTrue(GraphicsEnvironment.isHeadless());
        ImagePlus imp = slab.duplicate();
        Roi mine = new Roi(1, 1, 4, 4);
        mine.setName("my note");
        imp.setOverlay(new Overlay(mine));
        ResultsTable before = ResultsTable.getResultsTable();
        before.reset();
        before.incrementCounter();
        before.addValue("Image", "another image");
        before.addValue("Area", 12.5);
        PipelineResult r = SegmentSeries.segment(imp, everything(), ProgressListener.NONE);
        Overlay o = imp.getOverlay();
        int expected = LabelRois.toRois(r.labels(), true).size();
        assertTrue(expected > 5, "ROIs on the slab: " + expected);
        assertEquals(expected + 1, o.size(), "our ROIs added, the user's kept");
        assertEquals("my note", o.get(0).getName());
        for (int i = 1; i < o.size(); i++) {
            assertTrue(o.get(i).getName().matches(".+ #\\d+ z\\d+"), o.get(i).getName());
            assertTrue(o.get(i).getFillColor() != null, "filled");
        }
        SegmentSeries.segment(imp, everything(), ProgressListener.NONE);
        assertEquals(expected + 1, imp.getOverlay().size(), "a second run replaces our ROIs only");

        ImagePlus labels = WindowManager.getCurrentImage();
        assertEquals(imp.getTitle() + "-labels", labels.getTitle());
        assertEquals(8, labels.getBitDepth());
        assertEquals(221, labels.getProcessor().getLut().getRed(1), "liver's colour from the model card");
        ResultsTable rt = ResultsTable.getResultsTable();
        assertEquals(1 + 7, rt.size(), "the user's row kept, a second run replaces our 7 rows");
        assertEquals("another image", rt.getStringValue("Image", 0));
        assertEquals(12.5, rt.getValue("Area", 0), 0);
        assertEquals("liver", rt.getStringValue("Class", 1));
        assertEquals(r.measurements().get(0).volumeMl(), rt.getValue("Volume (mL)", 1), 1e-9);
    }

    @Test
    void headlessComponentsTableGoesToTheLogAsCsv() throws Exception {
        ImagePlus imp = slab.duplicate();
        SegmentSettings s = new SegmentSettings(null, "ct-abdomen", CrfMode.OFF, 1, "liver", "none", false, false,
                false, "", true, false, true, false);
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        PipelineResult r;
        try {
            r = SegmentSeries.segment(imp, s, ProgressListener.NONE);
        } finally {
            System.setOut(out);
        }
        String text = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains(org.atrous.roi.MeasurementCsv.COMPONENT_HEADER), text);
        long liverRows = text.lines().filter(l -> l.matches("\\d+,liver,\\d+,.*")).count();
        assertEquals(r.measurements().get(0).components(), liverRows, "one row per liver component, only the shown class");
        assertTrue(text.lines().noneMatch(l -> l.contains(",spleen,")), "spleen not shown");
    }

    @Test
    void theSegFolderGetsTheProbabilitiesAsAFractionalSegToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out)
            throws Exception {
        ImagePlus imp = slab.duplicate();
        imp.setTitle("slab");
        SourceSeries.remember(imp, slabVolume, SampleResults.SAMPLE.resolve("ct")); // as Open DICOM Series does
        SegmentSettings s = new SegmentSettings(null, "ct-abdomen", CrfMode.OFF, 1, "all", "none", false, false,
                false, out.toString(), true, false, false, true);
        PipelineResult r = SegmentSeries.segment(imp, s, ProgressListener.NONE);
        java.nio.file.Path prob = out.resolve("slab-probabilities-seg.dcm");
        assertTrue(java.nio.file.Files.exists(out.resolve("slab-seg.dcm")));
        java.nio.file.Path sr = out.resolve("slab-measurements-sr.dcm");
        assertEquals(java.util.List.of(), org.atrous.dicom.Dciodvfy.errors(sr), org.atrous.dicom.Dciodvfy.report(sr));
        assertEquals(java.util.List.of(), org.atrous.dicom.Dciodvfy.errors(prob), org.atrous.dicom.Dciodvfy.report(prob));
        byte[] atHalf = org.atrous.dicom.SegReader.read(prob, r.image()).labels();
        long over = 0;
        for (byte b : atHalf) if (b != 0) over++;
        assertTrue(over > 1000, "voxels over half: " + over);
    }
    @Test
    void lesionsBecomeSegmentsOfTheirOwnWhenAsked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out) throws Exception {
        ImagePlus imp = slab.duplicate();
        imp.setTitle("slab");
        SourceSeries.remember(imp, slabVolume, SampleResults.SAMPLE.resolve("ct"));
        SegmentSettings s = new SegmentSettings(null, "ct-abdomen", CrfMode.OFF, 1, "all", "none", false, false,
                false, out.toString(), true, true, false, false, true);
        PipelineResult r = SegmentSeries.segment(imp, s, ProgressListener.NONE);
        org.atrous.dicom.LabelVolume split = org.atrous.roi.LesionSegments.split(r.labels());
        java.util.List<String> expected = split.classes().stream().map(org.atrous.dicom.SegmentClass::name).sorted().toList();
        org.atrous.dicom.LabelVolume back = org.atrous.dicom.SegReader.read(out.resolve("slab-seg.dcm"), r.image());
        assertEquals(expected, back.classes().stream().map(org.atrous.dicom.SegmentClass::name).sorted().toList());
        assertTrue(expected.contains("liver tumour #1"), "the sample's slab holds a tumour: " + expected);
        assertTrue(!expected.contains("liver tumour"), "every tumour voxel is in a lesion segment");
        java.nio.file.Path sr = out.resolve("slab-measurements-sr.dcm");
        assertEquals(java.util.List.of(), org.atrous.dicom.Dciodvfy.errors(sr), org.atrous.dicom.Dciodvfy.report(sr));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SegmentSettings(null, "ct-abdomen", CrfMode.OFF, 1,
                "all", "none", false, false, false, "", true, true, false, false, true)).getMessage().contains("dicom="),
                "lesion segments without a SEG folder");
    }

    @Test
    void theSegFolderIsSentToThePacsAskedForAfterTheResultsAreShown(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out)
            throws Exception {
        ImagePlus imp = slab.duplicate();
        imp.setTitle("slab");
        SourceSeries.remember(imp, slabVolume, SampleResults.SAMPLE.resolve("ct"));
        try (org.atrous.pacs.StoreScp pacs = org.atrous.pacs.StoreScp.start(out.resolve("pacs"), false)) {
            SegmentSettings s = new SegmentSettings(null, "ct-abdomen", CrfMode.OFF, 1, "all", "filled", false, false,
                    false, out.resolve("sent").toString(), true, false, false, false, false,
                    pacs.ae + "@127.0.0.1:" + pacs.port);
            SegmentSeries.segment(imp, s, ProgressListener.NONE);
            assertEquals(2, pacs.files().size(), "the SEG and its measurement SR: " + pacs.files());
        }
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ImagePlus again = slab.duplicate();
        again.setTitle("again");
        SourceSeries.remember(again, slabVolume, SampleResults.SAMPLE.resolve("ct"));
        SegmentSettings down = new SegmentSettings(null, "ct-abdomen", CrfMode.OFF, 1, "all", "filled", false, false,
                false, out.resolve("kept").toString(), true, false, false, false, false, "PACS@127.0.0.1:" + closed);
        String why = assertThrows(java.io.IOException.class, () -> SegmentSeries.segment(again, down, ProgressListener.NONE))
                .getMessage();
        assertTrue(why.contains("stored 0 of 2 files") && why.contains("bin/atrous store"), why);
        assertTrue(again.getOverlay() != null && again.getOverlay().size() > 0, "the results are shown all the same");
        assertTrue(java.nio.file.Files.size(out.resolve("kept/again-seg.dcm")) > 0, "kept for a later store");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SegmentSettings(null, "ct-abdomen", CrfMode.OFF, 1,
                "all", "none", false, false, false, "", true, false, false, false, false, "PACS@host:104")).getMessage()
                .contains("dicom="), "a PACS without a SEG folder");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SegmentSettings(null, "ct-abdomen", CrfMode.OFF, 1,
                "all", "none", false, false, false, out.toString(), true, false, false, false, false, "PACS@host"))
                .getMessage().startsWith("store: "), "a malformed node");
    }
}
