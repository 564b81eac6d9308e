package org.atrous.model;

import org.nd4j.linalg.activations.Activation;

/**
 * MobileNetV2 (Sandler et al. 2018) without its final 1×1 1280 convolution, as DeepLabv3+
 * uses it: inverted residuals (expand 1×1 → depthwise 3×3 → linear 1×1), ReLU6, channel
 * widths scaled by the width multiplier and rounded to multiples of 8; stages beyond the
 * output stride become dilated. Low-level features: the last stride-4 stage (24 channels).
 */
public final class MobileNetV2Backbone implements Backbone {

    /** t (expansion), c (channels), n (units), s (stride) of each stage, from the paper. */
    private static final int[][] STAGES = {
        {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};

    @Override
    public Features build(GraphBlocks g, String input, DeepLabConfig c) {
        int channels = divisible(32 * c.widthMultiplier());
        String x = g.activation("stem.relu6", g.convBn("stem", input, channels, 3, 2, 1), Activation.RELU6);
        StrideSchedule schedule = new StrideSchedule(c.outputStride(), 2);
        String low = null;
        int lowChannels = 0;
        for (int s = 0; s < STAGES.length; s++) {
            int[] st = STAGES[s];
            int out = divisible(st[1] * c.widthMultiplier());
            int stride = schedule.stage(st[3]);
            for (int u = 0; u < st[2]; u++) {
                x = invertedResidual(g, "features." + s + "." + u, x, channels, out, u == 0 ? stride : 1,
                        schedule.dilation(), st[0]);
                channels = out;
            }
            if (s == 1) {
                low = x;
                lowChannels = channels;
            }
        }
        return new Features(x, channels, low, lowChannels);
    }

    static String invertedResidual(GraphBlocks g, String name, String input, int in, int out, int stride,
            int dilation, int expansion) {
        String x = input;
        int hidden = in * expansion;
        if (expansion != 1) x = g.activation(name + ".expand.relu6", g.convBn(name + ".expand", x, hidden, 1, 1, 1),
                Activation.RELU6);
        x = g.depthwiseBnAct(name + ".depthwise", x, 3, stride, dilation, Activation.RELU6);
        x = g.convBn(name + ".project", x, out, 1, 1, 1);
        return stride == 1 && in == out ? g.add(name + ".add", x, input) : x;
    }

    /** torchvision's _make_divisible: nearest multiple of 8, never below 90 % of the value. */
    static int divisible(double v) {
        int r = Math.max(8, (int) (v + 4) / 8 * 8);
        return r < 0.9 * v ? r + 8 : r;
    }
}
