package org.atrous.model;

/**
 * DeepLabv3's image-level features: global average pooling → 1×1 conv → BN → ReLU →
 * bilinear upsampling back to the size of the feature map it pooled (taken at run time).
 */
public final class ImagePoolingBranch {

    private ImagePoolingBranch() { }

    public static String build(GraphBlocks g, String name, String features, int channels) {
        String pooled = g.globalAveragePool(name + ".pool", features);
        String x = g.convBnRelu(name + ".conv", pooled, channels, 1, 1, 1);
        return g.upsampleLike(name + ".upsample", x, features);
    }
}
