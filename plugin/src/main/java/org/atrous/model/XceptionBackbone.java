package org.atrous.model;

/**
 * Aligned Xception-65 as modified for DeepLabv3+ (Chen et al. 2018): every max pooling
 * replaced by a strided separable convolution, BN + ReLU after every depthwise convolution,
 * 16 middle-flow units; strides beyond the output stride become dilation, and the last
 * block's three separable convolutions use dilation × multi-grid. Low-level features: the
 * second separable convolution of entry block 2 (256 channels, stride 4), as in the
 * reference implementation.
 */
public final class XceptionBackbone implements Backbone {

    private static final int MIDDLE_UNITS = 16;

    @Override
    public Features build(GraphBlocks g, String input, DeepLabConfig c) {
        String x = g.convBnRelu("entry.conv1", input, c.width(32), 3, 2, 1);
        x = g.convBnRelu("entry.conv2", x, c.width(64), 3, 1, 1);
        StrideSchedule schedule = new StrideSchedule(c.outputStride(), 2);
        x = residualUnit(g, "entry.block1", x, c.width(128), schedule, null);
        String[] lowHolder = new String[1];
        x = residualUnit(g, "entry.block2", x, c.width(256), schedule, lowHolder);
        x = residualUnit(g, "entry.block3", x, c.width(728), schedule, null);
        for (int u = 0; u < MIDDLE_UNITS; u++) {
            String name = "middle." + u;
            String y = x;
            for (int k = 1; k <= 3; k++) {
                y = g.separableConvBnRelu(name + ".sep" + k, y, c.width(728), 1, schedule.dilation());
            }
            x = g.add(name + ".add", y, x);
        }
        x = exitBlock(g, x, c, schedule);
        return new Features(x, c.width(2048), lowHolder[0], c.width(256));
    }

    /** Three separable convolutions, the last strided, plus a strided 1×1 projection shortcut. */
    private static String residualUnit(GraphBlocks g, String name, String input, int width,
            StrideSchedule schedule, String[] secondOut) {
        int dilation = schedule.dilation();
        String y = g.separableConvBnRelu(name + ".sep1", input, width, 1, dilation);
        y = g.separableConvBnRelu(name + ".sep2", y, width, 1, dilation);
        if (secondOut != null) secondOut[0] = y;
        int stride = schedule.stage(2);
        y = g.separableConvBnRelu(name + ".sep3", y, width, stride, dilation);
        String shortcut = g.convBn(name + ".shortcut", input, width, 1, stride, 1);
        return g.add(name + ".add", y, shortcut);
    }

    private static String exitBlock(GraphBlocks g, String input, DeepLabConfig c, StrideSchedule schedule) {
        int dilation = schedule.dilation();
        String y = g.separableConvBnRelu("exit.block1.sep1", input, c.width(728), 1, dilation);
        y = g.separableConvBnRelu("exit.block1.sep2", y, c.width(1024), 1, dilation);
        int stride = schedule.stage(2);
        y = g.separableConvBnRelu("exit.block1.sep3", y, c.width(1024), stride, dilation);
        String x = g.add("exit.block1.add", y, g.convBn("exit.block1.shortcut", input, c.width(1024), 1, stride, 1));
        int[] widths = {1536, 1536, 2048};
        for (int k = 0; k < 3; k++) {
            int rate = schedule.dilation() * c.multiGrid().get(k % c.multiGrid().size());
            x = g.separableConvBnRelu("exit.block2.sep" + (k + 1), x, c.width(widths[k]), 1, rate);
        }
        return x;
    }
}
