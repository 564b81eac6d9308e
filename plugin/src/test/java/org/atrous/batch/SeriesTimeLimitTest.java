package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import org.atrous.crf.CrfMode;
import org.atrous.model.ModelStore;
import org.atrous.pipeline.Models;
import org.atrous.pipeline.OutputKind;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A series that hangs is stopped at the series time limit and failed with the reason; the
 * others are done, and a rerun tries it again (it is not journaled). Both series are staged: the
 * hanging one spins until its listener says stop, as the pipeline's cancellation points do.
 */
class SeriesTimeLimitTest {

    @Test
    void aHangingSeriesIsStoppedAndFailedAndTheRunGoesOn(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive"), out = dir.resolve("out");
        String hanging = TestArchive.ct(501, archive.resolve("hangs"), 3).ct().identity().seriesInstanceUid();
        TestArchive.ct(502, archive.resolve("fine"), 3);
        ModelStore.LoadedModel model = Models.load(BatchArchiveTest.MODEL.toString());
        BatchOptions options = new BatchOptions(CrfMode.OFF, 5, "", 1, EnumSet.of(OutputKind.STATS), 4)
                .withSeriesTimeLimit(2);
        assertEquals(3600, new BatchOptions(CrfMode.OFF, 5, "", 1, EnumSet.of(OutputKind.STATS), 4)
                .seriesTimeLimitSeconds(), "an hour unless told otherwise");
        BatchRunner runner = new BatchRunner(2, false, 1L << 30)
                .withWork((e, m, o, root, l) -> {
                    if (!e.seriesUid().equals(hanging)) return List.of(SeriesOutcome.of(e, Status.DONE, ""));
                    while (true) { // a stalled read: only the listener ends it
                        l.checkCanceled();
                        Thread.onSpinWait();
                    }
                });
        long t0 = System.nanoTime();
        BatchRunner.Result r = runner.run(List.of(archive), out, model, options, ProgressListener.NONE);
        assertTrue((System.nanoTime() - t0) / 1e9 < 60, "the run did not wait on the hanging series");
        SeriesOutcome stopped = r.rows().stream().filter(o -> o.seriesUid().equals(hanging)).findFirst().orElseThrow();
        assertEquals(Status.FAILED, stopped.status());
        assertEquals("stopped after the series time limit of 2 s (--series-time-limit)", stopped.reason());
        assertEquals(1, r.count(Status.DONE));
        assertEquals(1, r.exitCode());
        assertTrue(Journal.completed(out).values().stream().noneMatch(o -> o.seriesUid().equals(hanging)),
                "the stopped series is not journaled, so the next run does it again");
        assertThrows(IllegalArgumentException.class, () -> options.withSeriesTimeLimit(-1));
    }

    /**
     * A series blocked where no cancellation point is reached (as a read from a dead network
     * mount is, inside the operating system) is given up after its limit plus the grace; with
     * one worker the next series still runs, and the blocked thread, when it comes back at last,
     * reports nothing.
     */
    @Test
    void aSeriesThatNeverReturnsIsGivenUpAndTheRunGoesOn(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive"), out = dir.resolve("out");
        String blocked = TestArchive.ct(504, archive.resolve("a-blocked"), 3).ct().identity().seriesInstanceUid();
        TestArchive.ct(505, archive.resolve("b-fine"), 3);
        ModelStore.LoadedModel model = Models.load(BatchArchiveTest.MODEL.toString());
        BatchOptions options = new BatchOptions(CrfMode.OFF, 5, "", 1, EnumSet.of(OutputKind.STATS), 4)
                .withSeriesTimeLimit(1);
        java.util.concurrent.CountDownLatch mountBack = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean cameBack = new java.util.concurrent.atomic.AtomicBoolean();
        BatchRunner runner = new BatchRunner(1, false, 1L << 30)
                .withWork((e, m, o, root, l) -> {
                    if (e.seriesUid().equals(blocked)) {
                        while (mountBack.getCount() > 0) {
                            try {
                                mountBack.await(); // deaf to the listener and to interrupts
                            } catch (InterruptedException ignored) { }
                        }
                        cameBack.set(true);
                    }
                    return List.of(SeriesOutcome.of(e, Status.DONE, ""));
                });
        long t0 = System.nanoTime();
        BatchRunner.Result r = runner.run(List.of(archive), out, model, options, ProgressListener.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(2, SeriesSlots.giveUpAfter(1));
        assertEquals(3600 + 300, SeriesSlots.giveUpAfter(3600), "an hour's limit: given up 5 minutes after it");
        assertTrue(seconds >= 2 && seconds < 30, "given up after 2 s, not waited on: " + seconds + " s");
        SeriesOutcome o = r.rows().stream().filter(x -> x.seriesUid().equals(blocked)).findFirst().orElseThrow();
        assertEquals(Status.FAILED, o.status());
        assertTrue(o.reason().startsWith("given up 2 s after it started: the series time limit (--series-time-limit)"
                + " passed and it did not stop"), o.reason());
        assertEquals(1, r.count(Status.DONE), "the series after it was done by the one worker");
        mountBack.countDown();
        long wait = System.nanoTime();
        while (!cameBack.get() && System.nanoTime() - wait < 10_000_000_000L) Thread.sleep(10);
        Thread.sleep(200);
        assertTrue(cameBack.get());
        assertTrue(Journal.completed(out).values().stream().noneMatch(x -> x.seriesUid().equals(blocked)),
                "its late return is not journaled: the next run does it again");
    }

    @Test
    void thePipelineItselfStopsAtTheLimit(@TempDir Path dir) throws Exception {
        // 40 slices through the network (15 s here), the region zoom and the 3D CRF: never done within 2 s;
        // one slice per network call keeps the stretches between cancellation points far shorter than
        // the 2 s until the give-up, even on a loaded machine
        Path archive = dir.resolve("archive"), out = dir.resolve("out");
        TestArchive.ct(503, archive.resolve("long"), 40);
        ModelStore.LoadedModel model = Models.load(BatchArchiveTest.MODEL.toString());
        BatchOptions options = new BatchOptions(CrfMode.VOLUME_3D, 5, "", 1, EnumSet.of(OutputKind.SEG), 1)
                .withSeriesTimeLimit(2);
        long t0 = System.nanoTime();
        BatchRunner.Result r = new BatchRunner(1, false, 1L << 30).run(List.of(archive), out, model, options,
                ProgressListener.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        SeriesOutcome o = r.rows().stream().filter(x -> !x.seriesUid().isEmpty()).findFirst().orElseThrow();
        assertEquals(Status.FAILED, o.status(), o.reason());
        assertEquals("stopped after the series time limit of 2 s (--series-time-limit)", o.reason());
        assertTrue(seconds < 30, "stopped at the next cancellation point, not run to the end: " + seconds + " s");
        assertTrue(java.nio.file.Files.notExists(SeriesProcessor.outputDir(out, o.seriesUid())), "no outputs");
    }
}
