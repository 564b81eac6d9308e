package org.atrous.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.atrous.dicom.CtSeriesWriter;
import org.atrous.model.ModelStore;
import org.atrous.pacs.SeriesReceiver;
import org.atrous.progress.ProgressListener;

/**
 * Atrous as a DICOM node: series a modality or PACS sends are segmented once they are complete
 * (quiet for a while) by the batch ({@link BatchRunner}: journal, outputs, time limit, modality
 * filter, {@code --store} back to a PACS), into the same output folder. The series quiet at one
 * look go to one batch run, several in flight as its threads allow (the series of a study
 * arrive together); series quiet while it runs go to the next. Each
 * series' rows are added to {@value #LOG}, and {@code report.csv}/{@code report.html} show every
 * series since the node started; a series done or skipped leaves {@code incoming/}, one that
 * failed stays there for a look.
 */
public final class DicomNode {

    /** Every series' report rows, one run after another. */
    public static final String LOG = "received.csv";

    private final SeriesReceiver receiver;
    private final Path out;
    private final ModelStore.LoadedModel model;
    private final BatchRunner runner;
    private final BatchOptions options;
    private final double quietSeconds;
    private final boolean keepIncoming;
    private final ProgressListener listener;
    /** This run's rows, for report.csv and report.html (received.csv keeps every run's). */
    private final List<SeriesOutcome> seen = new ArrayList<>();
    private final String started = java.time.LocalDateTime.now().withNano(0).toString().replace('T', ' ');

    /** A node segmenting one series at a time. */
    public DicomNode(SeriesReceiver receiver, Path out, ModelStore.LoadedModel model, BatchOptions options,
                     double quietSeconds, boolean keepIncoming, ProgressListener listener) {
        this(receiver, out, model, new BatchRunner(1, false, 0), options, quietSeconds, keepIncoming, listener);
    }

    /** A node whose series quiet together are segmented by {@code runner} (its threads in flight). */
    public DicomNode(SeriesReceiver receiver, Path out, ModelStore.LoadedModel model, BatchRunner runner,
                     BatchOptions options, double quietSeconds, boolean keepIncoming, ProgressListener listener) {
        this.receiver = receiver;
        this.runner = runner;
        this.out = out;
        this.model = model;
        this.options = options;
        this.quietSeconds = quietSeconds;
        this.keepIncoming = keepIncoming;
        this.listener = listener;
    }

    /** Segments quiet series until {@code stop} says so (checked twice a second). */
    public void runUntil(BooleanSupplier stop) throws IOException, InterruptedException {
        while (!stop.getAsBoolean()) {
            receiver.problems().forEach(listener::log);
            List<Path> quiet = receiver.quietSeries(quietSeconds);
            if (!quiet.isEmpty()) {
                try {
                    process(quiet);
                } catch (IOException | RuntimeException e) { // a failed run must not stop the node
                    for (Path series : quiet) {
                        listener.log(series.getFileName() + ": not segmented, kept in incoming/: " + e.getMessage());
                    }
                }
            }
            Thread.sleep(500);
        }
    }

    private void process(List<Path> series) throws IOException {
        BatchRunner.Result r = runner.run(series, out, model, options, listener);
        List<SeriesOutcome> rows = new ArrayList<>();
        for (SeriesOutcome o : r.rows()) {
            if (o.seriesUid().isEmpty()) continue; // stray files of the folder: the series' rows tell the story
            rows.add(o); // the batch has logged it
        }
        append(rows);
        seen.addAll(rows);
        BatchReport.write(seen, out, "Atrous DICOM node: series received since " + started);
        if (keepIncoming) return;
        for (Path folder : series) { // named by its Series Instance UID (SeriesReceiver)
            String uid = folder.getFileName().toString();
            List<SeriesOutcome> own = rows.stream().filter(o -> o.seriesUid().equals(uid)
                    || o.seriesUid().startsWith(uid + "#")).toList(); // a later volume of it: <uid>#k
            if (!own.isEmpty() && own.stream().allMatch(o -> o.status() != Status.FAILED)) {
                CtSeriesWriter.deleteQuietly(folder);
            }
        }
    }

    /** Adds the rows to {@value #LOG} (header first when new); each line is whole before the next. */
    private void append(List<SeriesOutcome> rows) throws IOException {
        Path log = out.resolve(LOG);
        String csv = BatchReport.csv(rows);
        String body = csv.substring(csv.indexOf('\n') + 1);
        if (!Files.exists(log)) body = csv;
        Files.writeString(log, body, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }
}
