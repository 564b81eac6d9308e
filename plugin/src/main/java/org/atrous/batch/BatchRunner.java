package org.atrous.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.atrous.dicom.CtSeriesWriter;
import org.atrous.model.ModelStore;
import org.atrous.model.ThreadMemory;
import org.atrous.progress.ProgressListener;

/**
 * The local batch driver: indexes the archive (cached in the output folder), skips what the
 * journal records as done, runs {@link SeriesProcessor} on the rest with several series in
 * flight within a memory budget, journals each done series and writes the report. One loaded
 * model serves every worker: either the graph itself, shared (inference serialised on it while
 * reading, CRF and writing overlap), or one copy of it per worker.
 */
public final class BatchRunner {

    /** Everything a run found and did, one row per series or stray file. */
    public record Result(List<SeriesOutcome> rows, double seconds) {
        public long count(Status s) {
            return rows.stream().filter(r -> r.status() == s).count();
        }

        /** 0 when no series failed, 1 when some did. */
        public int exitCode() {
            return count(Status.FAILED) > 0 ? 1 : 0;
        }
    }

    private final int threads;
    private final boolean graphPerWorker;
    private final long memoryBytes;
    private SeriesWork work = SeriesProcessor::process;

    /** The per-series unit; {@link SeriesProcessor#process} except in tests that stage failures. */
    @FunctionalInterface
    interface SeriesWork {
        List<SeriesOutcome> process(SeriesEntry entry, ModelStore.LoadedModel model, BatchOptions options,
                                    Path outRoot, ProgressListener listener);
    }

    BatchRunner withWork(SeriesWork w) {
        this.work = w;
        return this;
    }

