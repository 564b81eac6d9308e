package org.atrous.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.atrous.crf.CrfOverrides;
import org.atrous.crf.CrfParams;
import org.atrous.dicom.SegmentClass;
import org.atrous.quality.NoiseRange;

/**
 * What a trained model is and how to feed it, stored as JSON next to its weights.
 *
 * @param id            stable identifier, e.g. "hippocampus-compact"
 * @param version       model version, e.g. "1.0.0"
 * @param architecture  the network, rebuilt by {@link DeepLabBuilder}
 * @param classes       foreground classes; class {@code label} is output channel {@code label},
 *                      channel 0 is background
 * @param preprocessing how slices become network input
 * @param training      data the weights were trained on, and its licence
 * @param metrics       evaluation results, e.g. "dice.hippocampus" → 0.86
 * @param weightsFile   weights file (ModelSerializer zip), relative to the card
 * @param weightsSha256 hex SHA-256 of the weights file, checked on every load
 * @param crf           the dense-CRF parameters this model's output is best refined with, over
 *                      {@link CrfParams#defaults()} (any field may be left out); null: the defaults
 * @param minComponentMl per class name, the volume in mL below which a connected component of
 *                      that class is removed after the CRF (chosen on validation data); null: none
 * @param ensemble      ids of models in this card's folder whose probabilities are averaged with
 *                      this model's (a multi-view ensemble: same classes, each slicing across its
 *                      own axis); this card's CRF and component settings apply to the average;
 *                      null or empty: this model alone
 * @param regionZoom    a magnified second look inside a region of the first look's result
 *                      (for example tumours inside the liver), chosen on validation data; null: none
 * @param largestComponentOnly class names of which only the largest connected component is kept
 *                      after the CRF (organs that are one piece, chosen on validation data);
 *                      null or empty: none
 * @param noiseLevelHu  the global noise levels of the CT series this model was validated on;
 *                      outside them, segmenting warns (null: no check)
 */
