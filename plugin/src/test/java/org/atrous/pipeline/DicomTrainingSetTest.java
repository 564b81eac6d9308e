package org.atrous.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.atrous.dicom.CtSeriesWriter;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.RtStructWriter;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.SegmentationAlgorithm;
import org.atrous.dicom.StructureContours;
import org.atrous.model.train.TrainingCase;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.LabelContours;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Case folders labelled by RT Structure Sets, as radiotherapy archives hold expert contours. */
class DicomTrainingSetTest {

    private static final SegmentationAlgorithm ALGO = new SegmentationAlgorithm(false, "planner", "manual", "test");

    private static Phantom phantom(long seed) {
        return AbdomenPhantom.generate(new PhantomOptions(seed, 128, 6, 0, 5, 5, 1, 15, false), ProgressListener.NONE);
    }

    /** The phantom's contours with every ROI name in capitals, as some planning systems write them. */
    private static List<StructureContours> shouted(LabelVolume labels) {
        List<StructureContours> out = new ArrayList<>();
        for (StructureContours s : LabelContours.of(labels)) {
            SegmentClass c = s.segmentClass();
            out.add(new StructureContours(new SegmentClass(c.label(), c.name().toUpperCase(Locale.ROOT).replace(' ', '_'),
                    c.rgb(), c.category(), c.type()), s.contours()));
        }
        // and an outline of the body, which the first case's structure set does not have
        out.add(new StructureContours(new SegmentClass(9, "BODY", new int[] {0, 255, 0}, SegmentClass.ANATOMICAL_STRUCTURE,
                new org.atrous.dicom.CodedConcept("", "", "BODY")), List.of(new org.atrous.dicom.PlanarContour(0,
                new double[] {1, 1, 127, 1, 127, 127, 1, 127}))));
        return out;
    }


    @Test
    void rtStructureSetsLabelCasesAndLaterCasesAreMatchedByName(@TempDir Path dir) throws Exception {
        Phantom a = phantom(61), b = phantom(62);
        CtSeriesWriter.write(a.ct(), dir.resolve("case1"), "", ProgressListener.NONE);
        RtStructWriter.write(a.ct(), LabelContours.of(a.labels()), ALGO, dir.resolve("case1/rtstruct.dcm"));
        CtSeriesWriter.write(b.ct(), dir.resolve("case2"), "", ProgressListener.NONE);
        RtStructWriter.write(b.ct(), shouted(b.labels()), ALGO, dir.resolve("case2/contours-export.dcm"));
        Files.createDirectories(dir.resolve("case3"));
        List<String> log = new ArrayList<>();
        ProgressListener l = new ProgressListener() {
            @Override public void progress(String stage, double fraction) { }
            @Override public void log(String message) { log.add(message); }
        };

        List<TrainingCase> cases = DicomCases.folders(dir, null, l);
        assertEquals(List.of("case1", "case2"), cases.stream().map(TrainingCase::id).toList());
        assertArrayEquals(a.labels().labels(), cases.get(0).labels().labels());
        // LIVER_TUMOUR is "liver tumour" with its case and underscore aside: the same labels
        assertArrayEquals(b.labels().labels(), cases.get(1).labels().labels());
        assertEquals(cases.get(0).labels().classes().stream().map(SegmentClass::name).toList(),
                cases.get(1).labels().classes().stream().map(SegmentClass::name).toList());
        assertTrue(log.stream().anyMatch(m -> m.startsWith("classes from ") && m.contains("[liver, liver tumour, spleen")),
                log.toString());
        assertTrue(log.contains("skipped " + dir.resolve("case3") + ": no seg.dcm, no RT Structure Set and no label map (NRRD, NIfTI)"),
                log.toString());
        assertTrue(log.stream().anyMatch(m -> m.startsWith("contours-export.dcm: ROI(s) [BODY] are none of the classes [liver, ")
                && m.endsWith("taken from the first structure set: left out (name every class to keep them)")), log.toString());

        List<TrainingCase> two = DicomCases.folders(dir, List.of("spleen", "liver"), ProgressListener.NONE);
        assertEquals(List.of("spleen", "liver"), two.get(1).labels().classes().stream().map(SegmentClass::name).toList());
        int spleen = a.labels().classes().stream().filter(c -> c.name().equals("spleen")).findFirst().orElseThrow().label();
        assertEquals(a.labels().histogram()[spleen], two.get(0).labels().histogram()[1]);
        assertEquals(a.labels().histogram()[1], two.get(0).labels().histogram()[2], "the liver without its tumour, a hole in it");
        long others = 0;
        for (byte v : two.get(0).labels().labels()) if (v > 2) others++;
        assertEquals(0, others, "the ROIs not named are left out");
    }

    /** A case labelled in 3D Slicer: its segmentation saved as NRRD beside the series, named by Slicer's metadata. */
    @Test
    void aSlicerLabelMapLabelsItsCase(@TempDir Path dir) throws Exception {
        Phantom a = phantom(63);
        CtSeriesWriter.write(a.ct(), dir.resolve("case1"), "", ProgressListener.NONE);
        org.atrous.dicom.Geometry g = a.ct().geometry();
        StringBuilder h = new StringBuilder("NRRD0004\ntype: unsigned char\ndimension: 3\nspace: left-posterior-superior\n");
        h.append("sizes: ").append(g.nx()).append(' ').append(g.ny()).append(' ').append(g.nz()).append('\n');
        h.append("space directions:");
        for (int axis = 0; axis < 3; axis++) {
            h.append(" (");
            for (int c = 0; c < 3; c++) h.append(c > 0 ? "," : "").append(g.direction()[3 * axis + c] * g.spacing()[axis]);
            h.append(')');
        }
        h.append("\nencoding: raw\nspace origin: (").append(g.origin()[0]).append(',').append(g.origin()[1]).append(',')
                .append(g.origin()[2]).append(")\n");
        for (SegmentClass c : a.labels().classes()) {
            int k = c.label() - 1;
            h.append("Segment").append(k).append("_Name:=").append(c.name()).append("\nSegment").append(k)
                    .append("_LabelValue:=").append(c.label()).append("\nSegment").append(k).append("_Layer:=0\n");
        }
        h.append('\n');
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(h.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(a.labels().labels());
        Files.write(dir.resolve("case1/Segmentation.seg.nrrd"), out.toByteArray());

        List<TrainingCase> cases = DicomCases.folders(dir, null, ProgressListener.NONE);
        assertEquals(1, cases.size());
        assertArrayEquals(a.labels().labels(), cases.get(0).labels().labels());
        assertEquals(a.labels().classes().stream().map(SegmentClass::name).toList(),
                cases.get(0).labels().classes().stream().map(SegmentClass::name).toList());
    }
}
