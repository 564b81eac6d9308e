package org.atrous.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Narrow versions of every architecture, so that graph tests run in seconds. */
final class TinyConfigs {

    private TinyConfigs() { }

    /** A compact network with the stride-2 refinement, for tests that run every architecture. */
    static final String COMPACT_REFINED = "compact+refine";

    static DeepLabConfig tiny(String arch) {
        if (arch.equals(COMPACT_REFINED)) return tiny("compact").toBuilder().refineChannels(6).build();
        double width = arch.contains("mobilenet") ? 0.25 : arch.equals("compact") ? 0.5 : 0.125;
        return DeepLabConfig.forArchitecture(arch).widthMultiplier(width).asppChannels(8).lowLevelChannels(4)
                .decoderChannels(8).classes(3).inputChannels(2).inputSize(33).build();
    }

    /** One-hot labels [n, classes, h, w] with a class per pixel from a fixed pattern. */
    static INDArray labels(int n, int classes, int h, int w) {
        INDArray y = Nd4j.zeros(n, classes, h, w);
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    int cls = (i * 3 / h + j * 2 / w + b) % classes;
                    y.putScalar(new int[] {b, cls, i, j}, 1.0);
                }
            }
        }
        return y;
    }
}
