package org.atrous.model;

/**
 * The DeepLabv3+ decoder: low-level features reduced by 1×1 conv → BN → ReLU (48 channels),
 * ASPP output upsampled bilinearly to their size, both concatenated, two 3×3 conv → BN →
 * ReLU, then the 1×1 classifier.
 *
 * <p>With refinement channels, a second, stride-2 stage follows, because at stride 4 a
 * structure a few pixels wide (a vein, a 1 cm lesion) is only a few logits across and its
 * outline comes from bilinear interpolation. The decoder's features and the stride-2 features,
 * each reduced by 1×1 conv → BN → ReLU, the first upsampled to the second, are joined as in the
 * first stage; one 3×3 conv → BN → ReLU and a 1×1 convolution give a correction that is added
 * to the logits. The correction is residual so that a trained decoder can be grown: with the
 * last convolution at zero the grown network computes exactly what the old one did
 * ({@link org.atrous.model.train.HeadGrowing}).
 */
public final class DeepLabV3PlusDecoder {

    /** Channels the stride-2 features are reduced to, as the low-level ones are in the first stage. */
    static final int FINE_REDUCED = 16;
    /** The decoder's last convolution, whose features the refinement joins. */
    private static final String DECODED = "decoder.conv2";

    /** The stride-4 classifier, and the refinement's correction added to its upsampled logits. */
    public static final String CLASSIFIER = "decoder.classifier", CORRECTION = "refine.correction";

    private DeepLabV3PlusDecoder() { }

    /** The stride-4 logits. */
    public static String build(GraphBlocks g, String aspp, Features f, DeepLabConfig c) {
        String low = g.convBnRelu("decoder.low", f.low(), c.lowLevelChannels(), 1, 1, 1);
        String up = g.upsampleLike("decoder.upsample", aspp, low);
        String x = g.concat("decoder.concat", up, low);
        x = g.convBnRelu("decoder.conv1", x, c.decoderChannels(), 3, 1, 1);
        x = g.convBnRelu(DECODED, x, c.decoderChannels(), 3, 1, 1);
        return g.conv(CLASSIFIER, x, c.classes(), 1, 1, 1, true);
    }

    /** The stride-2 correction to the logits, from the decoder's features and the stride-2 ones. */
    public static String refinement(GraphBlocks g, Features f, DeepLabConfig c) {
        if (f.fine() == null) {
            throw new IllegalArgumentException("the stride-2 refinement needs a backbone with stride-2 features "
                    + "(the compact one), not " + c.backbone());
        }
        String fine = g.convBnRelu("refine.fine", f.fine(), FINE_REDUCED, 1, 1, 1);
        // reduced before upsampling: at stride 2 every channel costs four times as much
        String decoded = g.convBnRelu("refine.decoded", DECODED + ".relu", c.refineChannels(), 1, 1, 1);
        String up = g.upsampleLike("refine.upsample", decoded, fine);
        String x = g.convBnRelu("refine.conv", g.concat("refine.concat", up, fine), c.refineChannels(), 3, 1, 1);
        return g.conv(CORRECTION, x, c.classes(), 1, 1, 1, true);
    }
}
