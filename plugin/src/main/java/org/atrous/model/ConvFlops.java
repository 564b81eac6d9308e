package org.atrous.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;

/** Floating-point operations of a graph's convolutions (2 per multiply-add) for one input size. */
public final class ConvFlops {

    private ConvFlops() { }

    public static long count(ComputationGraphConfiguration conf, InputType input) {
        Map<String, InputType> types = conf.getLayerActivationTypes(input);
        long flops = 0;
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (!(e.getValue() instanceof LayerVertex lv)) continue;
            Layer layer = lv.getLayerConf().getLayer();
            if (types.get(e.getKey()) instanceof InputType.InputTypeConvolutional out) {
                flops += perOutputPixel(layer) * out.getHeight() * out.getWidth();
            }
        }
        return flops;
    }

    private static long perOutputPixel(Layer layer) {
        if (layer instanceof DepthwiseConvolution2D dw) {
            return 2L * dw.getKernelSize()[0] * dw.getKernelSize()[1] * dw.getNIn() * dw.getDepthMultiplier();
        }
        if (layer instanceof ConvolutionLayer conv) {
            return 2L * conv.getKernelSize()[0] * conv.getKernelSize()[1] * conv.getNIn() * conv.getNOut();
        }
        return 0;
    }
}
