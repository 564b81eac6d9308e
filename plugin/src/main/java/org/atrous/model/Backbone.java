package org.atrous.model;

/** A feature extractor added to a graph under construction. */
public interface Backbone {

    /** Adds the backbone after {@code input} and names its outputs. */
    Features build(GraphBlocks g, String input, DeepLabConfig config);

    static Backbone of(DeepLabConfig.Backbone kind) {
        return switch (kind) {
            case RESNET50 -> new ResNetBackbone(new int[] {3, 4, 6, 3});
            case RESNET101 -> new ResNetBackbone(new int[] {3, 4, 23, 3});
            case MOBILENETV2 -> new MobileNetV2Backbone();
            case XCEPTION -> new XceptionBackbone();
            case COMPACT -> new CompactBackbone();
        };
    }
}
