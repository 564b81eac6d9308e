package org.atrous.model;

import org.nd4j.linalg.activations.Activation;

/**
 * ResNet-50/101 with bottleneck units (torchvision v1.5: the stride sits on the 3×3
 * convolution). Stages beyond the output stride trade their stride for dilation; the units
 * of the last stage use dilation × multi-grid (1, 2, 4 in DeepLabv3).
 */
public final class ResNetBackbone implements Backbone {

    private static final int EXPANSION = 4;
    private static final int[] STAGE_WIDTHS = {64, 128, 256, 512};
    private static final int[] STAGE_STRIDES = {1, 2, 2, 2};

    private final int[] unitsPerStage;

    public ResNetBackbone(int[] unitsPerStage) {
        this.unitsPerStage = unitsPerStage.clone();
    }

    @Override
    public Features build(GraphBlocks g, String input, DeepLabConfig c) {
        int stemWidth = c.width(64);
        String x = g.convBnRelu("stem", input, stemWidth, 7, 2, 1);
        x = g.maxPool("stem.pool", x, 3, 2);
        StrideSchedule schedule = new StrideSchedule(c.outputStride(), 4);
        int channels = stemWidth;
        String low = null;
        int lowChannels = 0;
        for (int s = 0; s < unitsPerStage.length; s++) {
            int stride = schedule.stage(STAGE_STRIDES[s]);
            int width = c.width(STAGE_WIDTHS[s]);
            boolean last = s == unitsPerStage.length - 1;
            for (int u = 0; u < unitsPerStage[s]; u++) {
                int rate = schedule.dilation() * (last ? c.multiGrid().get(u % c.multiGrid().size()) : 1);
                x = bottleneck(g, "layer" + (s + 1) + "." + u, x, channels, width, u == 0 ? stride : 1, rate);
                channels = width * EXPANSION;
            }
            if (s == 0) {
                low = x;
                lowChannels = channels;
            }
        }
        return new Features(x, channels, low, lowChannels);
    }

    /** 1×1 reduce → 3×3 (strided, dilated) → 1×1 expand, plus the identity or a projection. */
    static String bottleneck(GraphBlocks g, String name, String input, int inChannels, int width,
            int stride, int dilation) {
        int out = width * EXPANSION;
        String x = g.convBnRelu(name + ".conv1", input, width, 1, 1, 1);
        x = g.convBnRelu(name + ".conv2", x, width, 3, stride, dilation);
        x = g.convBn(name + ".conv3", x, out, 1, 1, 1);
        String shortcut = input;
        if (stride != 1 || inChannels != out) shortcut = g.convBn(name + ".downsample", input, out, 1, stride, 1);
        return g.activation(name + ".relu", g.add(name + ".add", x, shortcut), Activation.RELU);
    }
}
