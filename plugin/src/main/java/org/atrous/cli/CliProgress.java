package org.atrous.cli;

import java.util.Locale;

import org.atrous.progress.ProgressListener;

/**
 * Progress for long CLI jobs: log lines on standard error, and a progress line with ETA at
 * most every few seconds (plain lines, so logs of unattended runs stay readable).
 */
final class CliProgress implements ProgressListener {

    private final String task;
    private final long start = System.nanoTime();
    private long lastPrint;

    CliProgress(String task) {
        this.task = task;
    }

    @Override
    public void progress(String stage, double fraction) {
        long now = System.nanoTime();
        if (now - lastPrint < 10_000_000_000L && fraction < 1) return;
        lastPrint = now;
        double elapsed = (now - start) / 1e9;
        double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : Double.NaN;
        System.err.printf(Locale.ROOT, "%s: %s %5.1f%% elapsed %s ETA %s%n", task, stage, 100 * fraction,
                duration(elapsed), Double.isNaN(eta) ? "?" : duration(eta));
    }

    @Override
    public void log(String message) {
        System.err.println(task + ": " + message);
    }

    static String duration(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
    }
}
