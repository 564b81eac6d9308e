package org.atrous.pipeline;

import java.util.List;
import java.util.Map;

import org.atrous.crf.CrfMode;
import org.atrous.crf.CrfParams;
import org.atrous.dicom.VoxelBox;

/**
 * What one segmentation run does beyond the model itself.
 *
 * @param crf       CRF off, per slice or over the volume
 * @param crfParams kernel parameters (the model card's, possibly overridden by the user);
 *                  {@code perSlice} is taken from {@code crf}
 * @param batchSize slices or tiles per network call
 * @param minComponentMl per class name, components smaller than this (mL) are removed after the
 *                  CRF; null: the model card's
 * @param largestComponentOnly class names of which only the largest connected component is kept
 *                  after the CRF; null: the model card's
 * @param region    the block of voxels segmented, the rest left background; null: the whole series
 */
public record PipelineOptions(CrfMode crf, CrfParams crfParams, int batchSize, Map<String, Double> minComponentMl,
                              List<String> largestComponentOnly, VoxelBox region) {

    public PipelineOptions {
        if (crf == null) throw new IllegalArgumentException("CRF mode missing");
        if (crfParams == null) crfParams = CrfParams.defaults();
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        if (minComponentMl != null) minComponentMl = Map.copyOf(minComponentMl);
        if (largestComponentOnly != null) largestComponentOnly = List.copyOf(largestComponentOnly);
    }

    public PipelineOptions(CrfMode crf, CrfParams crfParams, int batchSize, Map<String, Double> minComponentMl,
                           List<String> largestComponentOnly) {
        this(crf, crfParams, batchSize, minComponentMl, largestComponentOnly, null);
    }

    /** Options with small-component volumes, keeping the largest components as the model card says. */
    public PipelineOptions(CrfMode crf, CrfParams crfParams, int batchSize, Map<String, Double> minComponentMl) {
        this(crf, crfParams, batchSize, minComponentMl, null);
    }

    /** Options that post-process components as the model card says. */
    public PipelineOptions(CrfMode crf, CrfParams crfParams, int batchSize) {
        this(crf, crfParams, batchSize, null);
    }

    public static PipelineOptions defaults() {
        return new PipelineOptions(CrfMode.VOLUME_3D, CrfParams.defaults(), 8);
    }

    public PipelineOptions withCrf(CrfMode mode) {
        return new PipelineOptions(mode, crfParams, batchSize, minComponentMl, largestComponentOnly, region);
    }

    /** These options with the small-component volumes replaced (null: the model card's). */
    public PipelineOptions withMinComponentMl(Map<String, Double> perClass) {
        return new PipelineOptions(crf, crfParams, batchSize, perClass, largestComponentOnly, region);
    }

    /** These options with the classes whose largest component alone is kept replaced (null: the model card's). */
    public PipelineOptions withLargestComponentOnly(List<String> names) {
        return new PipelineOptions(crf, crfParams, batchSize, minComponentMl, names, region);
    }

    /** These options segmenting only {@code box} of the series (null: the whole series). */
    public PipelineOptions withRegion(VoxelBox box) {
        return new PipelineOptions(crf, crfParams, batchSize, minComponentMl, largestComponentOnly, box);
    }
}
