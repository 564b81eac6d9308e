package org.atrous.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * The small vocabulary the DeepLab graphs are written in. Every method adds named vertices to
 * the graph and returns the name of its output, so blocks compose like function calls.
 * Convolutions followed by batch normalisation carry no bias, as in the reference models;
 * padding is "same" everywhere, so any input size works.
 */
public final class GraphBlocks {

    /** PyTorch's BatchNorm2d defaults: eps 1e-5, momentum 0.1 (DL4J decay 0.9). */
    private static final double BN_EPS = 1e-5;
    private static final double BN_DECAY = 0.9;

    private final GraphBuilder graph;

    public GraphBlocks(GraphBuilder graph) {
        this.graph = graph;
    }

    public GraphBuilder graph() {
        return graph;
    }

    /** A k×k convolution; {@code bias} only where no batch normalisation follows. */
    public String conv(String name, String input, int nOut, int kernel, int stride, int dilation, boolean bias) {
        graph.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride)
                .dilation(dilation, dilation).nOut(nOut).hasBias(bias).activation(Activation.IDENTITY).build(), input);
        return name;
    }

    /** A k×k depthwise convolution (one filter per channel), no bias. */
    public String depthwise(String name, String input, int kernel, int stride, int dilation) {
        graph.addLayer(name, new DepthwiseConvolution2D.Builder(kernel, kernel).stride(stride, stride)
                .dilation(dilation, dilation).depthMultiplier(1).hasBias(false)
                .activation(Activation.IDENTITY).build(), input);
        return name;
    }

    public String batchNorm(String name, String input) {
        graph.addLayer(name, new BatchNormalization.Builder().eps(BN_EPS).decay(BN_DECAY)
                .activation(Activation.IDENTITY).build(), input);
        return name;
    }

    public String activation(String name, String input, Activation fn) {
        graph.addLayer(name, new ActivationLayer.Builder().activation(fn).build(), input);
        return name;
    }

    /** conv → BN → ReLU, the unit every DeepLab block is made of. */
    public String convBnRelu(String name, String input, int nOut, int kernel, int stride, int dilation) {
        return activation(name + ".relu", convBn(name, input, nOut, kernel, stride, dilation), Activation.RELU);
    }

    /** conv → BN, for the last convolution of a residual branch. */
    public String convBn(String name, String input, int nOut, int kernel, int stride, int dilation) {
        return batchNorm(name + ".bn", conv(name + ".conv", input, nOut, kernel, stride, dilation, false));
    }

    /** depthwise → BN → act, the spatial half of a separable convolution. */
    public String depthwiseBnAct(String name, String input, int kernel, int stride, int dilation, Activation fn) {
        String bn = batchNorm(name + ".bn", depthwise(name + ".dw", input, kernel, stride, dilation));
        return activation(name + ".act", bn, fn);
    }

    /**
     * Atrous depthwise-separable convolution as in DeepLabv3+: depthwise 3×3 → BN → ReLU →
     * pointwise 1×1 → BN → ReLU.
     */
    public String separableConvBnRelu(String name, String input, int nOut, int stride, int dilation) {
        String dw = depthwiseBnAct(name + ".depthwise", input, 3, stride, dilation, Activation.RELU);
        return convBnRelu(name + ".pointwise", dw, nOut, 1, 1, 1);
    }

    public String maxPool(String name, String input, int kernel, int stride) {
        graph.addLayer(name, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(kernel, kernel)
                .stride(stride, stride).build(), input);
        return name;
    }

    /** Global average pooling keeping the [N, C, 1, 1] shape. */
    public String globalAveragePool(String name, String input) {
        graph.addLayer(name, new GlobalPoolingLayer.Builder(PoolingType.AVG).collapseDimensions(false).build(), input);
        return name;
    }

    /** Dropout with drop probability {@code p} (DL4J's builder takes the keep probability). */
    public String dropout(String name, String input, double p) {
        if (p <= 0) return input;
        graph.addLayer(name, new DropoutLayer.Builder(1.0 - p).build(), input);
        return name;
    }

    public String add(String name, String... inputs) {
        graph.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), inputs);
        return name;
    }

    public String concat(String name, String... inputs) {
        graph.addVertex(name, new MergeVertex(), inputs);
        return name;
    }

    /** Bilinear upsampling of {@code input} to the height and width of {@code reference}. */
    public String upsampleLike(String name, String input, String reference) {
        graph.addVertex(name, new BilinearUpsampleVertex(), input, reference);
        return name;
    }
}