    /**
     * @param threads        series in flight at most
     * @param graphPerWorker give each worker its own copy of the graph instead of sharing one
     * @param memoryBytes    budget for the series in flight, or 0 for three quarters of the heap left once the model is loaded
     */
    public BatchRunner(int threads, boolean graphPerWorker, long memoryBytes) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1: " + threads);
        this.threads = threads;
        this.graphPerWorker = graphPerWorker;
        this.memoryBytes = memoryBytes;
    }

    /** Series in flight at most. */
    int threads() {
        return threads;
    }

    /** The memory budget for the series in flight (the heap's when none was given). */
    MemoryBudget budget() {
        return memoryBytes > 0 ? new MemoryBudget(memoryBytes) : MemoryBudget.ofHeap();
    }

    public Result run(List<Path> inputs, Path outRoot, ModelStore.LoadedModel model, BatchOptions options,
                      ProgressListener listener) throws IOException {
        long t0 = System.nanoTime();
        Path out = outRoot.toAbsolutePath().normalize();
        Files.createDirectories(out);
        try (OutputLock lock = OutputLock.acquire(out)) {
            sweepPartials(out);
            SeriesIndex index = new ArchiveIndexer(Math.min(4, threads * 2)).index(inputs, out, listener);
            List<SeriesOutcome> rows = Collections.synchronizedList(new ArrayList<>(index.fileRows()));
            List<SeriesEntry> todo = new ArrayList<>();
            Map<String, SeriesOutcome> done = Journal.completed(out);
            List<SeriesEntry> doneWithReferences = new ArrayList<>();
            for (SeriesEntry e : index.entries()) {
                List<SeriesOutcome> d = Journal.rowsOf(done, e);
                if (d == null) todo.add(e);
                else d.forEach(o -> rows.add(o.asAlreadyDone()));
                if (d != null && !e.references().isEmpty()) doneWithReferences.add(e);
            }
            listener.log(index.entries().size() + " series indexed, " + (index.entries().size() - todo.size())
                    + " already done, " + index.fileRows().size() + " other files");
            try (Journal journal = Journal.open(out, "batch")) {
                process(todo, model, options, out, journal, rows, listener);
            }
            for (SeriesEntry e : doneWithReferences) ReferenceRescoring.rescore(e, model.card().classes(), out, listener);
            List<SeriesOutcome> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparing(SeriesOutcome::seriesUid).thenComparing(SeriesOutcome::path));
            BatchReport.write(sorted, out, "Atrous batch of " + inputs.stream().map(Path::toString)
                    .reduce((a, b) -> a + ", " + b).orElse(""));
            if (ReferenceScores.gather(out.resolve(SeriesProcessor.SERIES_DIR), out.resolve(ReferenceScores.FILE))) {
                listener.log("scores against the archive's own labels: " + out.resolve(ReferenceScores.FILE));
            }
            return new Result(sorted, (System.nanoTime() - t0) / 1e9);
        }
    }

    private void process(List<SeriesEntry> todo, ModelStore.LoadedModel model, BatchOptions options, Path out,
                         Journal journal, List<SeriesOutcome> rows, ProgressListener listener) throws IOException {
        MemoryBudget budget = budget();
        Queue<ModelStore.LoadedModel> copies = new ConcurrentLinkedQueue<>();
        Progress progress = new Progress(todo.size(), listener, journal, rows);
        // Series that ran out of heap beside others: once the others are done, each runs again alone.
        List<SeriesEntry> alone = Collections.synchronizedList(new ArrayList<>());
        int classes = model.card().classes().size() + 1;
        listener.progress("series", todo.isEmpty() ? 1 : 0);
        try {
            SeriesSlots slots = new SeriesSlots(threads, SeriesSlots.giveUpAfter(options.seriesTimeLimitSeconds()));
            for (SeriesEntry e : todo) {
                if (listener.isCanceled()) break;
                int mb = budget.acquire(MemoryBudget.estimate(e, classes, options.crf(), model.reslices()));
                slots.start(() -> {
                    ModelStore.LoadedModel m = graphPerWorker ? spare(copies, model) : model;
                    try {
                        return series(e, m, options, out, listener, o -> {
                            if (o.stream().anyMatch(SeriesProcessor::outOfMemory) && mb < budget.totalMb()) alone.add(e);
                            else progress.record(o);
                        });
                    } finally {
                        if (graphPerWorker) copies.add(m);
                    }
                }, () -> budget.release(mb), () -> progress.record(List.of(givenUp(e, options))), listener);
            }
            slots.awaitAll(listener);
            for (SeriesEntry e : alone) {
                listener.checkCanceled();
                SeriesSlots single = new SeriesSlots(1, SeriesSlots.giveUpAfter(options.seriesTimeLimitSeconds()));
                listener.log(e.seriesUid() + ": out of memory beside other series; running it again alone");
                single.start(() -> series(e, model, options, out, listener, progress::record), () -> { },
                        () -> progress.record(List.of(givenUp(e, options))), listener);
                single.awaitAll(listener);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ProgressListener.Cancelled();
        }
        progress.rethrow();
        listener.checkCanceled();
    }

    /**
     * One series within its time limit; returns what records its rows (to {@code record}), or
     * nothing when the run was cancelled, so it is redone next time.
     */
    Runnable series(SeriesEntry e, ModelStore.LoadedModel model, BatchOptions options, Path out,
                    ProgressListener listener, java.util.function.Consumer<List<SeriesOutcome>> record) {
        SeriesDeadline deadline = new SeriesDeadline(options.seriesTimeLimitSeconds());
        try {
            List<SeriesOutcome> o = work.process(e, model, options, out, deadline.over(prefixed(e, listener)));
            return () -> record.accept(o);
        } catch (ProgressListener.Cancelled ex) {
            return deadline.passed() && !listener.isCanceled() ? () -> record.accept(List.of(deadline.timedOut(e))) : () -> { };
        } finally {
            ThreadMemory.release(); // this thread ends with its series (SeriesSlots): its ND4J workspaces with it
        }
    }

    /** A model copy for a worker: one left by a series that finished, else a new one. */
    private static ModelStore.LoadedModel spare(Queue<ModelStore.LoadedModel> copies, ModelStore.LoadedModel model) {
        ModelStore.LoadedModel m = copies.poll();
        return m != null ? m : model.withClonedGraphs();
    }

    /** The failed row of a series whose thread never came back (see {@link SeriesSlots}). */
    static SeriesOutcome givenUp(SeriesEntry e, BatchOptions options) {
        long after = SeriesSlots.giveUpAfter(options.seriesTimeLimitSeconds());
        return SeriesOutcome.of(e, Status.FAILED, String.format(Locale.ROOT, "given up %s after it started: the series"
                + " time limit (--series-time-limit) passed and it did not stop, most likely blocked reading a file"
                + " (a dead network mount?); its thread is left behind", after % 60 == 0 ? after / 60 + " min" : after + " s"));
    }

    /** Journals and reports each finished series; journal write errors end the run afterwards. */
    private static final class Progress {
        private final int total;
        private final ProgressListener listener;
        private final Journal journal;
        private final List<SeriesOutcome> rows;
        private final AtomicInteger finished = new AtomicInteger();
        private final List<IOException> journalErrors = Collections.synchronizedList(new ArrayList<>());

        Progress(int total, ProgressListener listener, Journal journal, List<SeriesOutcome> rows) {
            this.total = total;
            this.listener = listener;
            this.journal = journal;
            this.rows = rows;
        }

        /** A series' rows, one per volume: journaled only when every volume is done, so a resumed run redoes the rest. */
        void record(List<SeriesOutcome> series) {
            try {
                if (Journal.complete(series)) {
                    for (SeriesOutcome o : series) journal.append(o);
                }
            } catch (IOException ex) {
                journalErrors.add(ex);
            }
            rows.addAll(series);
            for (SeriesOutcome o : series) listener.log(line(o));
            listener.progress("series", finished.incrementAndGet() / (double) total);
        }

        void rethrow() throws IOException {
            if (!journalErrors.isEmpty()) {
                throw new IOException("cannot write the journal: " + journalErrors.get(0).getMessage(),
                        journalErrors.get(0));
            }
        }
    }

    /** Log lines of one series carry its UID; its own progress stays out of the run's. */
    private static ProgressListener prefixed(SeriesEntry e, ProgressListener run) {
        return new ProgressListener() {
            @Override public void log(String message) { run.log(e.seriesUid() + ": " + message); }
            @Override public boolean isCanceled() { return run.isCanceled(); }
        };
    }

    static String line(SeriesOutcome row) {
        SeriesOutcome o = row.shown();
        String head = o.status().label() + " " + o.seriesUid() + " (" + o.modality() + " " + o.size() + ")";
        if (o.status() == Status.DONE) {
            return head + String.format(Locale.ROOT, " in %.1f s", o.totalSeconds()) + (o.reason().isEmpty() ? "" : ": " + o.reason());
        }
        return o.reason().isEmpty() ? head : head + ": " + o.reason();
    }

    /** Hidden half-written series folders of a crashed run: their series are not journaled and will be redone. */
    static void sweepPartials(Path out) throws IOException {
        Path series = out.resolve(SeriesProcessor.SERIES_DIR);
        if (!Files.isDirectory(series)) return;
        try (Stream<Path> s = Files.list(series)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".")).toList()) {
                CtSeriesWriter.deleteQuietly(p);
            }
        }
    }
}
