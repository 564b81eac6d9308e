package org.atrous.cli;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.atrous.batch.BatchOptions;
import org.atrous.batch.BatchRunner;
import org.atrous.batch.Status;
import org.atrous.model.ModelStore;
import org.atrous.pipeline.Models;
import org.atrous.progress.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code atrous batch-bench}: batch throughput on an archive of phantom series. Writes the
 * archive once (reused when it exists), then times a fresh batch run into a new output folder
 * and prints series per minute, wall and CPU time. A benchmark, not a test: figures depend on
 * the machine and its load.
 */
@Command(name = "batch-bench", mixinStandardHelpOptions = true,
        description = "Times bin/atrous batch on N phantom series (series per minute, wall and CPU seconds).")
public final class BatchBenchCommand implements Callable<Integer> {

    @Mixin BenchArchive bench;
    @Option(names = "--threads", defaultValue = "2") int threads;
    @Option(names = "--graph-per-thread") boolean graphPerThread;

    @Override
    public Integer call() throws Exception {
        if (!bench.outputIsFree("atrous batch-bench")) return 2;
        bench.write();
        ModelStore.LoadedModel m = Models.load(bench.model);
        BatchOptions o = bench.batchOptions();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        BatchRunner.Result r = new BatchRunner(threads, graphPerThread, 0)
                .run(List.of(bench.archive), bench.output, m, o, ProgressListener.NONE);
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        long done = r.count(Status.DONE);
        System.out.printf(Locale.ROOT, "%s, model %s, CRF %s, %d threads, %s graph, %d cores%n",
                bench.describe(), m.card().id(), bench.crf, threads, graphPerThread ? "one per thread" : "shared",
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "done %d, failed %d; wall %.1f s, %.2f series/min; process CPU %.1f s (%.2f cores busy)%n",
                done, r.count(Status.FAILED), r.seconds(), done * 60 / r.seconds(), cpu, cpu / r.seconds());
        return r.count(Status.FAILED) == 0 ? 0 : 1;
    }
}
