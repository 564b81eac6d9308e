package org.atrous.spark;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.atrous.batch.BatchOptions;
import org.atrous.batch.SeriesOutcome;
import org.atrous.batch.Status;
import org.atrous.cli.BenchArchive;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Command;

/**
 * {@code bin/atrous-spark bench}: Spark's throughput on the same phantom archive that
 * {@code bin/atrous batch-bench} writes and times (same seeds, same folder names, so the two
 * figures are of one archive). A benchmark, not a test: it prints series per minute, wall and
 * CPU time, and the mean per-series cost the cluster estimate in docs/scaling.md starts from.
 */
@Command(name = "atrous-spark bench", mixinStandardHelpOptions = true,
        description = "Times the Spark job on N phantom series (series per minute, wall and CPU seconds).")
public final class SparkBatchBench implements Callable<Integer> {

    @Mixin BenchArchive bench;
    @Option(names = "--master", defaultValue = "local[2]") String master;
    @Option(names = "--partitions", defaultValue = "0") int partitions;
    @Option(names = "--graph-per-task") boolean graphPerTask;

    @Override
    public Integer call() throws Exception {
        if (!bench.outputIsFree("atrous-spark bench")) return 2;
        bench.write();
        ModelBytes bytes = ModelBytes.find(bench.model);
        BatchOptions o = bench.batchOptions();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long start = System.nanoTime(), cpu0 = os.getProcessCpuTime();
        try (SparkSession spark = SparkSession.builder().master(master).appName("Atrous bench")
                .config("spark.ui.enabled", "false").getOrCreate()) {
            double startup = (System.nanoTime() - start) / 1e9;
            SparkBatch.Result r = new SparkBatch(spark, partitions, ReportTable.Format.PARQUET, graphPerTask)
                    .run(List.of(bench.archive), bench.output, bytes, o);
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            long done = r.count(Status.DONE);
            double perSeries = r.rows().stream().filter(x -> x.status() == Status.DONE)
                    .mapToDouble(SeriesOutcome::totalSeconds).average().orElse(0);
            System.out.printf(Locale.ROOT, "%s, model %s, CRF %s, master %s, %s graph, %d cores%n",
                    bench.describe(), bytes.cardName(), bench.crf, master, graphPerTask ? "one per task" : "shared",
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "done %d, failed %d; job wall %.1f s, %.2f series/min (session start %.1f s "
                            + "more); process CPU %.1f s (%.2f cores busy); mean per-series task time %.2f s%n",
                    done, r.count(Status.FAILED), r.seconds(), done * 60 / r.seconds(), startup, cpu,
                    cpu / (r.seconds() + startup), perSeries);
            return r.count(Status.FAILED) == 0 ? 0 : 1;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkBatchBench()).execute(args));
    }
}
