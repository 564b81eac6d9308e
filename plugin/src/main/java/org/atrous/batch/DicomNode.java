package org.atrous.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.atrous.dicom.CtSeriesWriter;
import org.atrous.model.ModelStore;
import org.atrous.pacs.SeriesReceiver;
import org.atrous.progress.ProgressListener;

/**
 * Atrous as a DICOM node: the series a modality or PACS sends are segmented once their study is
 * complete (nothing of it has come for a while), by the batch's per-series path (journal,
 * outputs, time limit, modality filter, {@code --store} back to a PACS) into one output folder,
 * which the node holds for its lifetime as a batch run does. Series are in flight side by side
 * as the runner's threads and memory budget allow, and a study that completes while others are
 * segmented starts at once: a long series holds up no other study. Each series' rows are added
 * to {@value #LOG} as it settles, and {@code report.csv}/{@code report.html} show every series
 * since the node started; a series done or skipped leaves {@code incoming/}, one that failed
 * stays there for a look.
 */
public final class DicomNode {

    /** Every series' report rows, one run after another. */
    public static final String LOG = "received.csv";
    /** Seconds between two writes of report.csv and report.html while series settle. */
    static final long REPORT_SECONDS = 10;

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
    /** Whether {@link #seen} has rows report.csv and report.html do not show yet. */
    private boolean reportBehind;
    private long reportWritten;
    private final String started = java.time.LocalDateTime.now().withNano(0).toString().replace('T', ' ');

    /** A node segmenting one series at a time. */
    public DicomNode(SeriesReceiver receiver, Path out, ModelStore.LoadedModel model, BatchOptions options,
                     double quietSeconds, boolean keepIncoming, ProgressListener listener) {
        this(receiver, out, model, new BatchRunner(1, false, 0), options, quietSeconds, keepIncoming, listener);
    }

    /** A node whose series are segmented as {@code runner} would (its threads in flight, its memory budget). */
    public DicomNode(SeriesReceiver receiver, Path out, ModelStore.LoadedModel model, BatchRunner runner,
                     BatchOptions options, double quietSeconds, boolean keepIncoming, ProgressListener listener) {
        this.receiver = receiver;
        this.out = out.toAbsolutePath().normalize();
        this.model = model;
        this.runner = runner;
        this.options = options;
        this.quietSeconds = quietSeconds;
        this.keepIncoming = keepIncoming;
        this.listener = listener;
    }

    /**
     * Segments completed studies until {@code stop} says so (checked twice a second), then waits
     * for the series in flight.
     */
    public void runUntil(BooleanSupplier stop) throws IOException, InterruptedException {
        Files.createDirectories(out);
        try (OutputLock lock = OutputLock.acquire(out); Journal journal = Journal.open(out, "listen")) {
            BatchRunner.sweepPartials(out);
            if (!receiver.leftOver().isEmpty()) {
                listener.log(receiver.leftOver().size() + " series left in incoming/ by an earlier run: taken up now"
                        + " (one done then is found in the journal)");
            }
            NodeFlight flight = new NodeFlight(runner, model, options, out, journal, listener, this::settled);
            try {
                while (!stop.getAsBoolean()) {
                    receiver.problems().forEach(listener::log);
                    List<Path> quiet = flight.ready(receiver.quietSeries(quietSeconds));
                    if (!quiet.isEmpty()) {
                        try {
                            flight.take(quiet);
                        } catch (IOException | RuntimeException e) { // a study that cannot be indexed must not stop the node
                            for (Path series : quiet) {
                                listener.log(series.getFileName() + ": not segmented, kept in incoming/: " + e.getMessage());
                            }
                        }
                    }
                    writeReport(false);
                    Thread.sleep(500);
                }
            } finally {
                flight.land();
                writeReport(true);
            }
        }
    }

    /** Brings report.csv and report.html up to date now (a node being stopped). */
    public void flushReport() {
        writeReport(true);
    }

    /**
     * Writes report.csv and report.html when series settled since the last time, at most every
     * {@value #REPORT_SECONDS} s unless {@code now}: they hold every series since the node
     * started, so writing them for each series would cost a busy node more as it runs. A failure
     * (a full disk) is logged and tried again later; the node goes on.
     */
    private synchronized void writeReport(boolean now) {
        if (!reportBehind || (!now && System.nanoTime() - reportWritten < REPORT_SECONDS * 1_000_000_000L)) return;
        reportWritten = System.nanoTime();
        try {
            BatchReport.write(seen, out, "Atrous DICOM node: series received since " + started);
            reportBehind = false;
        } catch (IOException e) {
            listener.log("cannot write the report: " + e.getMessage());
        }
    }

    /**
     * A series' rows, once journaled: logged, added to {@value #LOG} and the report, and its
     * incoming folder (null: none) cleared when it is settled (done or skipped).
     */
    private void settled(SeriesEntry e, Path folder, List<SeriesOutcome> rows) {
        rows.forEach(o -> listener.log(BatchRunner.line(o)));
        synchronized (this) {
            try {
                append(rows);
            } catch (IOException ex) {
                listener.log(e.seriesUid() + ": cannot add its rows to " + LOG + ": " + ex.getMessage());
            }
            seen.addAll(rows);
            reportBehind = true;
        }
        boolean done = !rows.isEmpty() && rows.stream().allMatch(o -> o.status() != Status.FAILED);
        if (done && !keepIncoming && folder != null) CtSeriesWriter.deleteQuietly(folder);
    }

    /** Adds the rows to {@value #LOG} (header first when new); each line is whole before the next. */
    private void append(List<SeriesOutcome> rows) throws IOException {
        Path log = out.resolve(LOG);
        String csv = BatchReport.csv(rows);
        String body = csv.substring(csv.indexOf('\n') + 1);
        if (!Files.exists(log)) body = csv;
        Files.writeString(log, body, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
