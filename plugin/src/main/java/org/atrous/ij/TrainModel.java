package org.atrous.ij;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.Roi;
import ij.plugin.PlugIn;
import ij.plugin.frame.RoiManager;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;
import org.atrous.model.DeepLabBuilder;
import org.atrous.model.DeepLabConfig;
import org.atrous.model.IntensityWindow;
import org.atrous.crf.CrfOverrides;
import org.atrous.crf.CrfParams;
import org.atrous.model.ModelCard;
import org.atrous.model.ModelStore;
import org.atrous.model.ModelZoo;
import org.atrous.model.Preprocessing;
import org.atrous.model.train.Augmentation;
import org.atrous.model.train.LearningRateSchedule;
import org.atrous.model.train.Trainer;
import org.atrous.model.train.TrainingCase;
import org.atrous.model.train.TrainingModality;
import org.atrous.model.train.TrainingReading;
import org.atrous.model.train.TrainingOptions;
import org.atrous.pipeline.Models;
import org.atrous.pipeline.CaseList;
import org.atrous.pipeline.DicomCases;
import org.atrous.pipeline.TrainingSets;
import org.atrous.pipeline.TrainingStart;
import org.atrous.progress.ProgressListener;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Plugins › Atrous › Train Model...: trains a compact DeepLab on the open stack, whose ROIs
 * (ROI Manager, else overlay) are named by class ("liver", "liver #2 z14"), on a folder of
 * case folders (each a DICOM series plus seg.dcm), on NIfTI images with label maps of the same
 * names (the Medical Segmentation Decathlon layout), or on a folder of TIFF stacks outlined in
 * Fiji. The model goes to the user's zoo folder.
 */
public final class TrainModel implements PlugIn {

    static final String STACK = "open stack with ROIs", FOLDER = "folder of cases", NIFTI = "NIfTI images and labels",
            TIFFS = "folder of TIFF stacks with ROIs";
    private static final String NONE = "none";

    /** Learning rates: from scratch, and for fine-tuning, where a large step would undo what the model knows. */
    private static final double LR_SCRATCH = 0.002, LR_FINE_TUNE = 0.0005;

