package org.atrous.model;

import org.nd4j.linalg.activations.Activation;

/**
 * A small residual backbone for CPU training on small medical inputs (one channel,
 * 64–256 px): stem to stride 2, a stride-4 stage whose output feeds the v3+ decoder, then
 * basic residual blocks at stride 8 and beyond, where strides become dilation per the output
 * stride and the last block uses multi-grid rates. About 0.3 M backbone parameters at width 1.
 * The stem's output is the stride-2 feature an optional refinement joins.
 */
public final class CompactBackbone implements Backbone {

    @Override
    public Features build(GraphBlocks g, String input, DeepLabConfig c) {
        String stem = g.convBnRelu("stem", input, c.width(16), 3, 2, 1);
        String x = g.convBnRelu("stage1.conv1", stem, c.width(24), 3, 2, 1);
        String low = g.convBnRelu("stage1.conv2", x, c.width(24), 3, 1, 1);
        StrideSchedule schedule = new StrideSchedule(c.outputStride(), 4);
        x = basicBlock(g, "stage2", low, c.width(24), c.width(48), schedule.stage(2), schedule.dilation(), 1);
        x = basicBlock(g, "stage3", x, c.width(48), c.width(96), schedule.stage(2), schedule.dilation(), 1);
        int d = schedule.dilation();
        x = basicBlock(g, "stage4", x, c.width(96), c.width(96), 1, d * grid(c, 0), d * grid(c, 1));
        return new Features(x, c.width(96), low, c.width(24), stem);
    }

    private static int grid(DeepLabConfig c, int i) {
        return c.multiGrid().get(i % c.multiGrid().size());
    }

    /** Two 3×3 convolutions with a residual connection (projected when the shape changes). */
    private static String basicBlock(GraphBlocks g, String name, String input, int in, int out, int stride,
            int dilation1, int dilation2) {
        String y = g.convBnRelu(name + ".conv1", input, out, 3, stride, dilation1);
        y = g.convBn(name + ".conv2", y, out, 3, 1, dilation2);
        String shortcut = stride != 1 || in != out ? g.convBn(name + ".shortcut", input, out, 1, stride, 1) : input;
        return g.activation(name + ".relu", g.add(name + ".add", y, shortcut), Activation.RELU);
    }
}
