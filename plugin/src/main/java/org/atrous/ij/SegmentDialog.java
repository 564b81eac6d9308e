package org.atrous.ij;

import java.util.List;

import ij.gui.GenericDialog;
import org.atrous.crf.CrfMode;
import org.atrous.pipeline.Models;

/**
 * The Segment Series dialog. Every option's first word is unique (it is the macro key), so
 * the Macro Recorder's line, e.g.
 * {@code run("Segment Series...", "source=[current image] model=ct-abdomen crf=model strength=1 classes=all overlay=outlined results");},
 * replays to the same result.
 */
final class SegmentDialog {

    static final String CURRENT = "current image", FOLDER = "folder";
    private static final String[] SOURCES = {CURRENT, FOLDER};
    private static final String[] CRFS = {Models.MODEL_CRF, "off", "2d", "3d"};

    static final String SOURCE = "Source", DIR = "Folder (DICOM, when the source is a folder)", MODEL = "Model",
            CRF = "CRF refinement", STRENGTH = "Strength of the CRF (x model default)",
            CLASSES = "Classes to show (comma-separated, or all)", OVERLAY = "Overlay",
            ROI_MANAGER = "Add ROIs to the ROI Manager", LABELS = "Label image", RESULTS = "Results table",
            SEG = "DICOM SEG folder (empty: none)", SKIP_ZOOM = "Skip the model's region zoom (faster)",
            KEEP_ALL = "Keep every component (skip the model's removal of small and stray pieces)",
            COMPONENTS = "Components table: one row per lesion or other connected component",
            PROBABILITIES = "Probabilities as a FRACTIONAL SEG too (in the DICOM SEG folder)",
            LESIONS = "Lesions as segments of their own in the DICOM SEG and SR (liver tumour #1, ...)",
            STORE = "Store the DICOM SEG folder's files in a PACS (AE@host:port, empty: none)",
            SELECTION = "Selection only: segment within the selection's bounding rectangle, the rest background",
            SLICES = "Slices to segment (first-last, e.g. 40-90; empty: all)";

    /** Every option label, in dialog order; their first words are the macro keys. */
    static final List<String> OPTIONS = List.of(SOURCE, DIR, MODEL, CRF, STRENGTH, CLASSES, OVERLAY, ROI_MANAGER,
            LABELS, RESULTS, SEG, SKIP_ZOOM, KEEP_ALL, COMPONENTS, PROBABILITIES, LESIONS, STORE, SELECTION, SLICES);

    private SegmentDialog() { }

    /** The user's settings, or null when cancelled. */
    static SegmentSettings ask(String[] models, boolean haveImage) {
        GenericDialog gd = new GenericDialog("Segment Series");
        gd.addChoice(SOURCE, SOURCES, haveImage ? CURRENT : FOLDER);
        gd.addDirectoryField(DIR, "", 30);
        gd.addChoice(MODEL, models, models[0]);
        gd.addChoice(CRF, CRFS, Models.MODEL_CRF);
        gd.addNumericField(STRENGTH, 1.0, 2);
        gd.addStringField(CLASSES, "all", 20);
        gd.addChoice(OVERLAY, SegmentSettings.OVERLAYS, "outlined");
        gd.addCheckbox(ROI_MANAGER, false);
        gd.addCheckbox(LABELS, false);
        gd.addCheckbox(RESULTS, true);
        gd.addDirectoryField(SEG, "", 30);
        gd.addCheckbox(SKIP_ZOOM, false);
        gd.addCheckbox(KEEP_ALL, false);
        gd.addCheckbox(COMPONENTS, false);
        gd.addCheckbox(PROBABILITIES, false);
        gd.addCheckbox(LESIONS, false);
        gd.addStringField(STORE, "", 20);
        gd.addCheckbox(SELECTION, false);
        gd.addStringField(SLICES, "", 10);
        gd.showDialog();
        if (gd.wasCanceled()) return null;
        boolean folder = gd.getNextChoice().equals(FOLDER);
        String dir = gd.getNextString().trim();
        String model = gd.getNextChoice();
        CrfMode crf = Models.crfOption(gd.getNextChoice());
        double strength = gd.getNextNumber();
        String classes = gd.getNextString();
        String overlay = gd.getNextChoice();
        boolean rm = gd.getNextBoolean(), labels = gd.getNextBoolean(), results = gd.getNextBoolean();
        String seg = gd.getNextString().trim();
        boolean skipZoom = gd.getNextBoolean(), keepAll = gd.getNextBoolean(), components = gd.getNextBoolean();
        boolean probabilities = gd.getNextBoolean(), lesions = gd.getNextBoolean();
        String store = gd.getNextString().trim();
        boolean selection = gd.getNextBoolean();
        String slices = gd.getNextString().trim();
        if (folder && dir.isEmpty()) throw new IllegalArgumentException("source is a folder: give folder=<DICOM folder>");
        return new SegmentSettings(folder ? dir : null, model, crf, strength, classes, overlay, rm, labels, results, seg, skipZoom,
                keepAll, components, probabilities, lesions, store, selection, slices);
    }
}
