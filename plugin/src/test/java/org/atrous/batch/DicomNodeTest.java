package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.atrous.crf.CrfMode;
import org.atrous.model.ModelStore;
import org.atrous.pacs.SeriesReceiver;
import org.atrous.pacs.StoreScp;
import org.atrous.pipeline.Models;
import org.atrous.pipeline.OutputKind;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Atrous as a DICOM node: DCMTK's storescu (an independent sender) sends a CT and an MR series;
 * once quiet, the CT is segmented and its SEG sent on to DCMTK's storescp (the PACS), the MR is
 * skipped as not the model's modality, and both leave the incoming folder. Then a study of two
 * CT series sent one after the other is handed out once the study is quiet, both in flight; and a
 * study that completes while another is segmented starts at once.
 */
class DicomNodeTest {

    @Test
    void seriesSentToTheNodeAreSegmentedAndTheSegGoesToThePacs(@TempDir Path dir) throws Exception {
        String ct = TestArchive.ct(801, dir.resolve("send/ct")).ct().identity().seriesInstanceUid();
        TestArchive.mr(802, dir.resolve("send/mr"));
        ModelStore.LoadedModel model = Models.load(BatchArchiveTest.MODEL.toString());
        int port = freePort();
        Path results = dir.resolve("node/results");
        try (StoreScp pacs = StoreScp.start(dir.resolve("pacs"), false);
             SeriesReceiver receiver = new SeriesReceiver(port, "ATROUS", dir.resolve("node/incoming"))) {
            BatchOptions options = new BatchOptions(CrfMode.OFF, 5, "CT", 1, EnumSet.of(OutputKind.SEG), 4)
                    .withStore(pacs.node());
            DicomNode node = new DicomNode(receiver, results, model, options, 1.0, false, ProgressListener.NONE);
            List<String> rows = whileRunning(node, results, () -> {
                for (String series : new String[] {"ct", "mr"}) send(dir.resolve("send").resolve(series), port);
            });
            assertEquals(3, rows.size(), rows.toString());
            String ctRow = rows.stream().filter(r -> r.startsWith(ct)).findFirst().orElseThrow();
            assertTrue(ctRow.startsWith(ct + ",done,"), ctRow);
            assertTrue(rows.stream().anyMatch(r -> r.contains(",skipped,") && r.contains("modality MR")), rows.toString());
            assertTrue(Files.isRegularFile(results.resolve("series").resolve(ct).resolve("seg.dcm")));
            String report = Files.readString(results.resolve(BatchReport.CSV));
            assertTrue(report.contains(ct + ",done,") && report.contains("modality MR"), "the report shows both: " + report);
            assertEquals(1, pacs.files().size(), "the CT's SEG reached the PACS: " + pacs.files());
            assertTrue(ctRow.contains("stored 1 of 1 files to TESTPACS"), ctRow);
            assertFalse(Files.exists(dir.resolve("node/incoming").resolve(ct)), "done series leave incoming/");
            try (var left = Files.list(dir.resolve("node/incoming"))) {
                assertEquals(List.of(".receiving"), left.map(p -> p.getFileName().toString()).toList(), "the skipped MR too");
            }
        }
    }

    @Test
    void aStudysSeriesCompleteAtOnceAreSegmentedTogether(@TempDir Path dir) throws Exception {
        String[] ab = twoSeriesOfAStudy(811, dir);
        String a = ab[0], b = ab[1];
        ModelStore.LoadedModel model = Models.load(BatchArchiveTest.MODEL.toString());
        int port = freePort();
        Path results = dir.resolve("node/results");
        List<String> log = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (SeriesReceiver receiver = new SeriesReceiver(port, "ATROUS", dir.resolve("node/incoming"))) {
            BatchOptions options = new BatchOptions(CrfMode.OFF, 5, "CT", 1, EnumSet.of(OutputKind.SEG), 4);
            DicomNode node = new DicomNode(receiver, results, model, new BatchRunner(2, false, 0), options, 2.0, false,
                    new ProgressListener() {
                        @Override public void log(String message) { log.add(message); }
                    });
            List<String> rows = whileRunning(node, results, () -> {
                for (String series : new String[] {"a", "b"}) { // two associations, 1 s apart: the study is not yet quiet
                    send(dir.resolve("send").resolve(series), port);
                    Thread.sleep(1000);
                }
            });
            assertEquals(3, rows.size(), rows.toString());
            for (String uid : new String[] {a, b}) {
                assertTrue(rows.stream().anyMatch(r -> r.startsWith(uid + ",done,")), rows.toString());
                assertTrue(Files.isRegularFile(results.resolve("series").resolve(uid).resolve("seg.dcm")));
                assertFalse(Files.exists(dir.resolve("node/incoming").resolve(uid)), "done series leave incoming/");
            }
            // handed out together and both in flight: each had started before either was done
            int firstDone = log.indexOf(log.stream().filter(m -> m.startsWith("done ")).findFirst().orElseThrow());
            for (String uid : new String[] {a, b}) {
                int began = log.indexOf(log.stream().filter(m -> m.startsWith(uid + ": ")).findFirst().orElseThrow());
                assertTrue(began < firstDone, "both in flight: " + log);
            }
        }
    }

