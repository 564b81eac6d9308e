package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.atrous.model.ModelStore;
import org.atrous.pipeline.OutputKind;
import org.atrous.crf.CrfMode;
import org.atrous.pipeline.Models;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two series that run out of heap while in flight together are not failed: each is run again
 * alone once the pool is idle, and only then reported. The heap exhaustion is staged (the real
 * unit is called for the reruns), since a real OutOfMemoryError in a test JVM is not repeatable.
 */
class OutOfMemoryRetryTest {

    @Test
    void seriesThatRanOutOfMemoryTogetherAreRerunAloneAndDone(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive"), out = dir.resolve("out");
        for (int i = 0; i < 2; i++) TestArchive.ct(401 + i, archive.resolve("case" + i), 3);
        ModelStore.LoadedModel model = Models.load(BatchArchiveTest.MODEL.toString());
        BatchOptions options = new BatchOptions(CrfMode.OFF, 5, "", 1, EnumSet.of(OutputKind.STATS), 4);

        List<Integer> inFlightOnRerun = Collections.synchronizedList(new ArrayList<>());
        List<String> logs = Collections.synchronizedList(new ArrayList<>());
        BatchRunner runner = new BatchRunner(2, false, 1L << 30).withWork(stagedOutOfMemory(inFlightOnRerun));
        BatchRunner.Result r = runner.run(List.of(archive), out, model, options, new ProgressListener() {
            @Override public void log(String message) { logs.add(message); }
        });

        assertEquals(List.of(1, 1), inFlightOnRerun, "each rerun ran alone");
        List<SeriesOutcome> series = r.rows().stream().filter(o -> !o.seriesUid().isEmpty()).toList();
        assertEquals(2, series.size(), series.toString());
        assertTrue(series.stream().allMatch(o -> o.status() == Status.DONE), series.toString());
        assertEquals(2, logs.stream().filter(l -> l.contains("running it again alone")).count(), String.join("\n", logs));
        assertEquals(2, Journal.completed(out).size());
    }

    /**
     * The first two series run out of heap once both have started (the staging); every later run
     * is the real unit, and adds how many series were in flight as it ran to {@code inFlightOnRerun}.
     */
    static BatchRunner.SeriesWork stagedOutOfMemory(List<Integer> inFlightOnRerun) {
        CountDownLatch bothStarted = new CountDownLatch(2);
        AtomicInteger inFlight = new AtomicInteger();
        return (e, m, o, root, l) -> {
            int now = inFlight.incrementAndGet();
            try {
                if (bothStarted.getCount() > 0) {
                    bothStarted.countDown();
                    bothStarted.await(60, TimeUnit.SECONDS);
                    return List.of(SeriesOutcome.of(e, Status.FAILED, "out of memory (" + e.voxels() + " voxels)"));
                }
                inFlightOnRerun.add(now);
                return SeriesProcessor.process(e, m, o, root, l);
            } catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            } finally {
                inFlight.decrementAndGet();
            }
        };
    }
}
