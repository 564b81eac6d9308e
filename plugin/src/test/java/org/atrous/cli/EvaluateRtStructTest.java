package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.atrous.dicom.CtSeriesWriter;
import org.atrous.dicom.RtStructWriter;
import org.atrous.dicom.SegWriter;
import org.atrous.dicom.SegmentationAlgorithm;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.LabelContours;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --dicom} scores against an RT Structure Set as against the same labels as a SEG. */
class EvaluateRtStructTest {

    private static String evaluate(Path cases, String... more) {
        return evaluateAs("--dicom", cases, more);
    }

    private static String evaluateAs(String source, Path cases, String... more) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            List<String> args = new java.util.ArrayList<>(List.of("evaluate", "--model", "../model-zoo/ct-abdomen.json",
                    source, cases.toString(), "--crf", "off", "--region-zoom", "0"));
            args.addAll(List.of(more));
            assertEquals(0, AtrousCli.commandLine().execute(args.toArray(String[]::new)));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static List<String> meanDice(String text) {
        return text.lines().filter(l -> l.startsWith("mean dice ")).toList();
    }

    @Test
    void anRtStructureSetIsAReferenceLikeASeg(@TempDir Path dir) throws Exception {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(71, 128, 6, 0, 5, 5, 1, 15, false), ProgressListener.NONE);
        SegmentationAlgorithm planner = new SegmentationAlgorithm(false, "planner", "manual", "test");
        java.nio.file.Files.createDirectories(dir.resolve("rt"));
        java.nio.file.Files.createDirectories(dir.resolve("seg"));
        CtSeriesWriter.write(p.ct(), dir.resolve("rt/case"), "", ProgressListener.NONE);
        RtStructWriter.write(p.ct(), LabelContours.of(p.labels()), planner, dir.resolve("rt/case/rtstruct.dcm"));
        CtSeriesWriter.write(p.ct(), dir.resolve("seg/case"), "", ProgressListener.NONE);
        SegWriter.write(p.labels(), p.ct(), planner, SegWriter.Target.fresh(900, "reference"), dir.resolve("seg/case/seg.dcm"));
        List<String> byRt = meanDice(evaluate(dir.resolve("rt"))), bySeg = meanDice(evaluate(dir.resolve("seg")));
        assertEquals(7, bySeg.size(), bySeg.toString());
        assertEquals(bySeg, byRt);
        assertTrue(byRt.contains(bySeg.get(0)) && bySeg.get(0).startsWith("mean dice liver: 0.9"), bySeg.toString());
        // the same folders read as an archive: the structure set found with its series by UID
        assertEquals(byRt, meanDice(evaluateAs("--archive", dir.resolve("rt"))));
        // ROIs named as an institution names them, mapped onto the model's classes
        List<String> renamed = meanDice(evaluate(dir.resolve("rt"), "--class-names", "LIVER=liver,SPLEEN"));
        assertEquals(List.of(bySeg.get(0), bySeg.stream().filter(l -> l.startsWith("mean dice spleen")).findFirst()
                .orElseThrow()), renamed);
    }
}
