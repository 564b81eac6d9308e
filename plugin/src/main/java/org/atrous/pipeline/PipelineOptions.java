package org.atrous.pipeline;

import org.atrous.crf.CrfParams;

/**
 * What one segmentation run does beyond the model itself.
 *
 * @param crf       CRF off, per slice or over the volume
 * @param crfParams kernel parameters (the model card's, possibly overridden by the user);
 *                  {@code perSlice} is taken from {@code crf}
 * @param batchSize slices or tiles per network call
 */
public record PipelineOptions(CrfMode crf, CrfParams crfParams, int batchSize) {

    public PipelineOptions {
        if (crf == null) throw new IllegalArgumentException("CRF mode missing");
        if (crfParams == null) crfParams = CrfParams.defaults();
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }

    public static PipelineOptions defaults() {
        return new PipelineOptions(CrfMode.VOLUME_3D, CrfParams.defaults(), 8);
    }

    public PipelineOptions withCrf(CrfMode mode) {
        return new PipelineOptions(mode, crfParams, batchSize);
    }
}
