package org.atrous.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.atrous.dicom.CtSeriesWriter;
import org.atrous.model.ModelStore;
import org.atrous.pacs.SeriesReceiver;
import org.atrous.progress.ProgressListener;

/**
 * Atrous as a DICOM node: the series a modality or PACS sends are segmented once their study is
 * complete (nothing of it has come for a while), by the batch's per-series path (journal,
 * outputs, time limit, modality filter, {@code --store} back to a PACS) into one output folder,
 * which the node holds for its lifetime as a batch run does. Series are in flight side by side
 * as the runner's threads and memory budget allow, and a study that completes while others are
 * segmented starts at once: a long series holds up no other study. Each series' rows are added
 * to {@value #LOG} as it settles, and {@code report.csv}/{@code report.html} show every series
 * since the node started; a series done or skipped leaves {@code incoming/}, one that failed
 * stays there for a look.
 */
public final class DicomNode {

    /** Every series' report rows, one run after another. */
    public static final String LOG = "received.csv";
    /** Where each completed study is indexed (the batch's cache and index), inside the output folder. */
    static final String INDEX_DIR = ".listen-index";
    /** Seconds between two writes of report.csv and report.html while series settle. */
    static final long REPORT_SECONDS = 10;

    private final SeriesReceiver receiver;
    private final Path out;
    private final ModelStore.LoadedModel model;
    private final BatchRunner runner;
    private final BatchOptions options;
    private final double quietSeconds;
    private final boolean keepIncoming;
    private final ProgressListener listener;
    /** This run's rows, for report.csv and report.html (received.csv keeps every run's). */
    private final List<SeriesOutcome> seen = new ArrayList<>();
    /** Whether {@link #seen} has rows report.csv and report.html do not show yet. */
    private boolean reportBehind;
    private long reportWritten;
    private final String started = java.time.LocalDateTime.now().withNano(0).toString().replace('T', ' ');

    /** A node segmenting one series at a time. */
    public DicomNode(SeriesReceiver receiver, Path out, ModelStore.LoadedModel model, BatchOptions options,
                     double quietSeconds, boolean keepIncoming, ProgressListener listener) {
        this(receiver, out, model, new BatchRunner(1, false, 0), options, quietSeconds, keepIncoming, listener);
    }

    /** A node whose series are segmented as {@code runner} would (its threads in flight, its memory budget). */
    public DicomNode(SeriesReceiver receiver, Path out, ModelStore.LoadedModel model, BatchRunner runner,
                     BatchOptions options, double quietSeconds, boolean keepIncoming, ProgressListener listener) {
        this.receiver = receiver;
        this.out = out.toAbsolutePath().normalize();
        this.model = model;
        this.runner = runner;
        this.options = options;
        this.quietSeconds = quietSeconds;
        this.keepIncoming = keepIncoming;
        this.listener = listener;
    }

    /**
     * Segments completed studies until {@code stop} says so (checked twice a second), then waits
     * for the series in flight.
     */
    public void runUntil(BooleanSupplier stop) throws IOException, InterruptedException {
        Files.createDirectories(out);
        try (OutputLock lock = OutputLock.acquire(out); Journal journal = Journal.open(out, "listen")) {
            BatchRunner.sweepPartials(out);
            if (!receiver.leftOver().isEmpty()) {
                listener.log(receiver.leftOver().size() + " series left in incoming/ by an earlier run: taken up now"
                        + " (one done then is found in the journal)");
            }
            Flight flight = new Flight(journal);
            try {
                while (!stop.getAsBoolean()) {
                    receiver.problems().forEach(listener::log);
                    List<Path> quiet = flight.ready(receiver.quietSeries(quietSeconds));
                    if (!quiet.isEmpty()) {
                        try {
                            flight.take(quiet);
                        } catch (IOException | RuntimeException e) { // a study that cannot be indexed must not stop the node
                            for (Path series : quiet) {
                                listener.log(series.getFileName() + ": not segmented, kept in incoming/: " + e.getMessage());
                            }
                        }
                    }
                    writeReport(false);
                    Thread.sleep(500);
                }
            } finally {
                flight.land();
                writeReport(true);
            }
        }
    }

