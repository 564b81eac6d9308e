package org.atrous.pipeline;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.atrous.crf.CrfMode;
import org.atrous.dicom.SegmentationAlgorithm;
import org.atrous.model.GraphClassifier;
import org.atrous.model.InferenceGraph;
import org.atrous.model.IntensityWindow;
import org.atrous.model.Mirroring;
import org.atrous.model.ModelCard;
import org.atrous.model.ModelStore;
import org.atrous.model.ModelZoo;
import org.atrous.model.Preprocessing;
import org.atrous.model.RegionZoom;
import org.atrous.model.Segmenter;
import org.atrous.model.SliceAxis;

/**
 * Finds models by zoo id or card path, loads each once per JVM (a batch over thousands of
 * series reuses one graph), and turns a card's preprocessing into the segmenter's.
 */
public final class Models {

    /**
     * Largest slice side inferred in one piece: the networks are fully convolutional, so whole
     * slices up to this size need no tiling, which is both faster and free of seams.
     */
    public static final int INFERENCE_TILE = 512;

    private static final Map<Path, ModelStore.LoadedModel> CACHE = new ConcurrentHashMap<>();

    private Models() { }

    /** A model by card file path, or by id in the standard zoo. */
    public static ModelStore.LoadedModel load(String idOrPath) throws IOException {
        Path card = resolve(idOrPath);
        ModelStore.LoadedModel m = CACHE.get(card);
        if (m == null) {
            synchronized (CACHE) {
                m = CACHE.get(card);
                if (m == null) {
                    m = ModelStore.load(card);
                    CACHE.put(card, m);
                }
            }
        }
        return m;
    }

    /** A model's card by card file path or zoo id, without loading its weights. */
    public static ModelCard card(String idOrPath) throws IOException {
        return ModelCard.read(resolve(idOrPath));
    }

    static Path resolve(String idOrPath) throws IOException {
        Path p = Path.of(idOrPath);
        if (idOrPath.endsWith(".json") && Files.isRegularFile(p)) return p.toAbsolutePath().normalize();
        ModelZoo zoo = ModelZoo.standard();
        return zoo.find(idOrPath).map(e -> e.file().toAbsolutePath().normalize()).orElseThrow(() -> new IOException(
                "no model '" + idOrPath + "': give a model card (.json) or one of the zoo's ids "
                        + zoo.list().stream().map(e -> e.card().id()).toList()));
    }

    /**
     * The segmenter a card describes, over an inference copy of its loaded graph (BN folded),
     * averaging with its ensemble members' segmenters where the card names any.
     */
    public static Segmenter segmenter(ModelStore.LoadedModel m, int batchSize) {
        List<Segmenter> members = new ArrayList<>();
        for (ModelStore.LoadedModel member : m.members()) members.add(single(member, batchSize));
        return single(m, batchSize).withEnsemble(members);
    }

    private static Segmenter single(ModelStore.LoadedModel m, int batchSize) {
        ModelCard c = m.card();
        return new Segmenter(new GraphClassifier(InferenceGraph.of(m.graph()), c.classes().size() + 1), preprocessing(c),
                c.classes(), batchSize).withMinComponentMl(c.minComponentMl())
                .withLargestComponentOnly(c.largestComponentOnly())
                .withNoiseRange(c.noiseLevelHu(), c.id() + " " + c.version())
                .withMirroring(Mirroring.parse(c.preprocessing().testTimeMirroring()))
                .withRegionZoom(c.regionZoom())
                .withOrientation(c.preprocessing().orientation())
                .withModality(c.preprocessing().impliedModality())
                .withTrainingExtent(c.preprocessing().trainingExtentMm())
                .withZoomModel(m.zoomModel() == null ? null : single(m.zoomModel(), batchSize));
    }

    public static Preprocessing preprocessing(ModelCard card) {
        ModelCard.Preprocessing p = card.preprocessing();
        if (p == null) throw new IllegalArgumentException("model card " + card.id() + " has no preprocessing");
        boolean zscore = "z-score".equals(p.normalisation());
        List<IntensityWindow> windows = new ArrayList<>();
        if (!zscore) {
            if (!"hu-windows".equals(p.normalisation()) || p.huWindows() == null || p.huWindows().isEmpty()) {
                throw new IllegalArgumentException("model card " + card.id() + ": normalisation must be z-score "
                        + "or hu-windows with windows, not " + p.normalisation());
            }
            for (ModelCard.HuWindow w : p.huWindows()) windows.add(new IntensityWindow(w.centre(), w.width()));
        }
        double spacing = p.targetSpacingMm() == null || p.targetSpacingMm().length == 0 ? 0 : p.targetSpacingMm()[0];
        int multiple = Math.max(8, card.architecture().outputStride());
        return new Preprocessing(windows, zscore, spacing, Math.max(p.inputSize(), INFERENCE_TILE), multiple,
                p.neighbourSlices(), SliceAxis.parse(p.sliceAxis()), p.sliceSpacingMm() == null ? 0 : p.sliceSpacingMm());
    }

    /**
     * The CRF mode of a run: the one asked for ({@code option}, e.g. a command's --crf), else
     * the model card's, else 3D (the CT default).
     */
    public static CrfMode crfMode(String option, ModelCard card) {
        CrfMode asked = crfOption(option);
        if (asked != null) return asked;
        return card.crfMode() != null ? CrfMode.parse(card.crfMode()) : CrfMode.VOLUME_3D;
    }

