package org.atrous.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.atrous.batch.BatchOptions;
import org.atrous.batch.BatchRunner;
import org.atrous.batch.Status;
import org.atrous.dicom.CtSeriesWriter;
import org.atrous.model.ModelStore;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.pipeline.CrfMode;
import org.atrous.pipeline.Models;
import org.atrous.progress.ProgressListener;
import picocli.CommandLine.Command;
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

    @Option(names = "--series", defaultValue = "20") int series;
    @Option(names = "--size", defaultValue = "256") int size;
    @Option(names = "--slices", defaultValue = "60") int slices;
    @Option(names = "--archive", required = true, description = "folder for the phantom archive (written if missing)")
    Path archive;
    @Option(names = "--output", required = true, description = "batch output folder (must not exist)") Path output;
    @Option(names = "--model", defaultValue = "ct-abdomen") String model;
    @Option(names = "--crf", defaultValue = "off") String crf;
    @Option(names = "--threads", defaultValue = "2") int threads;
    @Option(names = "--graph-per-thread") boolean graphPerThread;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(output)) {
            System.err.println("atrous batch-bench: " + output + " exists; give a new output folder");
            return 2;
        }
        writeArchive();
        ModelStore.LoadedModel m = Models.load(model);
        BatchOptions o = new BatchOptions(CrfMode.parse(crf), 5, "CT", 1, BatchOptions.DEFAULT_OUTPUTS, 8);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        BatchRunner.Result r = new BatchRunner(threads, graphPerThread, 0)
                .run(List.of(archive), output, m, o, ProgressListener.NONE);
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        long done = r.count(Status.DONE);
        System.out.printf(Locale.ROOT, "%d series %dx%dx%d, model %s, CRF %s, %d threads, %s graph, %d cores%n",
                series, size, size, slices, m.card().id(), crf, threads, graphPerThread ? "one per thread" : "shared",
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "done %d, failed %d; wall %.1f s, %.2f series/min; process CPU %.1f s (%.2f cores busy)%n",
                done, r.count(Status.FAILED), r.seconds(), done * 60 / r.seconds(), cpu, cpu / r.seconds());
        return r.count(Status.FAILED) == 0 ? 0 : 1;
    }

    private void writeArchive() throws Exception {
        for (int i = 0; i < series; i++) {
            Path dir = archive.resolve(String.format(Locale.ROOT, "phantom-%03d", i));
            if (Files.isDirectory(dir)) continue;
            PhantomOptions po = new PhantomOptions(9000 + i, size, slices, 0, 5, 5, -1, 15, false);
            Files.createDirectories(archive);
            CtSeriesWriter.write(AbdomenPhantom.generate(po, ProgressListener.NONE).ct(), dir, "", ProgressListener.NONE);
        }
    }
}
