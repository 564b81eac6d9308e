package org.atrous.ij;

import java.util.Locale;

import ij.IJ;
import org.atrous.progress.ProgressListener;

/**
 * The core's progress channel shown in ImageJ's status line and progress bar; Esc cancels.
 * Headless, ImageJ's calls print or do nothing, so this stays safe in batch runs.
 */
final class IjProgress implements ProgressListener {

    private final String task;

    IjProgress(String task) {
        this.task = task;
        IJ.resetEscape();
    }

    @Override
    public void progress(String stage, double fraction) {
        IJ.showStatus(String.format(Locale.ROOT, "%s: %s %.0f%% (Esc cancels)", task, stage, 100 * fraction));
        IJ.showProgress(Math.min(1, fraction));
    }

    @Override
    public void log(String message) {
        IJ.log(task + ": " + message);
    }

    @Override
    public boolean isCanceled() {
        return IJ.escapePressed();
    }

    /** Clears the status line and the bar, done or not. */
    void finish(String status) {
        IJ.showProgress(1.0);
        IJ.showStatus(status);
    }
}
