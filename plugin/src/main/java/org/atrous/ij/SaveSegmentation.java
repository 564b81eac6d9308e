package org.atrous.ij;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.Roi;
import ij.plugin.PlugIn;
import ij.plugin.frame.RoiManager;
import org.atrous.dicom.SegmentClass;
import org.atrous.model.ModelZoo;
import org.atrous.pacs.PacsNode;
import org.atrous.pacs.PacsStore;
import org.atrous.pipeline.RoiExport;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.RoiLabels;

/**
 * Plugins › Atrous › Save Segmentation as DICOM...: the ROIs of the current image, as a user
 * corrected or drew them (ROI Manager or overlay, each named by its class), written as a DICOM
 * SEG, and optionally an RT Structure Set, that reference the series the image was opened from.
 * So a segmentation corrected in Fiji goes back to the PACS. A model card lends the classes
 * their codes and colours; a ROI that names none of its classes is refused.
 */
public final class SaveSegmentation implements PlugIn {

    /** Image property Segment Series sets: the model that segmented the image. */
    static final String MODEL = "atrous.model";
    static final String MANAGER = "ROI Manager", OVERLAY = "overlay";
    static final String SEMIAUTOMATIC = "semiautomatic", MANUAL = "manual";
    static final String DESCRIPTION = "Atrous segmentation, corrected";

    /** What the dialog (or the macro's options) asked for. */
    record Settings(String folder, String model, String rois, String type, String creator, String series,
                    boolean rtstruct, String store) {
        Settings {
            if (folder == null || folder.isBlank()) throw new IllegalArgumentException("give the folder to write to (folder=...)");
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("give the model whose classes the ROIs name (model=<id>)");
            }
            if (!List.of(MANAGER, OVERLAY).contains(rois)) throw new IllegalArgumentException("rois: ROI Manager or overlay");
            RoiExport.editType(type); // refuses any other
            store = store == null ? "" : store.trim();
            PacsNode.ofStoreKey(store); // a malformed node is refused before anything is written
        }

        /** The PACS to send the files to, or null. */
        PacsNode pacs() {
            return PacsNode.ofStoreKey(store);
        }

