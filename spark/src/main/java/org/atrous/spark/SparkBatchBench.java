package org.atrous.spark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.atrous.batch.BatchOptions;
import org.atrous.batch.SeriesOutcome;
import org.atrous.batch.Status;
import org.atrous.dicom.CtSeriesWriter;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.pipeline.CrfMode;
import org.atrous.progress.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/atrous-spark bench}: Spark's throughput on the same phantom archive that
 * {@code bin/atrous batch-bench} writes and times (same seeds, same folder names, so the two
 * figures are of one archive). A benchmark, not a test: it prints series per minute, wall and
 * CPU time, and the mean per-series cost the cluster estimate in docs/scaling.md starts from.
 */
@Command(name = "atrous-spark bench", mixinStandardHelpOptions = true,
        description = "Times the Spark job on N phantom series (series per minute, wall and CPU seconds).")
public final class SparkBatchBench implements Callable<Integer> {

    @Option(names = "--series", defaultValue = "20") int series;
    @Option(names = "--size", defaultValue = "256") int size;
    @Option(names = "--slices", defaultValue = "60") int slices;
    @Option(names = "--archive", required = true, description = "folder for the phantom archive (written if missing)")
    Path archive;
    @Option(names = "--output", required = true, description = "job output folder (must not exist)") Path output;
    @Option(names = "--model", defaultValue = "ct-abdomen") String model;
    @Option(names = "--crf", defaultValue = "off") String crf;
    @Option(names = "--master", defaultValue = "local[2]") String master;
    @Option(names = "--partitions", defaultValue = "0") int partitions;
    @Option(names = "--graph-per-task") boolean graphPerTask;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(output)) {
            System.err.println("atrous-spark bench: " + output + " exists; give a new output folder");
            return 2;
        }
        writeArchive();
        ModelBytes bytes = ModelBytes.find(model);
        BatchOptions o = new BatchOptions(CrfMode.parse(crf), 5, "CT", 1, BatchOptions.DEFAULT_OUTPUTS, 8);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long start = System.nanoTime(), cpu0 = os.getProcessCpuTime();
        try (SparkSession spark = SparkSession.builder().master(master).appName("Atrous bench")
                .config("spark.ui.enabled", "false").getOrCreate()) {
            double startup = (System.nanoTime() - start) / 1e9;
            SparkBatch.Result r = new SparkBatch(spark, partitions, ReportTable.Format.PARQUET, graphPerTask)
                    .run(List.of(archive), output, bytes, o);
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            long done = r.count(Status.DONE);
            double perSeries = r.rows().stream().filter(x -> x.status() == Status.DONE)
                    .mapToDouble(SeriesOutcome::totalSeconds).average().orElse(0);
            System.out.printf(Locale.ROOT, "%d series %dx%dx%d, model %s, CRF %s, master %s, %s graph, %d cores%n", series,
                    size, size, slices, bytes.cardName(), crf, master, graphPerTask ? "one per task" : "shared",
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "done %d, failed %d; job wall %.1f s, %.2f series/min (session start %.1f s "
                            + "more); process CPU %.1f s (%.2f cores busy); mean per-series task time %.2f s%n",
                    done, r.count(Status.FAILED), r.seconds(), done * 60 / r.seconds(), startup, cpu,
                    cpu / (r.seconds() + startup), perSeries);
            return r.count(Status.FAILED) == 0 ? 0 : 1;
        }
    }

    /** The archive of {@code bin/atrous batch-bench}: seeds 9000 + i, folders phantom-000 ... */
    private void writeArchive() throws Exception {
        for (int i = 0; i < series; i++) {
            Path dir = archive.resolve(String.format(Locale.ROOT, "phantom-%03d", i));
            if (Files.isDirectory(dir)) continue;
            PhantomOptions po = new PhantomOptions(9000 + i, size, slices, 0, 5, 5, -1, 15, false);
            Files.createDirectories(archive);
            CtSeriesWriter.write(AbdomenPhantom.generate(po, ProgressListener.NONE).ct(), dir, "", ProgressListener.NONE);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkBatchBench()).execute(args));
    }
}