    /**
     * A CRF mode option as typed: null (not given) or "model" leave it to the card and give
     * null; otherwise off, 2d or 3d, anything else an IllegalArgumentException, so a bad value
     * fails before a model is loaded.
     */
    public static CrfMode crfOption(String option) {
        if (option == null || option.isBlank() || option.trim().equalsIgnoreCase(MODEL_CRF)) return null;
        return CrfMode.parse(option);
    }

    /** What a user chooses (in a Fiji dialog, a macro) to take the model card's CRF mode. */
    public static final String MODEL_CRF = "model";

    /** Atrous version written into SEG and RT Structure Set objects. */
    public static final String ATROUS_VERSION = "0.1.0";

    /**
     * The SEG's and RT Structure Set's algorithm identification: Atrous version, model id and
     * version, the CRF as run (mode and mean-field iterations) and the small components removed
     * (the card's), so a reader can tell results of different settings apart.
     */
    public static SegmentationAlgorithm algorithm(ModelStore.LoadedModel m, CrfMode mode, int crfIterations) {
        return algorithm(m, mode, crfIterations, null);
    }

    /** As {@link #algorithm(ModelStore.LoadedModel, CrfMode, int)} with the run's component volumes (null: the card's). */
    public static SegmentationAlgorithm algorithm(ModelStore.LoadedModel m, CrfMode mode, int crfIterations,
                                                  Map<String, Double> minComponentMl) {
        return algorithm(m, mode, crfIterations, minComponentMl, m.card().regionZoom());
    }

    /** As above with the run's region zoom (null: none), which a command may override. */
    public static SegmentationAlgorithm algorithm(ModelStore.LoadedModel m, CrfMode mode, int crfIterations,
                                                  Map<String, Double> minComponentMl, RegionZoom zoom) {
        return algorithm(m, mode, crfIterations, minComponentMl, zoom, null);
    }

    /** As above with the run's largest-component classes (null: the card's). */
    public static SegmentationAlgorithm algorithm(ModelStore.LoadedModel m, CrfMode mode, int crfIterations,
                                                  Map<String, Double> minComponentMl, RegionZoom zoom,
                                                  List<String> largestComponentOnly) {
        String model = m.card().id() + " " + m.card().version();
        String crf = mode == CrfMode.OFF ? "CRF off" : "CRF " + mode.label() + " " + crfIterations + " iterations";
        return new SegmentationAlgorithm(false, "Atrous", ATROUS_VERSION + " " + model, "model " + model + ", " + crf
                + regionZoomed(zoom) + componentsRemoved(minComponentMl != null ? minComponentMl : m.card().minComponentMl())
                + largestKept(largestComponentOnly != null ? largestComponentOnly : m.card().largestComponentOnly()));
    }

    /** ", largest component only: liver, spleen"; "" for none. */
    public static String largestKept(List<String> names) {
        return names == null || names.isEmpty() ? "" : ", largest component only: " + String.join(", ", names);
    }

    /**
     * ", region zoom 1.5x"; "" for none. Short, after the CRF: SEG and RT Structure Set keep only
     * 64 characters of the description (VR LO), and the card names the zoom's classes.
     */
    public static String regionZoomed(RegionZoom zoom) {
        if (zoom == null) return "";
        return ", region zoom " + BigDecimal.valueOf(zoom.scale()).stripTrailingZeros().toPlainString() + "x"
                + (zoom.model() == null ? "" : " by " + zoom.model());
    }

    /** ", liver tumour components < 0.5 mL removed" for each class with a volume above 0, by name; "" for none. */
    public static String componentsRemoved(Map<String, Double> minComponentMl) {
        if (minComponentMl == null) return "";
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(minComponentMl).forEach((name, ml) -> {
            if (ml > 0) sb.append(String.format(Locale.ROOT, ", %s components < %s mL removed", name,
                    BigDecimal.valueOf(ml).stripTrailingZeros().toPlainString()));
        });
        return sb.toString();
    }

    /** Card preprocessing from the segmenter's, for cards written after training. */
    public static ModelCard.Preprocessing cardPreprocessing(Preprocessing pre, int inputSize) {
        return cardPreprocessing(pre, inputSize, null);
    }

    /** As {@link #cardPreprocessing(Preprocessing, int)}, naming the training images' orientation (or null). */
    public static ModelCard.Preprocessing cardPreprocessing(Preprocessing pre, int inputSize, String orientation) {
        return cardPreprocessing(pre, inputSize, orientation, null);
    }

    /** As {@link #cardPreprocessing(Preprocessing, int, String)}, naming the training images' modality (or null). */
    public static ModelCard.Preprocessing cardPreprocessing(Preprocessing pre, int inputSize, String orientation,
                                                            String modality) {
        return cardPreprocessing(pre, inputSize, orientation, modality, null);
    }

    /** As above, with the training images' largest extent in mm (or null). */
    public static ModelCard.Preprocessing cardPreprocessing(Preprocessing pre, int inputSize, String orientation,
                                                            String modality, double[] trainingExtentMm) {
        List<ModelCard.HuWindow> w = new ArrayList<>();
        for (IntensityWindow iw : pre.windows()) w.add(new ModelCard.HuWindow("W" + (int) iw.width() + "/L" + (int) iw.centre(),
                iw.centre(), iw.width()));
        double[] spacing = pre.targetSpacingMm() > 0 ? new double[] {pre.targetSpacingMm(), pre.targetSpacingMm()} : null;
        return new ModelCard.Preprocessing(pre.zscore() ? "z-score" : "hu-windows", w, spacing, inputSize,
                pre.contextSlices(), List.of(), pre.sliceAxis() == SliceAxis.Z ? null : pre.sliceAxis().label(),
                pre.sliceSpacingMm() > 0 ? pre.sliceSpacingMm() : null, orientation, modality, trainingExtentMm);
    }
}
