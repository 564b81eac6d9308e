package org.atrous.batch;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.atrous.crf.CrfMode;
import org.atrous.crf.CrfParams;
import org.atrous.model.ModelCard;
import org.atrous.model.Modality;
import org.atrous.model.RegionZoom;
import org.atrous.pacs.PacsNode;
import org.atrous.pipeline.OutputKind;
import org.atrous.pipeline.PipelineOptions;

/**
 * What the batch does to each series: the same for every series and every worker, and
 * serialisable so a cluster driver can ship it to its tasks.
 *
 * @param crf           CRF off, per slice or over the volume
 * @param crfIterations mean-field iterations
 * @param modality      only series of this modality are segmented ("" for any)
 * @param minSlices     series with fewer slices are skipped
 * @param outputs       the files written per series
 * @param batchSize     slices or tiles per network call
 * @param store         the PACS each series' DICOM outputs are sent to, or null
 * @param lesionSegments one SEG segment, RT ROI and SR group per lesion ("liver tumour #1", ...)
 * @param seriesTimeLimitSeconds a series running longer is stopped and failed (0: no limit)
 */
public record BatchOptions(CrfMode crf, int crfIterations, String modality, int minSlices, Set<OutputKind> outputs,
                           int batchSize, boolean skipRegionZoom, PacsNode store, boolean lesionSegments,
                           long seriesTimeLimitSeconds) implements Serializable {

    /**
     * Minutes one series may take by default: far above what a 512 × 512 × 1000 series needs
     * on two cores, so only a series that hangs (a pathological file, a mount that slows to a crawl)
     * reaches it, and the run goes on without it.
     */
    public static final int DEFAULT_SERIES_LIMIT_MINUTES = 60;

    /** Outputs of a batch run unless RT Structure Sets are asked for too. */
    public static final Set<OutputKind> DEFAULT_OUTPUTS =
            Set.copyOf(EnumSet.of(OutputKind.SEG, OutputKind.ROIS, OutputKind.NIFTI, OutputKind.STATS,
                    OutputKind.COMPONENTS, OutputKind.PREVIEW));

    /**
     * The default outputs plus those asked for: the RT Structure Set, the probabilities as
     * NIfTI, and as a FRACTIONAL DICOM SEG. One place for the batch command, Fiji and Spark.
     */
    public static Set<OutputKind> outputs(boolean rtstruct, boolean probabilities, boolean probabilitySeg) {
        Set<OutputKind> kinds = EnumSet.copyOf(DEFAULT_OUTPUTS);
        if (rtstruct) kinds.add(OutputKind.RTSTRUCT);
        if (probabilities) kinds.add(OutputKind.PROBABILITIES);
        if (probabilitySeg) kinds.add(OutputKind.PROBABILITY_SEG);
        return kinds;
    }

    public BatchOptions {
        if (crf == null) throw new IllegalArgumentException("CRF mode missing");
        if (crfIterations < 1) throw new IllegalArgumentException("CRF iterations must be positive: " + crfIterations);
        if (minSlices < 1) throw new IllegalArgumentException("minimum slices must be at least 1: " + minSlices);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        modality = modality == null ? "" : modality.trim().toUpperCase(Locale.ROOT);
        outputs = Set.copyOf(outputs);
        if (seriesTimeLimitSeconds < 0) {
            throw new IllegalArgumentException("series time limit must not be negative: " + seriesTimeLimitSeconds);
        }
    }

    /** With the default series time limit. */
    public BatchOptions(CrfMode crf, int crfIterations, String modality, int minSlices, Set<OutputKind> outputs,
                        int batchSize, boolean skipRegionZoom, PacsNode store, boolean lesionSegments) {
        this(crf, crfIterations, modality, minSlices, outputs, batchSize, skipRegionZoom, store, lesionSegments,
                DEFAULT_SERIES_LIMIT_MINUTES * 60L);
    }

    /** With the model card's region zoom, if it has one, sending nothing to a PACS. */
    public BatchOptions(CrfMode crf, int crfIterations, String modality, int minSlices, Set<OutputKind> outputs,
                        int batchSize) {
        this(crf, crfIterations, modality, minSlices, outputs, batchSize, false, null, false);
    }

    /** Sending nothing to a PACS. */
    public BatchOptions(CrfMode crf, int crfIterations, String modality, int minSlices, Set<OutputKind> outputs,
                        int batchSize, boolean skipRegionZoom) {
        this(crf, crfIterations, modality, minSlices, outputs, batchSize, skipRegionZoom, null, false);
    }

    /** The same, sending each series' DICOM outputs to {@code node} (null: none). */
    public BatchOptions withStore(PacsNode node) {
        return new BatchOptions(crf, crfIterations, modality, minSlices, outputs, batchSize, skipRegionZoom, node,
                lesionSegments, seriesTimeLimitSeconds);
    }

    /** The same, with one DICOM segment per lesion or not. */
    public BatchOptions withLesionSegments(boolean perLesion) {
        return new BatchOptions(crf, crfIterations, modality, minSlices, outputs, batchSize, skipRegionZoom, store, perLesion,
                seriesTimeLimitSeconds);
    }

    /** The same, stopping a series after {@code seconds} (0: never). */
    public BatchOptions withSeriesTimeLimit(long seconds) {
        return new BatchOptions(crf, crfIterations, modality, minSlices, outputs, batchSize, skipRegionZoom, store,
                lesionSegments, seconds);
    }

    /** The region zoom to run for a model card: its own, unless this run skips it. */
    public RegionZoom regionZoom(ModelCard card) {
        return skipRegionZoom ? null : card.regionZoom();
    }

    /** The word that asks a batch for every modality. */
    public static final String ANY_MODALITY = "any";

    /**
     * The modality a batch segments: the one asked for ({@link #ANY_MODALITY} for every one),
     * else the model's ({@link ModelCard.Preprocessing#impliedModality()}, none without a card); "" for any. A CT
     * model run over a mixed archive so leaves its MR, ultrasound and radiographs alone.
     */
    public static String modalityFor(String asked, ModelCard card) {
        if (asked != null && !asked.isBlank()) {
            return asked.trim().equalsIgnoreCase(ANY_MODALITY) ? "" : Modality.parse(asked);
        }
        String own = card == null || card.preprocessing() == null ? null : card.preprocessing().impliedModality();
        return own == null ? "" : own;
    }

    /** Refuses a modality option that is neither blank, {@link #ANY_MODALITY} nor a modality code. */
    public static void checkModality(String asked) {
        if (asked != null && !asked.trim().equalsIgnoreCase(ANY_MODALITY)) Modality.parse(asked);
    }

    public static BatchOptions defaults() {
        return new BatchOptions(CrfMode.VOLUME_3D, 5, "", 1, DEFAULT_OUTPUTS, 8);
    }

    /** The pipeline's options: the model card's CRF settings with this run's iterations. */
    public PipelineOptions pipelineOptions(CrfParams card) {
        return new PipelineOptions(crf, card.withIterations(crfIterations), batchSize);
    }

    /** Why a series of this modality and slice count is left out, or null when it is segmented. */
    String exclusion(String seriesModality, int slices) {
        if (!modality.isEmpty() && !modality.equalsIgnoreCase(seriesModality)) {
            return "modality " + (seriesModality.isEmpty() ? "missing" : seriesModality) + ", not " + modality;
        }
        if (slices < minSlices) return slices + " slice(s), fewer than the " + minSlices + " asked for";
        return null;
    }
}
