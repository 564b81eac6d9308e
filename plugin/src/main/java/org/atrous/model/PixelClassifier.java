package org.atrous.model;

/**
 * What the segmenter needs of a network: a batch of NCHW inputs in, per-class probabilities
 * out (NCHW, summing to 1 over classes). {@link GraphClassifier} adapts a DL4J
 * ComputationGraph; the seam also lets the tiling and resampling be tested on known functions.
 */
public interface PixelClassifier {

    /** Number of output classes, background included. */
    int classes();

    /**
     * @param input batch × channels × height × width values, C order
     * @return batch × classes × height × width probabilities, C order
     */
    float[] predict(float[] input, int batch, int channels, int height, int width);
}
