package org.atrous.ij;

import java.awt.GraphicsEnvironment;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.plugin.frame.RoiManager;

/**
 * Where the commands may show things. Headless (no display) nothing with a window may be
 * created at all; in a batch-mode macro images stay hidden. Results are the same either way.
 */
final class Gui {

    private Gui() { }

    static boolean headless() {
        return GraphicsEnvironment.isHeadless();
    }

    /** No windows: headless, or a macro in batch mode. */
    static boolean noWindows() {
        return headless() || Interpreter.isBatchMode();
    }

    /**
     * The ROI Manager a macro's {@code roiManager(...)} would use: in batch mode ImageJ's
     * hidden one, otherwise the window (created if {@code create}). Null headless.
     */
    static RoiManager roiManager(boolean create) {
        if (headless()) return null;
        RoiManager rm = Interpreter.isBatchMode() ? Interpreter.getBatchModeRoiManager() : null;
        if (rm == null) rm = create ? RoiManager.getRoiManager() : RoiManager.getInstance();
        return rm;
    }

    /** Shows the image, or headless makes it the current image without a window. */
    static void show(ImagePlus imp) {
        if (headless()) WindowManager.setTempCurrentImage(imp);
        else imp.show();
    }

    /**
     * An error the user or the macro sees: a message box in the GUI; in batch mode or headless
     * a log line and the macro stops (ImageJ's own error would open a modal box and hang).
     */
    static void error(String title, String message) {
        if (!noWindows()) {
            IJ.error(title, message);
            return;
        }
        IJ.log(title + ": error: " + message);
        if (Macro.getOptions() != null || Interpreter.isBatchMode()) Interpreter.abort();
    }

    /**
     * The one-line reason for ND4J's backend failing to start (natives for another platform, a
     * CUDA build without a GPU), to show instead of a stack trace; any other error is rethrown.
     */
    static String backendFailure(Error e) {
        String why = org.atrous.install.BackendFailure.explain(e, org.atrous.install.BackendFailure.ABOUT);
        if (why == null) throw e;
        return why;
    }
}
