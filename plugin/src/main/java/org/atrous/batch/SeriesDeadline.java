package org.atrous.batch;

import java.util.Locale;

import org.atrous.progress.ProgressListener;

/**
 * When a series' time is up ({@link BatchOptions#seriesTimeLimitSeconds()}). The series'
 * listener reports itself cancelled from then on, so the pipeline's cancellation points
 * (reading, each inference batch, the CRF) end it, and the driver records it failed instead of
 * waiting on it for ever; a hung series must not hold a worker of an unattended run.
 */
public final class SeriesDeadline {

    private final long limitSeconds;
    private final long end;

    /** Starts now; a limit of 0 never passes. */
    public SeriesDeadline(long limitSeconds) {
        this.limitSeconds = limitSeconds;
        this.end = System.nanoTime() + limitSeconds * 1_000_000_000L;
    }

    public boolean passed() {
        return limitSeconds > 0 && System.nanoTime() - end > 0;
    }

    /** {@code series} cancelled also once this deadline has passed. */
    public ProgressListener over(ProgressListener series) {
        return new ProgressListener() {
            @Override public void progress(String stage, double fraction) { series.progress(stage, fraction); }
            @Override public void log(String message) { series.log(message); }
            @Override public boolean isCanceled() { return series.isCanceled() || passed(); }
        };
    }

    /** The failed outcome of a series stopped by this deadline. */
    public SeriesOutcome timedOut(SeriesEntry e) {
        String limit = limitSeconds % 60 == 0 ? limitSeconds / 60 + " min" : limitSeconds + " s";
        return SeriesOutcome.of(e, Status.FAILED, String.format(Locale.ROOT,
                "stopped after the series time limit of %s (--series-time-limit)", limit));
    }
}
