package org.atrous.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.atrous.progress.ProgressListener;

/**
 * A redrawn progress bar with ETA on the terminal (me.tongfei progressbar), for interactive
 * runs; log lines are printed above it. Unattended runs use {@link CliProgress}'s plain lines.
 */
final class TerminalProgress implements ProgressListener, AutoCloseable {

    private static final int STEPS = 1000;
    private final ProgressBar bar;
    private String stage = "";

    TerminalProgress(String task) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(STEPS).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).build();
    }

    /** A bar when standard error is a terminal and the user did not ask for quiet, else plain lines. */
    static ProgressListener choose(String task, boolean quiet) {
        return !quiet && System.console() != null ? new TerminalProgress(task) : new CliProgress(task);
    }

    @Override
    public synchronized void progress(String stage, double fraction) {
        if (!stage.equals(this.stage)) {
            this.stage = stage;
            bar.setExtraMessage(stage);
            bar.reset();
        }
        bar.stepTo(Math.round(fraction * STEPS));
    }

    @Override
    public synchronized void log(String message) {
        System.err.print("\r\033[K");
        System.err.println(message);
    }

    @Override
    public void close() {
        bar.close();
    }
}