    /** The series in flight: started as slots and memory allow, each settled as it ends. */
    private final class Flight {
        private final Journal journal;
        private final MemoryBudget budget = runner.budget();
        private final SeriesSlots slots = new SeriesSlots(runner.threads(),
                SeriesSlots.giveUpAfter(options.seriesTimeLimitSeconds()));
        /** Series out of memory beside others run again here, one at a time, each with the whole budget. */
        private final ExecutorService alone = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "atrous-listen-alone");
            t.setDaemon(true);
            return t;
        });
        private final int classes = model.card().classes().size() + 1;
        /** Incoming folders of the series in flight. */
        private final java.util.Set<Path> busy = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /** Folders that completed again while their series was in flight (sent twice): taken once it settles. */
        private final java.util.Set<Path> resent = java.util.concurrent.ConcurrentHashMap.newKeySet();

        /** The journal's done rows as {@link Journal#completed} reads them, read once and kept up as series settle. */
        private Map<String, SeriesOutcome> done;

        Flight(Journal journal) {
            this.journal = journal;
        }

        /** Read once: a long-running node would otherwise read its whole journal again for every study. */
        private synchronized Map<String, SeriesOutcome> journaled() throws IOException {
            if (done == null) done = new java.util.concurrent.ConcurrentHashMap<>(Journal.completed(out));
            return done;
        }

        /**
         * Of the folders just completed and those sent again earlier, the ones whose series is not
         * in flight: a series sent again while it is segmented waits for that to settle, then is
         * indexed again (the journal then says whether its files changed).
         */
        List<Path> ready(List<Path> quiet) {
            synchronized (DicomNode.this) { // as settle: a folder is either cleared there or taken here
                for (Path f : quiet) resent.add(f.toAbsolutePath().normalize());
                List<Path> now = resent.stream().filter(f -> !busy.contains(f)).sorted().toList();
                now.forEach(resent::remove);
                return now;
            }
        }

        /** Indexes the completed series' folders and starts those not done before (blocks while no slot is free). */
        void take(List<Path> folders) throws IOException, InterruptedException {
            SeriesIndex index = new ArchiveIndexer(Math.min(4, runner.threads() * 2))
                    .index(folders, out.resolve(INDEX_DIR), listener);
            Map<String, SeriesOutcome> done = journaled();
            for (SeriesOutcome f : index.fileRows()) { // a stray or broken file: said, the series' rows tell the rest
                SeriesOutcome o = f.shown();
                listener.log(o.status().label() + " " + o.path() + ": " + o.reason());
            }
            Map<SeriesEntry, Path> folderOf = new java.util.HashMap<>();
            for (SeriesEntry e : index.entries()) {
                folders.stream().filter(f -> holds(f, e)).findFirst().ifPresent(f -> folderOf.put(e, f));
            }
            for (Path folder : folders) {
                if (!folderOf.containsValue(folder)) {
                    listener.log(folder.getFileName() + ": no readable image series in it; kept in incoming/");
                }
            }
            for (SeriesEntry e : index.entries()) {
                List<SeriesOutcome> before = Journal.rowsOf(done, e);
                Path folder = folderOf.get(e);
                if (before != null) {
                    if (!e.references().isEmpty()) ReferenceRescoring.rescore(e, model.card().classes(), out, listener);
                    settle(e, folder, before.stream().map(SeriesOutcome::asAlreadyDone).toList());
                } else {
                    if (folder != null) busy.add(folder);
                    start(e, folder, false);
                }
            }
        }


        /** Starts {@code e} when memory and a slot are free; {@code whole}: with the whole budget, so alone. */
        private void start(SeriesEntry e, Path folder, boolean whole) throws InterruptedException {
            int mb = whole ? budget.acquire((long) budget.totalMb() << 20)
                    : budget.acquire(MemoryBudget.estimate(e, classes, options.crf(), model.reslices()));
            slots.start(() -> runner.series(e, model, options, out, listener, rows -> {
                if (!whole && mb < budget.totalMb() && rows.stream().anyMatch(SeriesProcessor::outOfMemory)) {
                    listener.log(e.seriesUid() + ": out of memory beside other series; running it again alone");
                    alone.execute(() -> {
                        try {
                            start(e, folder, true);
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                    });
                } else {
                    settle(e, folder, rows);
                }
            }), () -> budget.release(mb), () -> settle(e, folder, List.of(BatchRunner.givenUp(e, options))), listener);
        }

        /**
         * Journals a series' rows, adds them to the logs and the report, and clears its incoming
         * folder (null: none) when it is settled.
         */
        private void settle(SeriesEntry e, Path folder, List<SeriesOutcome> rows) {
            synchronized (DicomNode.this) {
                try {
                    if (Journal.complete(rows) && rows.stream().noneMatch(o -> o.status() == Status.ALREADY_DONE)) {
                        for (SeriesOutcome o : rows) {
                            journal.append(o);
                            journaled().put(o.seriesUid() + "|" + o.fileHash(), o);
                        }
                    }
                    rows.forEach(o -> listener.log(BatchRunner.line(o)));
                    append(rows);
                    seen.addAll(rows);
                    reportBehind = true;
                    if (!e.references().isEmpty()) {
                        ReferenceScores.gather(out.resolve(SeriesProcessor.SERIES_DIR), out.resolve(ReferenceScores.FILE));
                    }
                } catch (IOException ex) {
                    listener.log(e.seriesUid() + ": cannot write the journal or the report: " + ex.getMessage());
                }
                boolean settled = !rows.isEmpty() && rows.stream().allMatch(o -> o.status() != Status.FAILED);
                // a folder sent again meanwhile stays: it is indexed again next
                if (settled && !keepIncoming && folder != null && !resent.contains(folder)) {
                    CtSeriesWriter.deleteQuietly(folder);
                }
                if (folder != null) busy.remove(folder);
            }
        }

        /** Waits for the series in flight, those run again alone included. */
        void land() throws InterruptedException {
            slots.awaitIdle(listener); // any series to run again alone has been handed to `alone` by now
            alone.shutdown();
            alone.awaitTermination(365, TimeUnit.DAYS);
            slots.awaitAll(listener);
        }
    }

    /** Brings report.csv and report.html up to date now (a node being stopped); a failure is logged. */
    public void flushReport() {
        try {
            writeReport(true);
        } catch (IOException e) {
            listener.log("cannot write the report: " + e.getMessage());
        }
    }

    /**
     * Writes report.csv and report.html when series settled since the last time, at most every
     * {@value #REPORT_SECONDS} s unless {@code now}: they hold every series since the node
     * started, so writing them for each series would cost a busy node more as it runs.
     */
    private synchronized void writeReport(boolean now) throws IOException {
        if (!reportBehind || (!now && System.nanoTime() - reportWritten < REPORT_SECONDS * 1_000_000_000L)) return;
        BatchReport.write(seen, out, "Atrous DICOM node: series received since " + started);
        reportBehind = false;
        reportWritten = System.nanoTime();
    }

    /** True when the series' files lie in {@code folder}. */
    private static boolean holds(Path folder, SeriesEntry e) {
        Path f = folder.toAbsolutePath().normalize();
        return e.files().stream().anyMatch(p -> Path.of(p).toAbsolutePath().normalize().startsWith(f));
    }

    /** Adds the rows to {@value #LOG} (header first when new); each line is whole before the next. */
    private void append(List<SeriesOutcome> rows) throws IOException {
        Path log = out.resolve(LOG);
        String csv = BatchReport.csv(rows);
        String body = csv.substring(csv.indexOf('\n') + 1);
        if (!Files.exists(log)) body = csv;
        Files.writeString(log, body, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
