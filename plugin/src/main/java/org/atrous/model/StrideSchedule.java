package org.atrous.model;

/**
 * Turns strides into dilation once the output stride is reached, as DeepLab does: a stage
 * that would go beyond the output stride keeps stride 1 and multiplies its dilation instead.
 */
final class StrideSchedule {

    private final int outputStride;
    private int currentStride;
    private int dilation = 1;

    StrideSchedule(int outputStride, int initialStride) {
        this.outputStride = outputStride;
        this.currentStride = initialStride;
    }

    /** Applies a stage with nominal stride {@code stride}; returns the stride it really uses. */
    int stage(int stride) {
        if (stride == 1) return 1;
        if (currentStride * stride > outputStride) {
            dilation *= stride;
            return 1;
        }
        currentStride *= stride;
        return stride;
    }

    int dilation() {
        return dilation;
    }
}
