package org.atrous.model;

/**
 * The DeepLabv3+ decoder: low-level features reduced by 1×1 conv → BN → ReLU (48 channels),
 * ASPP output upsampled bilinearly to their size, both concatenated, two 3×3 conv → BN →
 * ReLU, then the 1×1 classifier.
 */
public final class DeepLabV3PlusDecoder {

    private DeepLabV3PlusDecoder() { }

    public static String build(GraphBlocks g, String aspp, Features f, DeepLabConfig c) {
        String low = g.convBnRelu("decoder.low", f.low(), c.lowLevelChannels(), 1, 1, 1);
        String up = g.upsampleLike("decoder.upsample", aspp, low);
        String x = g.concat("decoder.concat", up, low);
        x = g.convBnRelu("decoder.conv1", x, c.decoderChannels(), 3, 1, 1);
        x = g.convBnRelu("decoder.conv2", x, c.decoderChannels(), 3, 1, 1);
        return g.conv("decoder.classifier", x, c.classes(), 1, 1, 1, true);
    }
}
