package org.atrous.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.atrous.batch.BatchOptions;
import org.atrous.batch.Journal;
import org.atrous.batch.SeriesEntry;
import org.atrous.batch.SeriesOutcome;
import org.atrous.batch.SeriesDeadline;
import org.atrous.progress.ProgressListener;
import org.atrous.batch.SeriesProcessor;
import org.atrous.batch.Status;
import org.atrous.dicom.CtSeriesWriter;
import org.atrous.model.ModelStore;

/**
 * The work of one Spark task: the batch's own per-series unit on each series of its partition.
 * Each attempt writes into a staging root of its own ({@code OUT/.spark-staging/<run>-<attempt>}),
 * so attempts of the same task never share a half-written folder; a series that came out whole
 * is then moved into {@code OUT/series/} atomically ({@link SeriesCommit}) and only then journaled,
 * in the attempt's own journal file. A failed series is a report row, never a failed task.
 */
final class SeriesTask implements FlatMapFunction<Iterator<List<SeriesEntry>>, SeriesOutcome> {

    /** Folder under the output root that holds the attempts' staging roots. */
    static final String STAGING = ".spark-staging";

    private final Broadcast<ModelBytes> model;
    private final BatchOptions options;
    private final String outRoot;
    private final String runId;
    private final boolean graphPerTask;

    /**
     * @param graphPerTask give each task its own copy of the executor's graph, so that the tasks
     *                     of one executor run inference concurrently instead of taking turns
     */
    SeriesTask(Broadcast<ModelBytes> model, BatchOptions options, Path outRoot, String runId, boolean graphPerTask) {
        this.model = model;
        this.options = options;
        this.outRoot = outRoot.toString();
        this.runId = runId;
        this.graphPerTask = graphPerTask;
    }

    @Override
    public Iterator<SeriesOutcome> call(Iterator<List<SeriesEntry>> groups) throws IOException {
        TaskContext tc = TaskContext.get();
        String attempt = tc == null ? "direct" : String.format(Locale.ROOT, "p%05d-a%d-t%d", tc.partitionId(),
                tc.attemptNumber(), tc.taskAttemptId());
        return run(groups, attempt).iterator();
    }

    /** Processes every series of the groups as the attempt named {@code attempt}. */
    List<SeriesOutcome> run(Iterator<List<SeriesEntry>> groups, String attempt) throws IOException {
        Path out = Path.of(outRoot);
        Path staging = out.resolve(STAGING).resolve(runId + "-" + attempt);
        ModelStore.LoadedModel shared = ExecutorModel.get(model.value());
        ModelStore.LoadedModel m = graphPerTask ? new ModelStore.LoadedModel(shared.card(), shared.graph().clone()) : shared;
        List<SeriesOutcome> rows = new ArrayList<>();
        try (Journal journal = Journal.open(out, "spark-" + runId + "-" + attempt)) {
            while (groups.hasNext()) {
                for (SeriesEntry e : groups.next()) rows.addAll(one(e, m, out, staging, journal));
            }
        } finally {
            CtSeriesWriter.deleteQuietly(staging);
        }
        return rows;
    }

    /** A series' rows, one per volume; journaled once every volume's folder is in place. */
    private List<SeriesOutcome> one(SeriesEntry e, ModelStore.LoadedModel m, Path out, Path staging, Journal journal)
            throws IOException {
        SeriesDeadline deadline = new SeriesDeadline(options.seriesTimeLimitSeconds());
        List<SeriesOutcome> rows;
        try {
            rows = SeriesProcessor.process(e, m, options, staging, deadline.over(ProgressListener.NONE));
        } catch (ProgressListener.Cancelled stopped) { // only the deadline cancels here
            return List.of(deadline.timedOut(e));
        }
        List<SeriesOutcome> placed = new ArrayList<>();
        for (SeriesOutcome o : rows) placed.add(o.status() == Status.DONE ? commit(o, out, staging) : o);
        if (Journal.complete(placed)) {
            for (SeriesOutcome o : placed) journal.append(o);
        }
        return placed;
    }

    private static SeriesOutcome commit(SeriesOutcome o, Path out, Path staging) {
        try {
            SeriesCommit.commit(staging.resolve(o.outputDir()), out.resolve(o.outputDir()));
            return o;
        } catch (IOException | UncheckedIOException ex) {
            return o.failed("outputs written but not moved into place: " + ex.getMessage());
        }
    }
}
