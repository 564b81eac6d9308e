package org.atrous.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import org.atrous.dicom.Dciodvfy;
import org.atrous.dicom.SegReader;
import org.atrous.dicom.SegmentationAlgorithm;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.RoiLabels;
import org.atrous.roi.RoiZip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesOutputsTest {

    @Test
    void everyOutputIsWrittenValidAndReadsBackToTheLabels(@TempDir Path dir) throws Exception {
        Phantom ph = AbdomenPhantom.generate(new PhantomOptions(3, 128, 10, 0, 8, 8, 2, 15, false), ProgressListener.NONE);
        PipelineResult r = TruthResults.of(ph);
        Path out = dir.resolve("series1");
        SeriesOutputs.write(r, new SegmentationAlgorithm(false, "Atrous", "test", "test"),
                EnumSet.complementOf(EnumSet.of(OutputKind.PROBABILITY_SEG_UNCOMPRESSED)), out);
        for (OutputKind k : OutputKind.values()) assertTrue(Files.size(out.resolve(k.fileName())) > 0, k.fileName());
        try (var s = Files.list(dir)) {
            assertEquals(List.of(out), s.toList(), "no temporary folder is left behind");
        }
        assertArrayEquals(ph.labels().labels(), SegReader.read(out.resolve("seg.dcm"), ph.ct()).labels());
        assertArrayEquals(ph.labels().labels(), RoiLabels.fromRois(RoiZip.read(out.resolve("rois.zip")),
                ph.ct().geometry(), ph.labels().classes()).labels());
        assertEquals(List.of(), Dciodvfy.errors(out.resolve("rtstruct.dcm")), Dciodvfy.report(out.resolve("rtstruct.dcm")));
        // the measurement report references the SEG written beside it, segment by segment
        Path sr = out.resolve("measurements-sr.dcm");
        assertEquals(List.of(), Dciodvfy.errors(sr), Dciodvfy.report(sr));
        com.pixelmed.dicom.AttributeList seg = new com.pixelmed.dicom.AttributeList();
        seg.read(out.resolve("seg.dcm").toString());
        String segUid = com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(seg, com.pixelmed.dicom.TagFromName.SOPInstanceUID);
        com.pixelmed.dicom.AttributeList report = new com.pixelmed.dicom.AttributeList();
        report.read(sr.toString());
        var root = (com.pixelmed.dicom.ContentItem) new com.pixelmed.dicom.StructuredReport(report).getRoot();
        var groups = root.getNamedChild("DCM", "126010");
        assertEquals(ph.labels().classes().size(), groups.getChildCount(), "every class of the phantom is present");
        for (int i = 0; i < groups.getChildCount(); i++) {
            var g = (com.pixelmed.dicom.ContentItem) groups.getChildAt(i);
            assertEquals(segUid, g.getNamedChild("DCM", "121191").getReferencedSOPInstanceUID());
        }
        List<String> csv = Files.readAllLines(out.resolve("stats.csv"));
        assertEquals(ph.labels().classes().size() + 1, csv.size());
    }

    @Test
    void aSingleSliceSeriesGetsEveryOutputToo(@TempDir Path dir) throws Exception {
        Phantom ph = AbdomenPhantom.generate(new PhantomOptions(4, 128, 1, 0, 8, 8, 0, 15, false), ProgressListener.NONE);
        Path out = dir.resolve("one");
        SeriesOutputs.write(TruthResults.of(ph), new SegmentationAlgorithm(false, "Atrous", "test", "test"),
                EnumSet.complementOf(EnumSet.of(OutputKind.PROBABILITY_SEG_UNCOMPRESSED)), out);
        for (OutputKind k : OutputKind.values()) {
            if (k != OutputKind.PROBABILITY_SEG_UNCOMPRESSED) assertTrue(Files.size(out.resolve(k.fileName())) > 0, k.fileName());
        }
        ij.ImagePlus tif = ij.IJ.openImage(out.resolve("image.tif").toString());
        assertEquals(1, tif.getStackSize());
        assertTrue(tif.getOverlay() != null && tif.getOverlay().size() > 0, "the ROIs travel as its overlay");
        assertArrayEquals(ph.labels().labels(), SegReader.read(out.resolve("seg.dcm"), ph.ct()).labels());
    }

    @Test
    void theProbabilitySegIsWrittenUncompressedOnRequestWithTheSameFrames(@TempDir Path dir) throws Exception {
        Phantom ph = AbdomenPhantom.generate(new PhantomOptions(4, 128, 6, 0, 8, 8, 1, 15, false), ProgressListener.NONE);
        PipelineResult r = TruthResults.of(ph);
        SegmentationAlgorithm algo = new SegmentationAlgorithm(false, "Atrous", "test", "test");
        Path deflated = dir.resolve("deflated"), plain = dir.resolve("plain");
        SeriesOutputs.write(r, algo, EnumSet.of(OutputKind.PROBABILITY_SEG), deflated);
        SeriesOutputs.write(r, algo, OutputKind.uncompressedProbabilitySeg(EnumSet.of(OutputKind.PROBABILITY_SEG)), plain);
        Path a = deflated.resolve("probabilities-seg.dcm"), b = plain.resolve("probabilities-seg.dcm");
        assertTrue(Dciodvfy.deflated(a));
        assertFalse(Dciodvfy.deflated(b), "Explicit VR Little Endian");
        assertEquals(List.of(), Dciodvfy.errors(b), Dciodvfy.report(b));
        assertTrue(Files.size(b) > 10 * Files.size(a), Files.size(b) + " against " + Files.size(a) + " bytes");
        assertArrayEquals(pixels(a), pixels(b), "the same frames either way");

        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> SeriesOutputs.write(r, algo,
                EnumSet.of(OutputKind.PROBABILITY_SEG, OutputKind.PROBABILITY_SEG_UNCOMPRESSED), dir.resolve("both")));
        assertTrue(both.getMessage().contains("name one"), both.getMessage());
        assertFalse(Files.exists(dir.resolve("both")));
    }

    @Test
    void withLesionSegmentsEachTumourIsASegmentAnRtRoiAndAnSrGroup(@TempDir Path dir) throws Exception {
        Phantom ph = AbdomenPhantom.generate(new PhantomOptions(21, 128, 14, 0, 6, 6, 3, 15, false), ProgressListener.NONE);
        PipelineResult r = TruthResults.of(ph);
        Path out = dir.resolve("lesions");
        SeriesOutputs.write(r, new SegmentationAlgorithm(false, "Atrous", "test", "test"),
                EnumSet.of(OutputKind.SEG, OutputKind.SR, OutputKind.RTSTRUCT, OutputKind.NIFTI), out, true);
        org.atrous.dicom.LabelVolume split = org.atrous.roi.LesionSegments.split(ph.labels());
        int lesions = split.classes().size() - (ph.labels().classes().size() - 1);
        assertTrue(lesions >= 2, "the phantom's separate tumours: " + lesions);
        for (String f : List.of("seg.dcm", "measurements-sr.dcm", "rtstruct.dcm")) {
            assertEquals(List.of(), Dciodvfy.errors(out.resolve(f)), Dciodvfy.report(out.resolve(f)));
        }
        String templates = org.atrous.dicom.SrValidator.report(out.resolve("measurements-sr.dcm"));
        assertTrue(templates.contains("Found Root Template TID_1500") && !templates.contains("Error"), templates);
        // the SEG holds one segment per lesion, voxel for voxel; the NIfTI keeps the classes
        org.atrous.dicom.LabelVolume back = SegReader.read(out.resolve("seg.dcm"), ph.ct());
        assertEquals(split.classes().size(), back.classes().size());
        for (org.atrous.dicom.SegmentClass c : split.classes()) {
            org.atrous.dicom.SegmentClass b = back.classes().stream().filter(x -> x.name().equals(c.name())).findFirst()
                    .orElseThrow(() -> new AssertionError(c.name()));
            assertEquals(split.histogram()[c.label()], back.histogram()[b.label()], c.name());
        }
        com.pixelmed.dicom.AttributeList sr = new com.pixelmed.dicom.AttributeList();
        sr.read(out.resolve("measurements-sr.dcm").toString());
        var groups = ((com.pixelmed.dicom.ContentItem) new com.pixelmed.dicom.StructuredReport(sr).getRoot())
                .getNamedChild("DCM", "126010");
        assertEquals(split.classes().size(), groups.getChildCount(), "one measurement group per segment");
    }

    private static byte[] pixels(Path seg) throws Exception {
        com.pixelmed.dicom.AttributeList l = new com.pixelmed.dicom.AttributeList();
        l.read(seg.toString());
        return l.get(com.pixelmed.dicom.TagFromName.PixelData).getByteValues();
    }
}