    @Override
    public void run(String arg) {
        GenericDialog gd = new GenericDialog("Train Model");
        gd.addChoice("Source", new String[] {STACK, FOLDER, NIFTI, TIFFS},
                WindowManager.getCurrentImage() != null ? STACK : FOLDER);
        gd.addDirectoryField("Folder of cases (series + seg.dcm each; NIfTI images; TIFF stacks)", "", 30);
        gd.addDirectoryField("Labels folder (NIfTI label maps named as the images)", "", 30);
        gd.addStringField("Classes (in label order; empty: from ROI names)", "", 30);
        gd.addStringField("Id of the new model", "my-model", 20);
        gd.addNumericField("Epochs", 10, 0);
        gd.addNumericField("Iterations per epoch", 20, 0);
        gd.addNumericField("Patch size (pixels)", 128, 0);
        gd.addStringField("Windows (HU centre:width, comma-separated; empty: z-score; a start model has its own)", "40:400", 20);
        gd.addNumericField("Context slices per side (2.5D: neighbours as input channels; 0: 2D)", 0, 0);
        gd.addNumericField("Spacing to train at (in-plane mm; 0: the data's own)", 0, 2);
        String[] starts = startChoices();
        gd.addChoice("Start from (a zoo model's weights and input settings, or none)", starts, NONE);
        gd.addDirectoryField("Destination", ModelZoo.userFolder().toString(), 30);
        gd.showDialog();
        if (gd.wasCanceled()) return;
        String source = gd.getNextChoice();
        String folder = gd.getNextString().trim(), labels = gd.getNextString().trim();
        String classes = gd.getNextString().trim(), id = gd.getNextString().trim();
        int epochs = (int) gd.getNextNumber(), iters = (int) gd.getNextNumber(), patch = (int) gd.getNextNumber();
        String windows = gd.getNextString().trim();
        int context = (int) gd.getNextNumber();
        double spacing = gd.getNextNumber();
        String startFrom = gd.getNextChoice();
        Path dest = Path.of(gd.getNextString().trim());
        IjProgress progress = new IjProgress("Train Model");
        try (PluginClassLoading ignored = PluginClassLoading.enter()) {
            List<TrainingCase> cases = cases(source, folder, labels, classes, progress);
            ModelStore.LoadedModel from = startFrom.equals(NONE) ? null
                    : Models.load(AtrousZoo.cardPath(AtrousZoo.open(), startFrom));
            Path card = from == null ? train(cases, id, epochs, iters, patch, preprocessing(windows, spacing, context), dest,
                    progress)
                    : fineTune(from, cases, id, epochs, iters, patch, dest, progress);
            IJ.log("Train Model: model written to " + card + "; it is now in the zoo");
            progress.finish("Train Model: done");
        } catch (ProgressListener.Cancelled e) {
            progress.finish("Train Model: cancelled (checkpoints kept; running again resumes)");
        } catch (IOException | RuntimeException e) {
            progress.finish("");
            Gui.error("Train Model", e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (Error e) {
            progress.finish("");
            Gui.error("Train Model", Gui.backendFailure(e));
        }
    }

    /**
     * The annotated cases of a source. NIfTI label maps and a folder of stacks need the class
     * names (in label order for NIfTI), since neither names them itself.
     */
    static List<TrainingCase> cases(String source, String folder, String labels, String classes,
                                    ProgressListener progress) throws IOException {
        if (source.equals(STACK)) return List.of(fromStack(classes));
        if (folder.isEmpty()) throw new IllegalArgumentException("give the folder of the " + source);
        if (source.equals(FOLDER)) {
            // the classes pick an RT Structure Set's ROIs; a SEG names its own
            return CaseList.readAll(DicomCases.folders(Path.of(folder), classes.isEmpty() ? null
                    : List.of(classes.split("\\s*,\\s*")), progress), progress);
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("give the classes (comma-separated" + (source.equals(NIFTI)
                    ? ", in label order: the first is label 1)" : ")") + " for the " + source);
        }
        List<SegmentClass> named = TrainingSets.classesNamed(List.of(classes.split("\\s*,\\s*")));
        if (source.equals(NIFTI)) {
            if (labels.isEmpty()) throw new IllegalArgumentException("give the labels folder of the NIfTI images");
            return TrainingSets.nifti(Path.of(folder), Path.of(labels), named, progress);
        }
        if (source.equals(TIFFS)) return TrainingSets.imagejStacks(Path.of(folder), named, progress);
        throw new IllegalArgumentException("unknown source: " + source);
    }

    /** The current image and its ROIs as one annotated case. */
    static TrainingCase fromStack(String classNames) {
        ImagePlus imp = WindowManager.getCurrentImage();
        if (imp == null) throw new IllegalArgumentException("no image open");
        List<Roi> rois = rois(imp);
        if (rois.isEmpty()) throw new IllegalArgumentException(imp.getTitle() + " has no ROIs (ROI Manager or overlay)");
        List<String> names = classNames.isEmpty() ? namesOf(rois) : List.of(classNames.split("\\s*,\\s*"));
        Volume v = SourceSeries.of(imp, ProgressListener.NONE);
        List<SegmentClass> classes = TrainingSets.classesNamed(names);
        return TrainingSets.annotatedCase(imp.getTitle(), v, rois, classes, new IjProgress("Train Model"));
    }

    private static List<Roi> rois(ImagePlus imp) {
        RoiManager rm = Gui.roiManager(false);
        if (rm != null && rm.getCount() > 0) return ManagerRois.of(imp, rm, "Train Model");
        return imp.getOverlay() == null ? List.of() : List.of(imp.getOverlay().toArray());
    }

    /** Class names from ROI names, in order of first appearance: "liver #2 z14" is liver. */
    static List<String> namesOf(List<Roi> rois) {
        List<String> names = new ArrayList<>();
        for (Roi r : rois) {
            String n = r.getName() == null ? "" : r.getName().replaceAll("\\s*#.*$", "").replaceAll("\\s+z\\d+$", "").trim();
            if (n.isEmpty()) throw new IllegalArgumentException("a ROI has no name: name ROIs by class");
            if (!names.contains(n)) names.add(n);
        }
        return names;
    }

    /**
     * Input settings of a model trained from scratch. A start model brings its own, so the
     * dialog's windows, context and spacing apply only without one.
     */
    static Preprocessing preprocessing(String windows, double spacingMm, int contextSlices) {
        List<IntensityWindow> w = new ArrayList<>();
        for (String s : windows.isEmpty() ? new String[0] : windows.split(",")) {
            w.add(IntensityWindow.parse(s));
        }
        return new Preprocessing(w, w.isEmpty(), spacingMm, Models.INFERENCE_TILE, 8, contextSlices);
    }

    private static String[] startChoices() {
        List<String> c = new ArrayList<>(List.of(NONE));
        try (PluginClassLoading ignored = PluginClassLoading.enter()) {
            c.addAll(List.of(AtrousZoo.ids(AtrousZoo.open())));
        }
        return c.toArray(String[]::new);
    }

    /** Trains a compact DeepLab from random weights; see {@link #fit}. */
    static Path train(List<TrainingCase> cases, String id, int epochs, int iters, int patch, Preprocessing pre,
                      Path dest, ProgressListener progress) throws IOException {
        if (cases.isEmpty()) throw new IllegalArgumentException("no annotated cases");
        List<SegmentClass> classes = cases.get(0).labels().classes();
        DeepLabConfig config = DeepLabConfig.forArchitecture("compact").classes(classes.size() + 1)
                .inputChannels(pre.channels()).inputSize(patch).build();
        return fit(new DeepLabBuilder(config).seed(1).build(), config, "", cases, id, epochs, iters, patch, pre,
                null, LR_SCRATCH, dest, progress);
    }

    /**
     * Fine-tunes a zoo model on the cases, with its architecture and input settings (HU windows or
     * normalisation, spacing, context slices); other classes than its own re-map its classifier
     * ({@link TrainingStart}).
     */
    static Path fineTune(ModelStore.LoadedModel from, List<TrainingCase> cases, String id, int epochs, int iters,
                         int patch, Path dest, ProgressListener progress) throws IOException {
        if (cases.isEmpty()) throw new IllegalArgumentException("no annotated cases");
        List<TrainingCase> inClasses = TrainingStart.inModelClassesIfSame(cases, from.card().classes(), progress);
        List<SegmentClass> classes = inClasses.get(0).labels().classes();
        Preprocessing pre = Models.preprocessing(from.card());
        DeepLabConfig config = from.card().architecture().toBuilder().classes(classes.size() + 1).inputSize(patch).build();
        TrainingStart start = TrainingStart.from(from, config, pre, classes, 1);
        return fit(start.graph(), config, start.description(), inClasses, id, epochs, iters, patch, pre,
                from.card().preprocessing(), LR_FINE_TUNE, dest, progress);
    }

    /**
     * Trains on the cases and saves card and weights. One case validates on itself (said on
     * the card); more hold the last fifth out, as the command line does.
     *
     * @param from the starting model's card preprocessing (orientation, modality, extent), null from scratch
     */
    private static Path fit(ComputationGraph start, DeepLabConfig config, String startedFrom, List<TrainingCase> cases,
                            String id, int epochs, int iters, int patch, Preprocessing pre,
                            ModelCard.Preprocessing from, double lr, Path dest, ProgressListener progress)
            throws IOException {
        // one orientation (a fine-tuned model's own, else the cases' most common) and, for a 2.5D model,
        // one slice spacing (a fine-tuned model's own, else the cases' median), both named on the card
        TrainingReading reading = TrainingReading.of(pre, cases, from == null ? null : from.orientation(),
                pre.sliceSpacingMm());
        pre = reading.over(pre);
        cases = reading.train();
        String orientation = reading.orientation();
        String modality = TrainingModality.choose(cases, null, from == null ? null : from.impliedModality());
        double[] extent = reading.extentMm(from != null, from == null ? null : from.trainingExtentMm());
        int nVal = cases.size() == 1 ? 0 : Math.max(1, Math.round(cases.size() * 0.2f));
        List<TrainingCase> train = cases.subList(0, cases.size() - nVal);
        List<TrainingCase> val = nVal == 0 ? cases : cases.subList(cases.size() - nVal, cases.size());
        List<SegmentClass> classes = cases.get(0).labels().classes();
        TrainingOptions o = new TrainingOptions(epochs, iters, 8, patch, lr, LearningRateSchedule.POLY, 1e-4, 1.0, 0.5,
                Augmentation.standard(false), 0, 1, dest.resolve(".checkpoints-" + id));
        Trainer.Result r = new Trainer(pre, classes, o).train(start, train, val, progress);
        Map<String, Double> metrics = new LinkedHashMap<>();
        double[] dice = r.state().history.get(r.state().bestEpoch - 1).validationDice();
        for (int i = 0; i < classes.size(); i++) {
            if (!Double.isNaN(dice[i])) metrics.put("validation dice " + classes.get(i).name(), Math.round(dice[i] * 1e4) / 1e4);
        }
        String data = cases.size() + " case(s) from Fiji" + (nVal == 0 ? ", validated on the training case itself" : "")
                + startedFrom;
        ModelCard card = new ModelCard(id, "1.0.0", config, classes, Models.cardPreprocessing(pre, patch, orientation, modality, extent),
                new ModelCard.TrainingData(data, "Fiji: Plugins > Atrous > Train Model...", "as the training data's licence"),
                metrics, null, null).withCrf(CrfOverrides.boxOnly(CrfParams.FOREGROUND_BOX_MARGIN_MM));
        return ModelStore.save(r.graph(), card, dest);
    }
}
