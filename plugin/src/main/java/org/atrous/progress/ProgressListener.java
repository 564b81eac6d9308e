package org.atrous.progress;

/**
 * The one small channel through which long-running core code reports progress and learns of
 * cancellation, in the spirit of TrackMate's {@code Logger} and MorphoLibJ's
 * {@code AlgoListener}. The ImageJ side adapts it to {@code IJ.showProgress}, the CLI to a
 * progress bar, the batch to log lines. Core packages depend on this interface only.
 */
public interface ProgressListener {

    /** Does nothing and never cancels. */
    ProgressListener NONE = new ProgressListener() { };

    /**
     * Reports that {@code stage} (for example "reading", "inference", "crf") is
     * {@code fraction} done, 0 to 1.
     */
    default void progress(String stage, double fraction) { }

    /** A line worth showing to the user (a warning, a step finished). */
    default void log(String message) { }

    /** True once the user asked to stop; long loops check it and throw {@link Cancelled}. */
    default boolean isCanceled() { return false; }

    /** Throws {@link Cancelled} when cancellation was requested. */
    default void checkCanceled() {
        if (isCanceled()) throw new Cancelled();
    }

    /**
     * This listener for part {@code index} of {@code count} equal parts of a stage: fractions
     * reported to it arrive here as {@code (index + fraction) / count}.
     */
    default ProgressListener part(int index, int count) {
        ProgressListener whole = this;
        return new ProgressListener() {
            @Override public void progress(String stage, double fraction) {
                whole.progress(stage, (index + fraction) / count);
            }
            @Override public void log(String message) { whole.log(message); }
            @Override public boolean isCanceled() { return whole.isCanceled(); }
        };
    }

    /** Thrown by core code that stops early because the listener asked it to. */
    final class Cancelled extends RuntimeException {
        public Cancelled() { super("cancelled by the user"); }
    }
}
