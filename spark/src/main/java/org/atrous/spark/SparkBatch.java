package org.atrous.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.atrous.batch.ArchiveIndexer;
import org.atrous.batch.BatchOptions;
import org.atrous.batch.BatchReport;
import org.atrous.batch.Journal;
import org.atrous.batch.OutputLock;
import org.atrous.batch.SeriesEntry;
import org.atrous.batch.SeriesIndex;
import org.atrous.batch.ReferenceRescoring;
import org.atrous.batch.ReferenceScores;
import org.atrous.batch.SeriesOutcome;
import org.atrous.batch.SeriesProcessor;
import org.atrous.batch.Status;
import org.atrous.dicom.CtSeriesWriter;
import org.atrous.dicom.SegmentClass;
import org.atrous.model.ModelCard;
import org.atrous.progress.ProgressListener;

/**
 * The driver side of the batch on Spark. Takes the same lock on the output folder as the local
 * batch, indexes the archive (or reads an index already built), skips what the journal records
 * as done, spreads the rest over partitions run by {@link SeriesTask}, and writes the run report:
 * the local batch's {@code report.csv} and {@code report.html} plus a Spark table
 * ({@code report.parquet/} or {@code report-table/} as CSV) for querying large runs.
 */
public final class SparkBatch {

    /** Everything a run found and did, sorted as the local batch sorts it. */
    public record Result(List<SeriesOutcome> rows, double seconds) {
        public long count(Status s) {
            return rows.stream().filter(r -> r.status() == s).count();
        }
    }

    private final SparkSession spark;
    private final int partitions;
    private final ReportTable.Format tableFormat;
    private final boolean graphPerTask;

    /**
     * @param partitions   tasks to cut the work into, or 0 for four per core of the cluster
     * @param tableFormat  the format of the report table
     * @param graphPerTask each task infers with its own copy of the executor's graph
     */
    public SparkBatch(SparkSession spark, int partitions, ReportTable.Format tableFormat, boolean graphPerTask) {
        this.spark = spark;
        this.partitions = partitions;
        this.tableFormat = tableFormat;
        this.graphPerTask = graphPerTask;
    }

    /** Indexes {@code inputs} into {@code outRoot} (reusing its cache), then runs the index. */
    public Result run(List<Path> inputs, Path outRoot, ModelBytes model, BatchOptions options) throws IOException {
        return locked(outRoot, out -> new ArchiveIndexer(4).index(inputs, out, ProgressListener.NONE), model, options,
                "Atrous batch on Spark of " + String.join(", ", inputs.stream().map(Path::toString).toList()));
    }

    /** Runs an index the batch already built ({@code OUT/index.json}). */
    public Result runIndex(Path outRoot, ModelBytes model, BatchOptions options) throws IOException {
        return locked(outRoot, SeriesIndex::read, model, options, "Atrous batch on Spark of " + outRoot.resolve(SeriesIndex.FILE));
    }

    private interface IndexSource {
        SeriesIndex index(Path out) throws IOException;
    }

    /** What the driver itself notes (a done series scored again), on its standard error. */
    private static final ProgressListener DRIVER_LOG = new ProgressListener() {
        @Override public void log(String message) { System.err.println("atrous: " + message); }
    };

