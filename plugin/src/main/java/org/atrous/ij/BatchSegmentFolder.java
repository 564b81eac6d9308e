package org.atrous.ij;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ij.IJ;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import org.atrous.batch.BatchOptions;
import org.atrous.batch.BatchRunner;
import org.atrous.batch.SeriesOutcome;
import org.atrous.batch.Status;
import org.atrous.model.ModelStore;
import org.atrous.pipeline.Models;
import org.atrous.pacs.PacsNode;
import org.atrous.pipeline.OutputKind;
import org.atrous.progress.ProgressListener;

/**
 * Plugins › Atrous › Batch Segment Folder...: the headless batch ({@link BatchRunner}) over a
 * folder of DICOM series, from a dialog or a macro. Recordable (the dialog's fields become the
 * macro options); headless-safe (under {@code ImageJ -batch} the options are read from the macro
 * without a dialog); the run is the same as {@code bin/atrous batch}: resumable, one report.
 */
public final class BatchSegmentFolder implements PlugIn {

    private static final String[] CRF = {Models.MODEL_CRF, "off", "2d", "3d"};

    @Override
    public void run(String arg) {
        String options = Macro.getOptions();
        Settings s = options != null && GraphicsEnvironment.isHeadless() ? Settings.parse(options) : dialog();
        if (s == null) return;
        try {
            IJ.log(s.run(new ImageJProgress()));
        } catch (IOException | RuntimeException e) {
            IJ.error("Batch Segment Folder", e.getMessage());
        } catch (Error e) {
            IJ.error("Batch Segment Folder", Gui.backendFailure(e));
        }
    }

    /**
     * For macros without the menu entry: {@code call("org.atrous.ij.BatchSegmentFolder.runMacro",
     * "input=[/data/in] output=[/data/out] model=ct-abdomen crf=3d threads=2")}. Returns the
     * summary line, or "error: ..." (macros cannot catch exceptions).
     */
    public static String runMacro(String options) {
        try {
            return Settings.parse(options).run(new ImageJProgress());
        } catch (IOException | RuntimeException e) {
            return "error: " + e.getMessage();
        } catch (Error e) {
            return "error: " + Gui.backendFailure(e);
        }
    }

    private static Settings dialog() {
        GenericDialog gd = new GenericDialog("Batch Segment Folder");
        gd.addDirectoryField("input", "");
        gd.addDirectoryField("output", "");
        gd.addStringField("model", "ct-abdomen", 24);
        gd.addChoice("crf", CRF, Models.MODEL_CRF);
        gd.addNumericField("threads", Runtime.getRuntime().availableProcessors(), 0);
        gd.addStringField("modality", "", 6);
        gd.addToSameRow();
        gd.addMessage("empty: the model's (CT for ct-abdomen); any: every series");
        gd.addCheckbox("rt_structure_sets", false);
        gd.addCheckbox("measurement_sr (DICOM SR of the measurements)", false);
        gd.addCheckbox("probabilities (NIfTI)", false);
        gd.addCheckbox("probability_seg (FRACTIONAL DICOM SEG)", false);
        gd.addStringField("store", "", 20);
        gd.addToSameRow();
        gd.addMessage("AE@host:port: send each series' DICOM outputs to this PACS (empty: none)");
        gd.showDialog();
        if (gd.wasCanceled()) return null;
        return new Settings(gd.getNextString(), gd.getNextString(), gd.getNextString(), gd.getNextChoice(),
                (int) gd.getNextNumber(), gd.getNextString(), gd.getNextBoolean(), gd.getNextBoolean(), gd.getNextBoolean(),
                gd.getNextBoolean(), gd.getNextString().trim());
    }

    /** A checkbox's key in macro options: a word of its own, not part of a bracketed path. */
    static boolean flag(String options, String key) {
        return (" " + options.replaceAll("\\[[^\\]]*\\]", "[]") + " ").contains(" " + key + " ");
    }

    /** What one run is asked to do; the same keys in the dialog, the recorder and macros. */
    private record Settings(String input, String output, String model, String crf, int threads, String modality,
                            boolean rtstruct, boolean sr, boolean probabilities, boolean probabilitySeg, String store) {

        static Settings parse(String options) {
            String input = Macro.getValue(options, "input", "");
            String output = Macro.getValue(options, "output", "");
            if (input.isEmpty() || output.isEmpty()) throw new IllegalArgumentException("input= and output= folders are required");
            return new Settings(input, output, Macro.getValue(options, "model", "ct-abdomen"),
                    Macro.getValue(options, "crf", Models.MODEL_CRF),
                    Integer.parseInt(Macro.getValue(options, "threads", "" + Runtime.getRuntime().availableProcessors())),
                    Macro.getValue(options, "modality", ""), flag(options, "rt_structure_sets"),
                    flag(options, "measurement_sr"), flag(options, "probabilities"), flag(options, "probability_seg"),
                    Macro.getValue(options, "store", "").trim());
        }

        String run(ProgressListener progress) throws IOException {
            Set<OutputKind> kinds = BatchOptions.outputs(rtstruct, probabilities, probabilitySeg);
            if (sr) kinds.add(OutputKind.SR);
            Models.crfOption(crf); // a bad mode or modality fails before the model loads
            BatchOptions.checkModality(modality);
            PacsNode pacs = PacsNode.ofStoreKey(store);
            ModelStore.LoadedModel m = Models.load(model);
            BatchOptions o = new BatchOptions(Models.crfMode(crf, m.card()), 5, BatchOptions.modalityFor(modality, m.card()),
                    1, kinds, 8).withStore(pacs);
            BatchRunner.Result r = new BatchRunner(Math.max(1, threads), false, 0)
                    .run(List.of(Path.of(input)), Path.of(output), m, o, progress);
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "Atrous batch: %d done, %d already done, %d failed, %d skipped; report %s",
                    r.count(Status.DONE), r.count(Status.ALREADY_DONE), r.count(Status.FAILED), r.count(Status.SKIPPED),
                    Path.of(output).resolve("report.html")));
            for (SeriesOutcome f : r.rows()) {
                if (f.status() == Status.FAILED) sb.append("\nfailed ").append(f.seriesUid()).append(": ").append(f.reason());
            }
            return sb.toString();
        }
    }

    /** Progress in ImageJ's status bar and log; Esc cancels between steps. */
    private static final class ImageJProgress implements ProgressListener {
        @Override public void progress(String stage, double fraction) {
            IJ.showStatus("Atrous batch: " + stage);
            IJ.showProgress(fraction);
        }

        @Override public void log(String message) { IJ.log(message); }

        @Override public boolean isCanceled() { return IJ.escapePressed(); }
    }
}
