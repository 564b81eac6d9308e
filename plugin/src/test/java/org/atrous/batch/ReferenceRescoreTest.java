package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

import org.atrous.crf.CrfMode;
import org.atrous.dicom.RtStructWriter;
import org.atrous.dicom.SegmentationAlgorithm;
import org.atrous.model.ModelStore;
import org.atrous.phantom.Phantom;
import org.atrous.pipeline.Models;
import org.atrous.pipeline.OutputKind;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.LabelContours;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contours added to an archive after its series were segmented are scored on the next run from
 * the stored labels, without segmenting again; a third run finds nothing new to score.
 */
class ReferenceRescoreTest {

    @Test
    void aStructureSetAddedLaterIsScoredWithoutSegmentingAgain(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive"), out = dir.resolve("out");
        Phantom p = TestArchive.ct(601, archive.resolve("ct"), 4);
        String uid = p.ct().identity().seriesInstanceUid();
        ModelStore.LoadedModel model = Models.load(BatchArchiveTest.MODEL.toString());
        BatchOptions options = new BatchOptions(CrfMode.OFF, 5, "", 1,
                EnumSet.of(OutputKind.SEG, OutputKind.NIFTI, OutputKind.STATS), 4);
        BatchRunner runner = new BatchRunner(1, false, 1L << 30);
        assertEquals(Status.DONE, runner.run(List.of(archive), out, model, options, ProgressListener.NONE).rows().stream()
                .filter(o -> o.seriesUid().equals(uid)).findFirst().orElseThrow().status());
        Path series = SeriesProcessor.outputDir(out, uid);
        assertFalse(Files.exists(series.resolve(ReferenceScores.FILE)), "no references yet");
        long segmented = Files.getLastModifiedTime(series.resolve("seg.dcm")).toMillis();

        Files.createDirectories(archive.resolve("rt"));
        RtStructWriter.write(p.ct(), LabelContours.of(p.labels()), new SegmentationAlgorithm(true, "TPS", "1", "x"),
                archive.resolve("rt/RS.later.dcm"));
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        ProgressListener logged = new ProgressListener() {
            @Override public void log(String message) { log.add(message); }
        };
        BatchRunner.Result again = runner.run(List.of(archive), out, model, options, logged);
        assertEquals(Status.ALREADY_DONE, again.rows().stream().filter(o -> o.seriesUid().equals(uid)).findFirst()
                .orElseThrow().status());
        assertTrue(log.stream().anyMatch(m -> m.startsWith(uid + ": done earlier, scored now vs RS.later.dcm: liver 0.")),
                log.toString());
        assertEquals(segmented, Files.getLastModifiedTime(series.resolve("seg.dcm")).toMillis(), "not segmented again");
        List<String> rows = Files.readAllLines(series.resolve(ReferenceScores.FILE));
        assertEquals(1 + p.labels().classes().size(), rows.size(), rows.toString());
        assertTrue(Files.readString(out.resolve(ReferenceScores.FILE)).contains(uid + ",RS.later.dcm,liver,"));

        log.clear();
        runner.run(List.of(archive), out, model, options, logged);
        assertTrue(log.stream().noneMatch(m -> m.contains("scored now")), "nothing new to score: " + log);
    }
}
