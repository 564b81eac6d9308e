package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import org.atrous.crf.CrfMode;
import org.atrous.model.ModelStore;
import org.atrous.pipeline.Models;
import org.atrous.pipeline.OutputKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A series whose outputs cannot fit on the output disk fails before its inference, saying so; one that fits is done. */
class OutputSpaceTest {

    private static SeriesEntry entry(String uid, int rows, int columns, int frames, List<String> files) {
        return new SeriesEntry(uid, "CT", rows, columns, frames, files, "hash-" + uid, true, null);
    }

    @Test
    void theEstimateGrowsWithTheOutputsAsked() {
        SeriesEntry ct = entry("1.2.3", 512, 512, 200, List.of("/a"));
        long defaults = OutputSpace.estimate(ct, 8, BatchOptions.DEFAULT_OUTPUTS);
        assertTrue(defaults > 40e6 && defaults < 100e6, "about 1.25 bytes a voxel: " + defaults);
        long tiff = OutputSpace.estimate(ct, 8, EnumSet.of(OutputKind.SEG, OutputKind.TIFF));
        assertEquals(defaults + 4L * ct.voxels(), tiff, 2);
        long probabilities = OutputSpace.estimate(ct, 8, EnumSet.of(OutputKind.SEG, OutputKind.NIFTI,
                OutputKind.PROBABILITIES, OutputKind.PROBABILITY_SEG));
        assertEquals(defaults + 16L * ct.voxels(), probabilities, 2);
    }

    @Test
    void aSeriesTooLargeForTheDiskFailsAtOnceAndOneThatFitsIsDone(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        String uid = TestArchive.ct(731, dir.resolve("ct")).ct().identity().seriesInstanceUid();
        List<String> files;
        try (Stream<Path> s = Files.list(dir.resolve("ct"))) {
            files = s.map(p -> p.toAbsolutePath().toString()).sorted().toList();
        }
        ModelStore.LoadedModel model = Models.load(BatchArchiveTest.MODEL.toString());
        BatchOptions options = new BatchOptions(CrfMode.OFF, 5, "", 1, EnumSet.of(OutputKind.STATS), 4);

        // the same files as the index would describe 65535×65535×100000 voxels: about 540 TB of outputs
        SeriesEntry huge = entry(uid, 65535, 65535, 100_000, files);
        long free = Files.getFileStore(out).getUsableSpace();
        int classes = model.card().classes().size();
        String reason = OutputSpace.shortage(out, huge, classes, options.outputs());
        assertTrue(OutputSpace.estimate(huge, classes, options.outputs()) > free, "the test needs a disk with less than 540 TB free");
        List<SeriesOutcome> rows = SeriesProcessor.process(huge, model, options, out);
        assertEquals(1, rows.size());
        assertEquals(Status.FAILED, rows.get(0).status());
        assertEquals(reason, rows.get(0).reason());
        assertTrue(reason.startsWith("not started: the output folder's disk has "), reason);
        assertTrue(reason.endsWith("then run again: failed series are redone"), reason);
        assertFalse(Files.exists(SeriesProcessor.outputDir(out, uid)), "nothing was written");
        assertEquals(0, rows.get(0).inferenceSeconds(), "no inference spent on it");

        SeriesEntry real = entry(uid, TestArchive.SIZE, TestArchive.SIZE, files.size(), files);
        assertNull(OutputSpace.shortage(out, real, classes, options.outputs()));
        assertEquals(Status.DONE, SeriesProcessor.process(real, model, options, out).get(0).status());
    }
}
