package org.atrous.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.atrous.batch.BatchOptions;
import org.atrous.batch.BatchRunner;
import org.atrous.batch.SeriesOutcome;
import org.atrous.batch.Status;
import org.atrous.model.ModelStore;
import org.atrous.crf.CrfMode;
import org.atrous.pipeline.Models;
import org.atrous.pipeline.OutputKind;
import org.atrous.progress.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atrous batch}: segments every series of one or more archives, resumably, with one loaded model. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Segments every series of the model's modality under the inputs (folders,",
                "DICOMDIRs) with one loaded model. Per series",
                "OUT/series/<SeriesInstanceUID>/: seg.dcm, rois.zip, labels.nii.gz,",
                "stats.csv, components.csv, preview.png (and rtstruct.dcm with --rtstruct,",
                "probabilities.nii.gz with --probabilities), and reference-scores.csv where",
                "SEGs or RT Structure Sets in the archive label the series (or a named label",
                "map, such as a 3D Slicer .seg.nrrd, lies in its folder). Per run",
                "OUT/report.csv, OUT/report.html and OUT/reference-scores.csv. Resumable:",
                "OUT/journal/ records done series; a rerun skips them and redoes the rest.",
                "Exit code 0 when no series failed, 1 when some did (listed), 2 on a usage",
                "error."})
public final class BatchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Option(names = "--input", required = true, arity = "1..*", description = "archive folders, DICOMDIRs or files")
    List<Path> inputs;
    @Option(names = "--output", required = true, description = "output folder (index, journal, results, report)") Path output;
    @Option(names = "--model", defaultValue = "ct-abdomen", description = "model id in the zoo, or a model card (.json); default ${DEFAULT-VALUE}")
    String model;
    @Option(names = "--crf", description = "off, 2d, 3d or model (default: the model card's mode, else 3d)") String crf;
    @Option(names = "--crf-iterations", defaultValue = "5") int crfIterations;
    @Option(names = "--threads", description = "series in flight (default: the number of cores)") Integer threads;
    @Option(names = "--modality", description = "segment only series of this modality, e.g. CT; any for every "
            + "series (default: the modality the model was trained on)") String modality;
    @Option(names = "--min-slices", defaultValue = "1", description = "skip series with fewer slices (default ${DEFAULT-VALUE})")
    int minSlices;
    @Mixin BatchOutputOptions outputs = new BatchOutputOptions();
    @Mixin StoreOption store = new StoreOption();
    @Option(names = "--memory-mb", description = "memory budget for the series in flight (default: three quarters of the heap left once the model is loaded)")
    Long memoryMb;
    @Option(names = "--graph-per-thread", description = "one copy of the network per worker instead of one shared graph")
    boolean graphPerThread;
    @Option(names = "--batch", defaultValue = "8", description = "slices per network call") int batch;
    @Option(names = "--no-region-zoom", description = "leave out the model card's region zoom (faster, "
            + "fewer small tumours found)") boolean noRegionZoom;
    @Option(names = "--quiet", description = "plain log lines, no progress bar") boolean quiet;

    @Override
    public Integer call() throws Exception {
        BatchOptions options;
        ModelStore.LoadedModel m;
        BatchRunner runner;
        try {
            Set<OutputKind> kinds = outputs.kinds();
            Models.crfOption(crf); // a bad mode or modality fails before the model loads
            BatchOptions.checkModality(modality);
            m = Models.load(model);
            options = new BatchOptions(Models.crfMode(crf, m.card()), crfIterations,
                    BatchOptions.modalityFor(modality, m.card()), minSlices, kinds, batch,
                    noRegionZoom).withStore(store.node(spec));
            options = outputs.over(options);
            int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            runner = new BatchRunner(n, graphPerThread, memoryMb == null ? 0 : memoryMb << 20);
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        StoreOption.verify(options.store(), "batch");
        ProgressListener progress = TerminalProgress.choose("batch", quiet);
        BatchRunner.Result r;
        try {
            r = runner.run(inputs, output, m, options, progress);
        } finally {
            if (progress instanceof TerminalProgress t) t.close();
        }
        summarise(r);
        return r.exitCode();
    }

    private void summarise(BatchRunner.Result r) {
        System.out.printf(java.util.Locale.ROOT, "%d done, %d already done, %d failed, %d skipped, %d duplicate, "
                        + "%d rejected files in %.1f s; report: %s%n", r.count(Status.DONE), r.count(Status.ALREADY_DONE),
                r.count(Status.FAILED), r.count(Status.SKIPPED), r.count(Status.DUPLICATE), r.count(Status.REJECTED),
                r.seconds(), output.resolve("report.html"));
        for (SeriesOutcome o : r.rows()) {
            if (o.status() == Status.FAILED) System.out.println("failed " + o.seriesUid() + ": " + o.reason());
        }
    }
}
