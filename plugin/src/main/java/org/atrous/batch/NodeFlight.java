package org.atrous.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.atrous.model.ModelStore;
import org.atrous.progress.ProgressListener;

/**
 * The series a DICOM node ({@link DicomNode}) has in flight: each completed study's series are
 * indexed and started as the runner's slots and memory budget allow, journaled as they settle,
 * and handed to the node. A series out of memory beside others runs again alone, as in a batch;
 * one sent again while it is segmented waits for that to settle.
 */
final class NodeFlight {

    /** Where each completed study is indexed (the batch's cache and index), inside the output folder. */
    static final String INDEX_DIR = ".listen-index";

    /** What the node does with a series' journaled rows and its incoming folder (null: none). */
    @FunctionalInterface
    interface Settled {
        void rows(SeriesEntry e, Path folder, List<SeriesOutcome> rows);
    }

    private final BatchRunner runner;
    private final ModelStore.LoadedModel model;
    private final BatchOptions options;
    private final Path out;
    private final Journal journal;
    private final ProgressListener listener;
    private final Settled settled;
    private final MemoryBudget budget;
    private final SeriesSlots slots;
    /** Series out of memory beside others run again here, one at a time, each with the whole budget. */
    private final ExecutorService alone = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "atrous-listen-alone");
        t.setDaemon(true);
        return t;
    });
    private final int classes;
    /** Incoming folders of the series in flight. */
    private final Set<Path> busy = ConcurrentHashMap.newKeySet();
    /**
     * Completed folders not yet taken: one whose series is in flight (it was sent again) waits
     * here until that settles.
     */
    private final Set<Path> pending = ConcurrentHashMap.newKeySet();
    /**
     * The journal's done rows as {@link Journal#completed} reads them, read once (a long-running
     * node would otherwise read its whole journal again for every study) and kept up as series settle.
     */
    private final Map<String, SeriesOutcome> done;

    NodeFlight(BatchRunner runner, ModelStore.LoadedModel model, BatchOptions options, Path out, Journal journal,
               ProgressListener listener, Settled settled) throws IOException {
        this.runner = runner;
        this.model = model;
        this.options = options;
        this.out = out;
        this.journal = journal;
        this.listener = listener;
        this.settled = settled;
        this.budget = runner.budget();
        this.slots = new SeriesSlots(runner.threads(), SeriesSlots.giveUpAfter(options.seriesTimeLimitSeconds()));
        this.classes = model.card().classes().size() + 1;
        this.done = new ConcurrentHashMap<>(Journal.completed(out));
    }

    /**
     * Of the folders just completed and those sent again earlier, the ones whose series is not in
     * flight: a series sent again while it is segmented waits for that to settle, then is indexed
     * again (the journal then says whether its files changed).
     */
    synchronized List<Path> ready(List<Path> quiet) { // as settle: a folder is either cleared there or taken here
        for (Path f : quiet) pending.add(f.toAbsolutePath().normalize());
        List<Path> now = pending.stream().filter(f -> !busy.contains(f)).sorted().toList();
        now.forEach(pending::remove);
        return now;
    }

    /** Indexes the completed series' folders and starts those not done before (blocks while no slot is free). */
    void take(List<Path> folders) throws IOException, InterruptedException {
        SeriesIndex index = new ArchiveIndexer(Math.min(4, runner.threads() * 2))
                .index(folders, out.resolve(INDEX_DIR), listener);
        for (SeriesOutcome f : index.fileRows()) { // a stray or broken file: said, the series' rows tell the rest
            SeriesOutcome o = f.shown();
            listener.log(o.status().label() + " " + o.path() + ": " + o.reason());
        }
        Map<SeriesEntry, Path> folderOf = new HashMap<>();
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

    /** Waits for the series in flight, those run again alone included. */
    void land() throws InterruptedException {
        slots.awaitIdle(listener); // any series to run again alone has been handed to `alone` by now
        alone.shutdown();
        alone.awaitTermination(365, TimeUnit.DAYS);
        slots.awaitAll(listener);
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
     * Journals a series' rows and hands them to the node, with its folder unless that folder was
     * sent again meanwhile (it stays, to be indexed again next).
     */
    private synchronized void settle(SeriesEntry e, Path folder, List<SeriesOutcome> rows) {
        try {
            if (Journal.complete(rows) && rows.stream().noneMatch(o -> o.status() == Status.ALREADY_DONE)) {
                for (SeriesOutcome o : rows) {
                    journal.append(o);
                    done.put(Journal.key(o), o);
                }
            }
        } catch (IOException ex) {
            listener.log(e.seriesUid() + ": cannot write the journal (it will be segmented again when sent again): "
                    + ex.getMessage());
        }
        settled.rows(e, folder != null && pending.contains(folder) ? null : folder, rows);
        if (!e.references().isEmpty()) {
            try {
                ReferenceScores.gather(out.resolve(SeriesProcessor.SERIES_DIR), out.resolve(ReferenceScores.FILE));
            } catch (IOException ex) {
                listener.log("cannot gather " + ReferenceScores.FILE + ": " + ex.getMessage());
            }
        }
        if (folder != null) busy.remove(folder);
    }

    /** True when the series' files lie in {@code folder}. */
    private static boolean holds(Path folder, SeriesEntry e) {
        Path f = folder.toAbsolutePath().normalize();
        return e.files().stream().anyMatch(p -> Path.of(p).toAbsolutePath().normalize().startsWith(f));
    }
}