    /**
     * A study completing while another is still being segmented starts at once: the first
     * study's series waits (its work held on a latch) until the second's has settled, which a
     * node segmenting one study after the other could never do.
     */
    @Test
    void aLongSeriesHoldsUpNoOtherStudy(@TempDir Path dir) throws Exception {
        String first = TestArchive.ct(821, dir.resolve("send/first")).ct().identity().seriesInstanceUid();
        String second = TestArchive.ct(822, dir.resolve("send/second")).ct().identity().seriesInstanceUid();
        ModelStore.LoadedModel model = Models.load(BatchArchiveTest.MODEL.toString());
        int port = freePort();
        java.util.concurrent.CountDownLatch secondDone = new java.util.concurrent.CountDownLatch(1);
        BatchRunner runner = new BatchRunner(2, false, 0).withWork((entry, m, o, outRoot, l) -> {
            boolean isFirst = entry.seriesUid().equals(first);
            try {
                if (isFirst && !secondDone.await(90, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the second study never ran beside the first");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<SeriesOutcome> rows = SeriesProcessor.process(entry, m, o, outRoot, l);
            if (!isFirst) secondDone.countDown();
            return rows;
        });
        Path results = dir.resolve("node/results");
        try (SeriesReceiver receiver = new SeriesReceiver(port, "ATROUS", dir.resolve("node/incoming"))) {
            BatchOptions options = new BatchOptions(CrfMode.OFF, 5, "CT", 1, EnumSet.of(OutputKind.SEG), 4);
            DicomNode node = new DicomNode(receiver, results, model, runner, options, 1.0, false, ProgressListener.NONE);
            List<String> rows = whileRunning(node, results, () -> {
                send(dir.resolve("send/first"), port);
                Thread.sleep(3000); // the first study is complete and held before the second comes
                send(dir.resolve("send/second"), port);
            });
            assertEquals(3, rows.size(), rows.toString());
            assertTrue(rows.get(1).startsWith(second + ",done,"), "the second study settled first: " + rows);
            assertTrue(rows.get(2).startsWith(first + ",done,"), rows.toString());
        }
    }

    /**
     * Two series of a study that run out of heap side by side (staged, as in
     * {@link OutOfMemoryRetryTest}) are run again alone, one after the other, and then done.
     */
    @Test
    void seriesOutOfMemoryTogetherRunAgainAlone(@TempDir Path dir) throws Exception {
        String[] ab = twoSeriesOfAStudy(831, dir);
        String a = ab[0], b = ab[1];
        ModelStore.LoadedModel model = Models.load(BatchArchiveTest.MODEL.toString());
        int port = freePort();
        List<Integer> inFlightOnRerun = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        BatchRunner runner = new BatchRunner(2, false, 1L << 30)
                .withWork(OutOfMemoryRetryTest.stagedOutOfMemory(inFlightOnRerun));
        Path results = dir.resolve("node/results");
        try (SeriesReceiver receiver = new SeriesReceiver(port, "ATROUS", dir.resolve("node/incoming"))) {
            BatchOptions options = new BatchOptions(CrfMode.OFF, 5, "CT", 1, EnumSet.of(OutputKind.SEG), 4);
            DicomNode node = new DicomNode(receiver, results, model, runner, options, 1.0, false, ProgressListener.NONE);
            List<String> rows = whileRunning(node, results, () -> {
                send(dir.resolve("send/a"), port);
                send(dir.resolve("send/b"), port);
            });
            assertEquals(List.of(1, 1), inFlightOnRerun, "each rerun ran alone");
            assertEquals(3, rows.size(), rows.toString());
            for (String uid : new String[] {a, b}) {
                assertTrue(rows.stream().anyMatch(r -> r.startsWith(uid + ",done,")), rows.toString());
                assertFalse(Files.exists(dir.resolve("node/incoming").resolve(uid)), "done series leave incoming/");
            }
        }
    }

    /**
     * A node stopped while series lay in incoming/ (one filed, one still in .receiving/) takes
     * them up when it starts again, with nothing sent.
     */
    @Test
    void anEarlierRunsLeftoversAreTakenUp(@TempDir Path dir) throws Exception {
        String filed = TestArchive.ct(841, dir.resolve("send/filed")).ct().identity().seriesInstanceUid();
        String unfiled = TestArchive.ct(842, dir.resolve("send/unfiled")).ct().identity().seriesInstanceUid();
        Path incoming = dir.resolve("node/incoming");
        TestArchive.copyTree(dir.resolve("send/filed"), incoming.resolve(filed));
        TestArchive.copyTree(dir.resolve("send/unfiled"), incoming.resolve(".receiving"));
        ModelStore.LoadedModel model = Models.load(BatchArchiveTest.MODEL.toString());
        Path results = dir.resolve("node/results");
        List<String> log = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (SeriesReceiver receiver = new SeriesReceiver(freePort(), "ATROUS", incoming)) {
            assertEquals(java.util.Set.of(filed, unfiled), java.util.Set.copyOf(receiver.leftOver()), "the unfiled filed first");
            BatchOptions options = new BatchOptions(CrfMode.OFF, 5, "CT", 1, EnumSet.of(OutputKind.SEG), 4);
            DicomNode node = new DicomNode(receiver, results, model, new BatchRunner(2, false, 0), options, 1.0, false,
                    new ProgressListener() {
                        @Override public void log(String message) { log.add(message); }
                    });
            List<String> rows = whileRunning(node, results, () -> { });
            assertEquals(3, rows.size(), rows.toString());
            for (String uid : new String[] {filed, unfiled}) {
                assertTrue(rows.stream().anyMatch(r -> r.startsWith(uid + ",done,")), rows.toString());
                assertFalse(Files.exists(incoming.resolve(uid)), "done series leave incoming/");
            }
            assertTrue(log.contains("2 series left in incoming/ by an earlier run: taken up now (one done then is found"
                    + " in the journal)"), log.toString());
        }
    }

    /**
     * A series sent again while it is being segmented is not started a second time beside itself:
     * it waits until the first settles, is then found in the journal, and its folder is cleared.
     */
    @Test
    void aSeriesSentAgainWhileInFlightWaitsForIt(@TempDir Path dir) throws Exception {
        String uid = TestArchive.ct(851, dir.resolve("send/x")).ct().identity().seriesInstanceUid();
        ModelStore.LoadedModel model = Models.load(BatchArchiveTest.MODEL.toString());
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        BatchRunner runner = new BatchRunner(2, false, 0).withWork((e, m, o, root, l) -> {
            calls.incrementAndGet();
            entered.countDown();
            try {
                release.await(90, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return SeriesProcessor.process(e, m, o, root, l);
        });
        Path results = dir.resolve("node/results"), incoming = dir.resolve("node/incoming");
        int port = freePort();
        try (SeriesReceiver receiver = new SeriesReceiver(port, "ATROUS", incoming)) {
            BatchOptions options = new BatchOptions(CrfMode.OFF, 5, "CT", 1, EnumSet.of(OutputKind.SEG), 4);
            DicomNode node = new DicomNode(receiver, results, model, runner, options, 1.0, false, ProgressListener.NONE);
            List<String> rows = whileRunning(node, results, () -> {
                send(dir.resolve("send/x"), port);
                assertTrue(entered.await(60, java.util.concurrent.TimeUnit.SECONDS));
                send(dir.resolve("send/x"), port); // again, while the first is held
                Thread.sleep(3000); // quiet again, and handed out while in flight
                release.countDown();
            });
            assertEquals(3, rows.size(), rows.toString());
            assertTrue(rows.get(1).startsWith(uid + ",done,"), rows.toString());
            assertTrue(rows.get(2).startsWith(uid + ",already done,"), rows.toString());
            assertEquals(1, calls.get(), "segmented once");
            assertFalse(Files.exists(incoming.resolve(uid)), "cleared once found done");
        }
    }

    /** A free TCP port for the node. */
    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Two CT series of one study in {@code send/a} and {@code send/b} (phantoms seed and seed + 1); their UIDs. */
    private static String[] twoSeriesOfAStudy(long seed, Path dir) throws java.io.IOException {
        org.atrous.dicom.SeriesIdentity study = TestArchive.ct(seed, dir.resolve("send/a")).ct().identity();
        return new String[] {study.seriesInstanceUid(), TestArchive.ctInStudy(seed + 1, study, dir.resolve("send/b"))};
    }

    /** What the test sends while the node runs. */
    @FunctionalInterface
    private interface Sending {
        void run() throws Exception;
    }

    /** Runs the node while {@code sending} runs, until it has logged 2 series (3 lines) or 2 minutes pass; its log. */
    private static List<String> whileRunning(DicomNode node, Path results, Sending sending) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                node.runUntil(stop::get);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        sending.run();
        Path log = results.resolve(DicomNode.LOG);
        long t0 = System.nanoTime();
        while ((!Files.exists(log) || Files.readAllLines(log).size() < 3) && System.nanoTime() - t0 < 120e9) {
            Thread.sleep(200);
        }
        stop.set(true);
        t.join(30_000);
        return Files.readAllLines(log);
    }

    /** DCMTK's storescu sends the folder's files to the node in one association. */
    private static void send(Path folder, int port) throws Exception {
        Process p = new ProcessBuilder("storescu", "-aec", "ATROUS", "+sd", "127.0.0.1", Integer.toString(port),
                folder.toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), said);
    }
}