        /**
         * A macro's options without a dialog (headless there is none): the dialog's keys, e.g.
         * {@code folder=[/data/out] model=ct-abdomen rois=overlay type=semiautomatic creator=[Doe^Jane] rt}.
         */
        static Settings parse(String options, ImagePlus imp) {
            String model = defaultModel(imp, AtrousZoo.open());
            return new Settings(Macro.getValue(options, "folder", ""),
                    Macro.getValue(options, "model", model == null ? "" : model),
                    Macro.getValue(options, "rois", OVERLAY), Macro.getValue(options, "type",
                    correctsModelOutput(imp) ? SEMIAUTOMATIC : MANUAL), Macro.getValue(options, "creator", ""),
                    Macro.getValue(options, "series", DESCRIPTION), BatchSegmentFolder.flag(options, "rt"),
                    Macro.getValue(options, "store", ""));
        }
    }

    @Override
    public void run(String arg) {
        try (PluginClassLoading ignored = PluginClassLoading.enter()) {
            ImagePlus imp = WindowManager.getCurrentImage();
            if (imp == null) throw new IllegalArgumentException("no image open: open a DICOM series first");
            ModelZoo zoo = AtrousZoo.open();
            if (zoo.list().isEmpty()) throw new IllegalArgumentException("no models found in " + AtrousZoo.folders());
            String options = Macro.getOptions();
            Settings s = options != null && Gui.headless() ? Settings.parse(options, imp) : ask(imp, zoo);
            if (s == null) return;
            List<Path> written = save(imp, rois(imp, s.rois()), s);
            for (Path p : written) IJ.log("Save Segmentation: written " + p);
            String notStored = store(s, written);
            if (notStored != null) Gui.error("Save Segmentation", notStored + " (the files are kept; send them later with "
                    + "bin/atrous store)");
        } catch (IOException | RuntimeException e) {
            Gui.error("Save Segmentation", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static Settings ask(ImagePlus imp, ModelZoo zoo) {
        boolean corrected = correctsModelOutput(imp);
        RoiManager rm = Gui.roiManager(false);
        GenericDialog gd = new GenericDialog("Save Segmentation as DICOM");
        gd.addDirectoryField("Folder to write to", "", 30);
        String[] models = AtrousZoo.ids(zoo);
        String model = defaultModel(imp, zoo);
        gd.addChoice("Model whose classes the ROIs name", models, model == null ? models[0] : model);
        boolean managed = rm != null && !ManagerRois.ofImage(imp, List.of(rm.getRoisAsArray())).isEmpty();
        gd.addChoice("ROIs from", new String[] {MANAGER, OVERLAY}, managed ? MANAGER : OVERLAY);
        gd.addChoice("Type", new String[] {SEMIAUTOMATIC, MANUAL}, corrected ? SEMIAUTOMATIC : MANUAL);
        gd.addStringField("Creator (Family^Given; may be empty)", "", 20);
        gd.addStringField("Series description", DESCRIPTION, 30);
        gd.addStringField("Send to PACS (AE@host:port; empty: none)", "", 24);
        gd.addCheckbox("RT Structure Set too", false);
        gd.showDialog();
        if (gd.wasCanceled()) return null;
        String folder = gd.getNextString().trim(), chosen = gd.getNextChoice(), rois = gd.getNextChoice(),
                type = gd.getNextChoice(), creator = gd.getNextString().trim(), series = gd.getNextString().trim(),
                store = gd.getNextString().trim();
        return new Settings(folder, chosen, rois, type, creator, series, gd.getNextBoolean(), store);
    }

    /**
     * Whether the image's ROIs started as a model's output: Atrous segmented it, or the SEG
     * opened on it (Open DICOM SEG) was made by an algorithm. A correction of that is SEMIAUTOMATIC.
     */
    static boolean correctsModelOutput(ImagePlus imp) {
        String opened = imp.getProp(OpenDicomSeg.OPENED_TYPE);
        return imp.getProp(MODEL) != null || "AUTOMATIC".equals(opened) || "SEMIAUTOMATIC".equals(opened);
    }

    /**
     * The model that segmented the image, else the first whose classes the overlay's ROIs all
     * name; null when neither is known.
     */
    static String defaultModel(ImagePlus imp, ModelZoo zoo) {
        String[] models = AtrousZoo.ids(zoo);
        String segmentedBy = imp.getProp(MODEL);
        if (segmentedBy != null && List.of(models).contains(segmentedBy)) return segmentedBy;
        List<Roi> overlay = rois(imp, OVERLAY);
        for (String id : models) {
            List<SegmentClass> classes = zoo.find(id).map(e -> e.card().classes()).orElse(List.of());
            if (!overlay.isEmpty() && overlay.stream().allMatch(r -> RoiLabels.classFor(r.getName(), classes) != null)) {
                return id;
            }
        }
        return null;
    }

    /** The ROIs to save: the ROI Manager's of this image (none headless) or the image's overlay. */
    static List<Roi> rois(ImagePlus imp, String from) {
        if (from.equals(MANAGER)) {
            return ManagerRois.of(imp, Gui.roiManager(false), "Save Segmentation");
        }
        return imp.getOverlay() == null ? List.of() : List.of(imp.getOverlay().toArray());
    }

    /** Writes the ROIs as the settings ask (see {@link RoiExport}); returns the files written. */
    static List<Path> save(ImagePlus imp, List<Roi> rois, Settings s) throws IOException {
        if (rois.isEmpty()) throw new IllegalArgumentException(imp.getTitle() + " has no ROIs in the " + s.rois());
        RoiExport.Request r = new RoiExport.Request(classes(s.model()), "model " + s.model(), RoiExport.editType(s.type()),
                s.creator(), s.series(), s.rtstruct());
        return RoiExport.write(SourceSeries.of(imp, ProgressListener.NONE), rois, imp.getTitle(), Path.of(s.folder()), r);
    }

    /**
     * Sends the written files to the settings' PACS, logging the outcome; returns what was not
     * stored, or null when all were (or no PACS was asked for).
     */
    static String store(Settings s, List<Path> written) {
        PacsNode node = s.pacs();
        if (node == null) return null;
        List<PacsStore.Outcome> outcomes = PacsStore.send(node, written);
        String summary = PacsStore.summary(node, outcomes);
        IJ.log("Save Segmentation: " + summary);
        return outcomes.stream().allMatch(PacsStore.Outcome::stored) ? null : summary;
    }

    private static List<SegmentClass> classes(String model) {
        ModelZoo zoo = AtrousZoo.open();
        return zoo.find(model).orElseThrow(() -> new IllegalArgumentException("no model '" + model + "' in "
                + AtrousZoo.folders())).card().classes();
    }
}
