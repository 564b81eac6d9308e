package org.atrous.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Locale;

/**
 * Everything that defines a DeepLab network: one record, serialised into model cards.
 *
 * @param backbone         feature extractor
 * @param outputStride     input size / backbone feature size: 8 or 16 (strides beyond become dilation)
 * @param atrousRates      dilation rates of the ASPP branches (v3: three 3×3 branches; v2: four)
 * @param multiGrid        unit rates of the last backbone block, multiplied by its dilation
 * @param aspp             ASPP variant
 * @param decoder          none (v3) or the v3+ decoder
 * @param classes          output classes including background
 * @param inputChannels    one channel, or several HU windows stacked as channels
 * @param inputSize        nominal square input size; the graph accepts any size at run time
 * @param dropout          drop probability after the ASPP projection (PyTorch convention)
 * @param widthMultiplier  scales every backbone width (1 = reference architecture)
 * @param asppChannels     channels of each ASPP branch and of the projection (256 in the papers)
 * @param lowLevelChannels channels of the v3+ low-level reduction (48 in the paper)
 * @param decoderChannels  channels of the v3+ decoder convolutions and of the v3 head conv (256)
 * @param refineChannels   channels of the stride-2 refinement after the v3+ decoder; 0: none (the paper's)
 */
public record DeepLabConfig(Backbone backbone, int outputStride, List<Integer> atrousRates,
        List<Integer> multiGrid, AsppVariant aspp, Decoder decoder, int classes, int inputChannels,
        int inputSize, double dropout, double widthMultiplier, int asppChannels, int lowLevelChannels,
        int decoderChannels, @JsonInclude(JsonInclude.Include.NON_DEFAULT) int refineChannels) {

    public enum Backbone { RESNET50, RESNET101, MOBILENETV2, XCEPTION, COMPACT }

    /** v2: four parallel atrous 3×3 classifiers summed; v3: 1×1 + three atrous 3×3 + image pooling. */
    public enum AsppVariant { V2, V3 }

    public enum Decoder { NONE, V3PLUS }

    /** The architecture names the CLI accepts. */
    public static final List<String> ARCHITECTURES = List.of("deeplabv3-resnet50", "deeplabv3-resnet101",
            "deeplabv3plus-resnet50", "deeplabv3plus-mobilenetv2", "deeplabv3plus-xception",
            "deeplabv2-resnet101", "compact");

    public DeepLabConfig {
        if (outputStride != 8 && outputStride != 16) {
            throw new IllegalArgumentException("output stride must be 8 or 16, not " + outputStride);
        }
        int expectedRates = aspp == AsppVariant.V2 ? 4 : 3;
        if (atrousRates == null || atrousRates.size() != expectedRates) {
            throw new IllegalArgumentException("ASPP " + aspp + " needs " + expectedRates + " atrous rates, got " + atrousRates);
        }
        if (aspp == AsppVariant.V2 && decoder == Decoder.V3PLUS) {
            throw new IllegalArgumentException("the v3+ decoder needs the v3 ASPP");
        }
        if (classes < 2) throw new IllegalArgumentException("need at least 2 classes (background + one): " + classes);
        if (inputChannels < 1) throw new IllegalArgumentException("input channels must be positive: " + inputChannels);
        if (inputSize < 8) throw new IllegalArgumentException("input size too small: " + inputSize);
        if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("dropout must be in [0, 1): " + dropout);
        if (widthMultiplier <= 0) throw new IllegalArgumentException("width multiplier must be positive");
        if (refineChannels < 0) throw new IllegalArgumentException("refinement channels must be 0 or more: " + refineChannels);
        if (refineChannels > 0 && decoder != Decoder.V3PLUS) {
            throw new IllegalArgumentException("the stride-2 refinement follows the v3+ decoder");
        }
        atrousRates = List.copyOf(atrousRates);
        multiGrid = multiGrid == null ? List.of(1, 1, 1) : List.copyOf(multiGrid);
    }

    /** A builder preset for a named architecture, e.g. "deeplabv3-resnet50" (see {@link #ARCHITECTURES}). */
    public static Builder forArchitecture(String name) {
        String arch = name.toLowerCase(Locale.ROOT);
        Builder b = new Builder();
        switch (arch) {
            case "deeplabv3-resnet50" -> b.backbone(Backbone.RESNET50);
            case "deeplabv3-resnet101" -> b.backbone(Backbone.RESNET101);
            case "deeplabv3plus-resnet50" -> b.backbone(Backbone.RESNET50).decoder(Decoder.V3PLUS).outputStride(16);
            case "deeplabv3plus-mobilenetv2" -> b.backbone(Backbone.MOBILENETV2).decoder(Decoder.V3PLUS).outputStride(16);
            case "deeplabv3plus-xception" -> b.backbone(Backbone.XCEPTION).decoder(Decoder.V3PLUS).outputStride(16);
            case "deeplabv2-resnet101" -> b.backbone(Backbone.RESNET101).aspp(AsppVariant.V2)
                    .atrousRates(6, 12, 18, 24).multiGrid(1, 1, 1);
            case "compact" -> b.backbone(Backbone.COMPACT).decoder(Decoder.V3PLUS).outputStride(8)
                    .atrousRates(2, 4, 6).classes(2).inputChannels(1).inputSize(128)
                    .asppChannels(64).lowLevelChannels(24).decoderChannels(64).multiGrid(1, 2, 4);
            default -> throw new IllegalArgumentException("unknown architecture '" + name + "'; known: " + ARCHITECTURES);
        }
        return b;
    }

    public Builder toBuilder() {
        return new Builder().backbone(backbone).outputStride(outputStride)
                .atrousRates(atrousRates.stream().mapToInt(Integer::intValue).toArray())
                .multiGrid(multiGrid.stream().mapToInt(Integer::intValue).toArray()).aspp(aspp).decoder(decoder)
                .classes(classes).inputChannels(inputChannels).inputSize(inputSize).dropout(dropout)
                .widthMultiplier(widthMultiplier).asppChannels(asppChannels).lowLevelChannels(lowLevelChannels)
                .decoderChannels(decoderChannels).refineChannels(refineChannels);
    }

    /** A backbone width scaled by the width multiplier, at least 1. */
    public int width(int reference) {
        return Math.max(1, (int) Math.round(reference * widthMultiplier));
    }

    /** Defaults: torchvision's DeepLabV3 (OS 8, rates 12/24/36, 21 classes, 3 channels, 513 px). */
    public static final class Builder {
        private Backbone backbone = Backbone.RESNET50;
        private int outputStride = 8;
        private List<Integer> atrousRates = List.of(12, 24, 36);
        private List<Integer> multiGrid = List.of(1, 2, 4);
        private AsppVariant aspp = AsppVariant.V3;
        private Decoder decoder = Decoder.NONE;
        private int classes = 21;
        private int inputChannels = 3;
        private int inputSize = 513;
        private double dropout = 0.5;
        private double widthMultiplier = 1.0;
        private int asppChannels = 256;
        private int lowLevelChannels = 48;
        private int decoderChannels = 256;
        private int refineChannels = 0;

        public Builder backbone(Backbone v) { backbone = v; return this; }
        public Builder outputStride(int v) { outputStride = v; return this; }
        public Builder atrousRates(int... v) { atrousRates = java.util.Arrays.stream(v).boxed().toList(); return this; }
        public Builder multiGrid(int... v) { multiGrid = java.util.Arrays.stream(v).boxed().toList(); return this; }
        public Builder aspp(AsppVariant v) { aspp = v; return this; }
        public Builder decoder(Decoder v) { decoder = v; return this; }
        public Builder classes(int v) { classes = v; return this; }
        public Builder inputChannels(int v) { inputChannels = v; return this; }
        public Builder inputSize(int v) { inputSize = v; return this; }
        public Builder dropout(double v) { dropout = v; return this; }
        public Builder widthMultiplier(double v) { widthMultiplier = v; return this; }
        public Builder asppChannels(int v) { asppChannels = v; return this; }
        public Builder lowLevelChannels(int v) { lowLevelChannels = v; return this; }
        public Builder decoderChannels(int v) { decoderChannels = v; return this; }
        public Builder refineChannels(int v) { refineChannels = v; return this; }

        public DeepLabConfig build() {
            return new DeepLabConfig(backbone, outputStride, atrousRates, multiGrid, aspp, decoder, classes,
                    inputChannels, inputSize, dropout, widthMultiplier, asppChannels, lowLevelChannels, decoderChannels,
                    refineChannels);
        }
    }
}
