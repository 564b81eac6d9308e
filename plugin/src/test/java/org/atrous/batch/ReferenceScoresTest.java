package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.atrous.dicom.CodedConcept;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.RtStructWriter;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.SegmentationAlgorithm;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.LabelContours;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceScoresTest {

    @Test
    void eachReferenceIsScoredOrSaysWhyNotAndTheRunGathersThem(@TempDir Path dir) throws Exception {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(95, 128, 6, 0, 5, 5, 1, 15, false), ProgressListener.NONE);
        Path rt = dir.resolve("RS.planner.dcm");
        RtStructWriter.write(p.ct(), LabelContours.of(p.labels()), new SegmentationAlgorithm(true, "TPS", "1", "x"), rt);
        Path broken = dir.resolve("broken.dcm");
        byte[] bytes = Files.readAllBytes(rt);
        Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path series = Files.createDirectories(dir.resolve("out/series/1.2.3"));

        List<String> notes = ReferenceScores.score(p.ct(), p.labels(), List.of(rt.toString(), broken.toString()), series);
        assertEquals(2, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("vs RS.planner.dcm: liver 1.000, liver tumour 1.000, spleen 1.000"), notes.get(0));
        assertTrue(notes.get(1).startsWith("reference broken.dcm not scored: "), notes.get(1));
        List<String> rows = Files.readAllLines(series.resolve(ReferenceScores.FILE));
        assertEquals(1 + p.labels().classes().size(), rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("RS.planner.dcm,liver,1.0000,0.00,0.00,"), rows.get(1));

        Files.createDirectories(dir.resolve("out/series/9.8.7")); // a series without references
        Path run = dir.resolve("out/" + ReferenceScores.FILE);
        assertTrue(ReferenceScores.gather(dir.resolve("out/series"), run));
        List<String> all = Files.readAllLines(run);
        assertEquals("series,case,class,dice,hd95_mm,assd_mm,overlap_voxels,predicted_voxels,reference_voxels", all.get(0));
        assertEquals(rows.size(), all.size());
        assertTrue(all.get(1).startsWith("1.2.3,RS.planner.dcm,liver,"), all.get(1));
        assertFalse(ReferenceScores.gather(dir.resolve("nothing"), dir.resolve("none.csv")));
    }

    @Test
    void aStructureSetNamedAfterTg263IsScoredAgainstTheModelsClasses(@TempDir Path dir) throws Exception {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(96, 128, 6, 0, 5, 5, 1, 15, false), ProgressListener.NONE);
        java.util.Map<String, String> tg263 = java.util.Map.of("liver", "Liver", "spleen", "Spleen",
                "right kidney", "Kidney_R", "left kidney", "Kidney_L", "aorta", "A_Aorta", "portal vein", "V_Portal");
        List<SegmentClass> renamed = p.labels().classes().stream().map(c -> new SegmentClass(c.label(),
                tg263.getOrDefault(c.name(), c.name()), c.rgb(), c.category(), new CodedConcept("", "", ""))).toList();
        Path rt = dir.resolve("RS.tg263.dcm");
        RtStructWriter.write(p.ct(), LabelContours.of(new LabelVolume(p.labels().labels(), p.labels().geometry(), renamed)),
                new SegmentationAlgorithm(true, "TPS", "1", "x"), rt);
        Path series = Files.createDirectories(dir.resolve("out/series/1.2.4"));

        List<String> notes = ReferenceScores.score(p.ct(), p.labels(), List.of(rt.toString()), series);
        assertTrue(notes.get(0).startsWith("vs RS.tg263.dcm: liver 1.000, liver tumour 1.000, spleen 1.000, right kidney 1.000, "
                + "left kidney 1.000, aorta 1.000, portal vein 1.000"), notes.get(0));
    }
}
