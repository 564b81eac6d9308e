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
                for (SeriesEntry e : groups.next()) rows.add(one(e, m, out, staging, journal));
            }
        } finally {
            CtSeriesWriter.deleteQuietly(staging);
        }
        return rows;
    }

    private SeriesOutcome one(SeriesEntry e, ModelStore.LoadedModel m, Path out, Path staging, Journal journal)
            throws IOException {
        SeriesDeadline deadline = new SeriesDeadline(options.seriesTimeLimitSeconds());
        SeriesOutcome o;
        try {
            o = SeriesProcessor.process(e, m, options, staging, deadline.over(ProgressListener.NONE));
        } catch (ProgressListener.Cancelled stopped) { // only the deadline cancels here
            return deadline.timedOut(e);
        }
        if (o.status() != Status.DONE) return o;
        try {
            SeriesCommit.commit(SeriesProcessor.outputDir(staging, e.seriesUid()),
                    SeriesProcessor.outputDir(out, e.seriesUid()));
        } catch (IOException | UncheckedIOException ex) {
            return failed(o, "outputs written but not moved into place: " + ex.getMessage());
        }
        journal.append(o);
        return o;
    }

    private static SeriesOutcome failed(SeriesOutcome o, String reason) {
        return new SeriesOutcome(o.seriesUid(), Status.FAILED, reason, o.modality(), o.size(), o.path(), o.fileHash(),
                "", o.readSeconds(), o.inferenceSeconds(), o.crfSeconds(), o.writeSeconds(), List.of(), null);
    }
}