public record ModelCard(String id, String version, DeepLabConfig architecture, List<SegmentClass> classes,
        Preprocessing preprocessing, TrainingData training, Map<String, Double> metrics, String weightsFile,
        String weightsSha256, @JsonInclude(JsonInclude.Include.NON_NULL) CrfOverrides crf,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> minComponentMl,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> ensemble,
        @JsonInclude(JsonInclude.Include.NON_NULL) RegionZoom regionZoom,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> largestComponentOnly,
        @JsonInclude(JsonInclude.Include.NON_NULL) NoiseRange noiseLevelHu) {

    /** A CT window (centre/width in HU), one per input channel. */
    public record HuWindow(String name, double centre, double width) { }

    /**
     * @param normalisation   "hu-windows" (each window mapped to [0, 1]) or "z-score" (per volume)
     * @param huWindows       the windows, one per input channel, for "hu-windows"
     * @param targetSpacingMm in-plane (x, y) spacing slices are resampled to, or null to keep
     * @param inputSize       side of the square network input, pixels
     * @param neighbourSlices slices on each side stacked as extra channels (2.5D), 0 for 2D
     * @param testTimeMirroring in-plane axes ("x" columns, "y" rows) along which slices are also
     *                        predicted mirrored, the probabilities of all mirror combinations
     *                        averaged (as nnU-Net does); null or empty: none
     * @param sliceAxis       the volume axis slices are taken across: "z" (the series' own
     *                        slices, also when null), "x" or "y" (see {@link SliceAxis})
     * @param sliceSpacingMm  for a 2.5D model, the spacing of the slices it was trained on: a
     *                        thinner series is averaged into slabs of it before the network sees
     *                        it ({@link SliceResampling}); null takes the slices as they come
     * @param orientation     the patient directions the training images' columns, rows and
     *                        slices pointed to, e.g. "LPS" (see {@link Reorientation}): every
     *                        series is turned so before the network sees it; null: as they come
     * @param modality        the DICOM modality of the training images, e.g. "CT" or "MR": a
     *                        batch segments only series of it unless told otherwise, and a
     *                        single series of another modality is warned about; null: any (see
     *                        {@link #impliedModality()})
     * @param trainingExtentMm the largest extent in mm of the training images along their
     *                        columns, rows and slices (in {@code orientation}), for a model trained
     *                        on crops around its structures: a series covering far more is warned
     *                        about, since the network never saw the anatomy around them; null: the
     *                        model was trained on whole images
     */
    public record Preprocessing(String normalisation, List<HuWindow> huWindows, double[] targetSpacingMm,
            int inputSize, int neighbourSlices,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> testTimeMirroring,
            @JsonInclude(JsonInclude.Include.NON_NULL) String sliceAxis,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double sliceSpacingMm,
            @JsonInclude(JsonInclude.Include.NON_NULL) String orientation,
            @JsonInclude(JsonInclude.Include.NON_NULL) String modality,
            @JsonInclude(JsonInclude.Include.NON_NULL) double[] trainingExtentMm) {

        public Preprocessing {
            testTimeMirroring = testTimeMirroring == null ? List.of() : List.copyOf(testTimeMirroring);
            Mirroring.parse(testTimeMirroring); // a bad axis fails when the card is read
            SliceAxis.parse(sliceAxis);
            if (sliceSpacingMm != null && !(sliceSpacingMm > 0 && sliceSpacingMm <= 50)) {
                throw new IllegalArgumentException("model card slice spacing must be above 0 and at most 50 mm: "
                        + sliceSpacingMm);
            }
            if (orientation != null) Reorientation.parse(orientation); // a bad code fails when the card is read
            modality = Modality.parse(modality);
            if (trainingExtentMm != null && (trainingExtentMm.length != 3
                    || java.util.Arrays.stream(trainingExtentMm).anyMatch(e -> !(e > 0)))) {
                throw new IllegalArgumentException("model card training extent must be three lengths in mm above 0: "
                        + java.util.Arrays.toString(trainingExtentMm));
            }
        }

        public Preprocessing(String normalisation, List<HuWindow> huWindows, double[] targetSpacingMm, int inputSize,
                             int neighbourSlices, List<String> testTimeMirroring, String sliceAxis, Double sliceSpacingMm,
                             String orientation, String modality) {
            this(normalisation, huWindows, targetSpacingMm, inputSize, neighbourSlices, testTimeMirroring, sliceAxis,
                    sliceSpacingMm, orientation, modality, null);
        }

        public Preprocessing(String normalisation, List<HuWindow> huWindows, double[] targetSpacingMm, int inputSize,
                             int neighbourSlices, List<String> testTimeMirroring, String sliceAxis, Double sliceSpacingMm,
                             String orientation) {
            this(normalisation, huWindows, targetSpacingMm, inputSize, neighbourSlices, testTimeMirroring, sliceAxis,
                    sliceSpacingMm, orientation, null);
        }

        /**
         * The modality the model reads: the card's, else CT for HU windows (Hounsfield units are a
         * CT scale), else null (any).
         */
        public String impliedModality() {
            if (modality != null) return modality;
            return "hu-windows".equals(normalisation) ? "CT" : null;
        }

        public Preprocessing(String normalisation, List<HuWindow> huWindows, double[] targetSpacingMm, int inputSize,
                             int neighbourSlices, List<String> testTimeMirroring, String sliceAxis, Double sliceSpacingMm) {
            this(normalisation, huWindows, targetSpacingMm, inputSize, neighbourSlices, testTimeMirroring, sliceAxis,
                    sliceSpacingMm, null, null);
        }

        public Preprocessing(String normalisation, List<HuWindow> huWindows, double[] targetSpacingMm,
                             int inputSize, int neighbourSlices, List<String> testTimeMirroring, String sliceAxis) {
            this(normalisation, huWindows, targetSpacingMm, inputSize, neighbourSlices, testTimeMirroring, sliceAxis, null, null,
                    null);
        }

        public Preprocessing(String normalisation, List<HuWindow> huWindows, double[] targetSpacingMm,
                             int inputSize, int neighbourSlices, List<String> testTimeMirroring) {
            this(normalisation, huWindows, targetSpacingMm, inputSize, neighbourSlices, testTimeMirroring, null);
        }
    }

    public record TrainingData(String description, String source, String licence) { }

    public ModelCard {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("model card needs an id");
        if (architecture == null) throw new IllegalArgumentException("model card " + id + " has no architecture");
        classes = classes == null ? List.of() : List.copyOf(classes);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        ensemble = ensemble == null ? List.of() : List.copyOf(ensemble);
        for (String member : ensemble) {
            if (member.equals(id) || !member.matches("[\\w.-]+")) {
                throw new IllegalArgumentException("model card " + id + ": ensemble member '" + member
                        + "' must be the id of another model in the same folder");
            }
        }
        if (crf != null) crf.applyTo(CrfParams.defaults()); // a bad value fails when the card is read
        if (minComponentMl != null) {
            checkMinComponentMl("model card " + id + ": minComponentMl", classes, minComponentMl);
            minComponentMl = Map.copyOf(minComponentMl);
        }
        if (regionZoom != null) regionZoom.labels(classes); // a class it names must exist
        largestComponentOnly = largestComponentOnly == null ? List.of() : List.copyOf(largestComponentOnly);
        checkClassNames("model card " + id + ": largestComponentOnly", classes, largestComponentOnly);
    }

    /** A card without a validated noise range (cards before it existed). */
    public ModelCard(String id, String version, DeepLabConfig architecture, List<SegmentClass> classes,
                     Preprocessing preprocessing, TrainingData training, Map<String, Double> metrics,
                     String weightsFile, String weightsSha256, CrfOverrides crf, Map<String, Double> minComponentMl,
                     List<String> ensemble, RegionZoom regionZoom, List<String> largestComponentOnly) {
        this(id, version, architecture, classes, preprocessing, training, metrics, weightsFile, weightsSha256, crf,
                minComponentMl, ensemble, regionZoom, largestComponentOnly, null);
    }

    /** A card without largest-component post-processing (cards before it existed). */
    public ModelCard(String id, String version, DeepLabConfig architecture, List<SegmentClass> classes,
                     Preprocessing preprocessing, TrainingData training, Map<String, Double> metrics,
                     String weightsFile, String weightsSha256, CrfOverrides crf, Map<String, Double> minComponentMl,
                     List<String> ensemble, RegionZoom regionZoom) {
        this(id, version, architecture, classes, preprocessing, training, metrics, weightsFile, weightsSha256, crf,
                minComponentMl, ensemble, regionZoom, null);
    }

    /** Refuses names that are no class of {@code classes}; {@code source} starts the message. */
    public static void checkClassNames(String source, List<SegmentClass> classes, List<String> names) {
        for (String name : names) {
            if (classes.stream().noneMatch(c -> c.name().equals(name))) {
                throw new IllegalArgumentException(source + " names no class '" + name + "'; classes: "
                        + classes.stream().map(SegmentClass::name).toList());
            }
        }
    }

    /**
     * Refuses small-component volumes that name no class of {@code classes} or are not a volume
     * >= 0 mL; {@code source} starts the message (the card, or the option that gave them).
     */
    public static void checkMinComponentMl(String source, List<SegmentClass> classes, Map<String, Double> perClass) {
        checkClassNames(source, classes, List.copyOf(perClass.keySet()));
        for (Map.Entry<String, Double> e : perClass.entrySet()) {
            if (e.getValue() == null || !(e.getValue() >= 0) || e.getValue().isInfinite()) {
                throw new IllegalArgumentException(source + " of '" + e.getKey() + "' must be a volume >= 0 mL, was "
                        + e.getValue());
            }
        }
    }

    /** A card without CRF parameters (the CRF then uses its defaults). */
    public ModelCard(String id, String version, DeepLabConfig architecture, List<SegmentClass> classes,
                     Preprocessing preprocessing, TrainingData training, Map<String, Double> metrics,
                     String weightsFile, String weightsSha256) {
        this(id, version, architecture, classes, preprocessing, training, metrics, weightsFile, weightsSha256, null, null,
                null, null);
    }

    /** The same card with these CRF settings. */
    public ModelCard withCrf(CrfOverrides settings) {
        return new ModelCard(id, version, architecture, classes, preprocessing, training, metrics, weightsFile,
                weightsSha256, settings, minComponentMl, ensemble, regionZoom, largestComponentOnly, noiseLevelHu);
    }

    public ModelCard withWeights(String file, String sha256) {
        return new ModelCard(id, version, architecture, classes, preprocessing, training, metrics, file, sha256, crf,
                minComponentMl, ensemble, regionZoom, largestComponentOnly, noiseLevelHu);
    }

    /** The CRF mode ("off", "2d" or "3d") this model's output is best refined in, or null when the card leaves it to the command. */
    public String crfMode() {
        return crf == null || crf.mode() == null ? null : crf.mode().toLowerCase(Locale.ROOT);
    }

    /** The CRF parameters for this model: the card's {@code crf} over the defaults. */
    public CrfParams crfParams() {
        return crf == null ? CrfParams.defaults() : crf.applyTo(CrfParams.defaults());
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static ModelCard read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), ModelCard.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot read model card " + file + ": " + e.getMessage(), e);
        }
    }

    /** A card from its JSON bytes, e.g. as a cluster driver ships it; {@code source} names it in errors. */
    public static ModelCard parse(byte[] json, String source) throws IOException {
        try {
            return JSON.readValue(json, ModelCard.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot read model card " + source + ": " + e.getMessage(), e);
        }
    }

    public String toJson() throws IOException {
        return JSON.writeValueAsString(this);
    }
}
