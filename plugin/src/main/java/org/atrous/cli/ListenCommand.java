package org.atrous.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import org.atrous.batch.BatchOptions;
import org.atrous.batch.BatchRunner;
import org.atrous.batch.DicomNode;
import org.atrous.model.ModelStore;
import org.atrous.pacs.SeriesReceiver;
import org.atrous.pipeline.Models;
import org.atrous.progress.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atrous listen}: a DICOM node that segments what is sent to it. */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = {"Runs as a DICOM node: a Storage SCP on PORT that takes series from a modality or PACS",
                "(C-STORE), files them under OUT/incoming/<SeriesInstanceUID>/, and once nothing of a study has come",
                "for --quiet-seconds segments its series as batch does into OUT/results/ (series/<uid>/, journal,",
                "report), several at a time (--threads), a study completing meanwhile starting at once,",
                "sending the DICOM outputs back with --store. Every series' rows go to OUT/results/received.csv;",
                "a series done or skipped leaves incoming/, one that failed stays. Runs until stopped (Ctrl-C)."})
public final class ListenCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Option(names = "--port", required = true, description = "TCP port to listen on, e.g. 11112") int port;
    @Option(names = "--ae", defaultValue = "ATROUS", description = "this node's AE title (default ${DEFAULT-VALUE})") String ae;
    @Option(names = "--output", required = true, description = "folder for incoming/ and results/") Path output;
    @Option(names = "--model", defaultValue = "ct-abdomen", description = "model id in the zoo, or a model card (.json); default ${DEFAULT-VALUE}")
    String model;
    @Option(names = "--crf", description = "off, 2d, 3d or model (default: the model card's mode, else 3d)") String crf;
    @Option(names = "--modality", description = "segment only series of this modality (default: the model's); any for every series")
    String modality;
    @Option(names = "--quiet-seconds", defaultValue = "10", description = "a series is complete when nothing of it came "
            + "for this long (default ${DEFAULT-VALUE})") double quietSeconds;
    @Option(names = "--keep-incoming", description = "keep received files after their series is done") boolean keepIncoming;
    @Option(names = "--threads", description = "series in flight at most, of one study or several "
            + "(default: the number of cores)") Integer threads;
    @Option(names = "--memory-mb", description = "memory budget for the series in flight (default: three quarters of the heap left once the model is loaded)")
    Long memoryMb;
    @Mixin BatchOutputOptions outputs = new BatchOutputOptions();
    @Mixin StoreOption store = new StoreOption();

    @Override
    public Integer call() throws Exception {
        ModelStore.LoadedModel m;
        BatchOptions options;
        try {
            Models.crfOption(crf);
            BatchOptions.checkModality(modality);
            if (port < 1 || port > 65535) throw new IllegalArgumentException("--port must be 1..65535: " + port);
            if (!(quietSeconds > 0)) throw new IllegalArgumentException("--quiet-seconds must be positive: " + quietSeconds);
            if (threads != null && threads < 1) throw new IllegalArgumentException("--threads must be at least 1: " + threads);
            if (memoryMb != null && memoryMb < 1) throw new IllegalArgumentException("--memory-mb must be positive: " + memoryMb);
            m = Models.load(model);
            options = outputs.over(new BatchOptions(Models.crfMode(crf, m.card()), 5,
                    BatchOptions.modalityFor(modality, m.card()), 1, outputs.kinds(), 8, false)
                    .withStore(store.node(spec)));
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        StoreOption.verify(options.store(), "atrous listen");
        AtomicBoolean stop = new AtomicBoolean();
        ProgressListener log = new ProgressListener() {
            @Override public void log(String message) { System.err.println("atrous listen: " + message); }
        };
        try (SeriesReceiver receiver = new SeriesReceiver(port, ae, output.resolve("incoming"))) {
            BatchRunner runner = new BatchRunner(threads == null ? Runtime.getRuntime().availableProcessors() : threads,
                    false, memoryMb == null ? 0 : memoryMb << 20);
            DicomNode node = new DicomNode(receiver, output.resolve("results"), m, runner, options, quietSeconds,
                    keepIncoming, log);
            // Ctrl-C: the JVM ends once this hook returns, series in flight unfinished (the next start
            // takes them up), so the report is brought up to date here
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.set(true);
                node.flushReport();
            }));
            log.log("listening on port " + port + " as " + ae + "; results in " + output.resolve("results"));
            node.runUntil(stop::get);
        }
        return 0;
    }
}