    private Result locked(Path outRoot, IndexSource source, ModelBytes model, BatchOptions options, String title)
            throws IOException {
        long t0 = System.nanoTime();
        Path out = outRoot.toAbsolutePath().normalize();
        Files.createDirectories(out);
        try (OutputLock lock = OutputLock.acquire(out)) {
            sweep(out);
            SeriesIndex index = source.index(out);
            List<SeriesOutcome> rows = new ArrayList<>(index.fileRows());
            List<SeriesEntry> todo = new ArrayList<>();
            Map<String, SeriesOutcome> done = Journal.completed(out);
            List<SeriesEntry> doneWithReferences = new ArrayList<>();
            for (SeriesEntry e : index.entries()) {
                List<SeriesOutcome> d = Journal.rowsOf(done, e);
                if (d != null) d.forEach(o -> rows.add(alreadyDone(o)));
                else todo.add(e);
                if (d != null && !e.references().isEmpty()) doneWithReferences.add(e);
            }
            clearStale(out, todo);
            rows.addAll(process(todo, model, options, out));
            // on the driver: reading a few done series again is cheap beside a cluster job
            List<SegmentClass> classes = ModelCard.parse(model.card(), model.cardName()).classes();
            for (SeriesEntry e : doneWithReferences) ReferenceRescoring.rescore(e, classes, out, DRIVER_LOG);
            rows.sort(Comparator.comparing(SeriesOutcome::seriesUid).thenComparing(SeriesOutcome::path));
            BatchReport.write(rows, out, title);
            ReportTable.write(spark, rows, out, tableFormat);
            ReferenceScores.gather(out.resolve(SeriesProcessor.SERIES_DIR), out.resolve(ReferenceScores.FILE));
            return new Result(rows, (System.nanoTime() - t0) / 1e9);
        }
    }

    private List<SeriesOutcome> process(List<SeriesEntry> todo, ModelBytes model, BatchOptions options, Path out) {
        if (todo.isEmpty()) return List.of();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int n = partitions > 0 ? partitions : 4 * jsc.defaultParallelism();
        List<List<SeriesEntry>> plan = PartitionPlan.of(todo, n);
        Broadcast<ModelBytes> bytes = jsc.broadcast(model);
        try {
            jsc.setJobDescription("Atrous: " + todo.size() + " series in " + plan.size() + " partitions");
            return jsc.parallelize(plan, plan.size())
                    .mapPartitions(new SeriesTask(bytes, options, out, runId(), graphPerTask))
                    .collect();
        } finally {
            bytes.destroy();
        }
    }

    /** Unique per run, readable in folder listings: the attempts' staging roots and journal files carry it. */
    static String runId() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * What a crashed run left: attempts' staging roots and hidden half-written series folders.
     * None of their series was journaled, so each is redone.
     */
    static void sweep(Path out) throws IOException {
        CtSeriesWriter.deleteQuietly(out.resolve(SeriesTask.STAGING));
        Path series = out.resolve(SeriesProcessor.SERIES_DIR);
        if (!Files.isDirectory(series)) return;
        try (Stream<Path> s = Files.list(series)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".")).toList()) CtSeriesWriter.deleteQuietly(p);
        }
    }

    /**
     * A series to do whose folder exists was written by an earlier run but never journaled (or
     * for other files): its folder is replaced, as the local batch replaces it. Moved aside to a
     * hidden name first, so a crash midway leaves nothing that looks complete.
     */
    static void clearStale(Path out, List<SeriesEntry> todo) throws IOException {
        for (SeriesEntry e : todo) {
            // the folders of a series' later volumes (<uid>_2, ...) go with it
            for (int k = 1; ; k++) {
                Path dir = SeriesProcessor.outputDir(out, SeriesOutcome.partUid(e.seriesUid(), k));
                if (!Files.isDirectory(dir)) {
                    if (k == 1) continue;
                    break;
                }
                Path aside = dir.resolveSibling(".stale-" + dir.getFileName());
                CtSeriesWriter.deleteQuietly(aside);
                Files.move(dir, aside, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                CtSeriesWriter.deleteQuietly(aside);
            }
        }
    }

    /** The journal's row of a series done by an earlier run, as this run reports it. */
    static SeriesOutcome alreadyDone(SeriesOutcome d) {
        if (d.status() == Status.SKIPPED) return d; // a skipped volume of a series of several
        return new SeriesOutcome(d.seriesUid(), Status.ALREADY_DONE, d.reason(), d.modality(), d.size(), d.path(),
                d.fileHash(), d.outputDir(), d.readSeconds(), d.inferenceSeconds(), d.crfSeconds(), d.writeSeconds(),
                d.volumes(), d.noiseHu(), d.parts(), d.scoreSeconds());
    }
}
