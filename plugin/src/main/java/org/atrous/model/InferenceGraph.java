package org.atrous.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An inference-only copy of a trained DeepLab graph with every batch normalisation folded into
 * the convolution before it (which gains a bias), the activation after such a BN moved onto that
 * convolution, and dropout (identity at inference) removed. Each conv → BN → ReLU unit becomes one
 * layer, so a forward pass skips two full passes over every activation map and their buffers.
 * The copy computes the same function as the trained graph at inference (within float rounding);
 * it cannot be trained, and the trained graph is left untouched.
 */
public final class InferenceGraph {

    /** One conv → BN (→ activation) chain; {@code activation} is null where BN's consumers are kept. */
    private record Fold(String conv, String bn, String activation) { }

    private InferenceGraph() { }

    public static ComputationGraph of(ComputationGraph trained) {
        ComputationGraphConfiguration conf = trained.getConfiguration().clone();
        Map<String, List<String>> consumers = consumers(conf);
        List<Fold> folds = findFolds(conf, consumers);
        for (Fold f : folds) applyFold(conf, f);
        for (String d : dropouts(conf)) bypass(conf, d, conf.getVertexInputs().get(d).get(0));
        // The clone keeps the trained graph's cached vertex order, which names removed vertices.
        conf.setTopologicalOrder(null);
        conf.setTopologicalOrderStr(null);
        ComputationGraph folded = new ComputationGraph(conf);
        folded.init();
        copyParameters(trained, folded, folds);
        return folded;
    }

    private static Map<String, List<String>> consumers(ComputationGraphConfiguration conf) {
        Map<String, List<String>> out = new HashMap<>();
        conf.getVertexInputs().forEach((v, inputs) -> inputs.forEach(i -> out.computeIfAbsent(i, k -> new ArrayList<>()).add(v)));
        return out;
    }

    private static List<Fold> findFolds(ComputationGraphConfiguration conf, Map<String, List<String>> consumers) {
        List<Fold> folds = new ArrayList<>();
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            String bn = e.getKey();
            if (!(layerOf(e.getValue()) instanceof BatchNormalization bnConf)) continue;
            List<String> in = conf.getVertexInputs().get(bn);
            if (in.size() != 1 || !foldableConv(conf, in.get(0), consumers)) continue;
            String act = null;
            List<String> next = consumers.getOrDefault(bn, List.of());
            if (bnConf.getActivationFn() instanceof ActivationIdentity && next.size() == 1
                    && layerOf(conf.getVertices().get(next.get(0))) instanceof ActivationLayer
                    && !conf.getNetworkOutputs().contains(bn)) {
                act = next.get(0);
            }
            if (!conf.getNetworkOutputs().contains(act == null ? bn : act)) folds.add(new Fold(in.get(0), bn, act));
        }
        return folds;
    }

    /** A plain or depthwise convolution, identity activation, read by nothing but the BN. */
    private static boolean foldableConv(ComputationGraphConfiguration conf, String name, Map<String, List<String>> consumers) {
        Object layer = layerOf(conf.getVertices().get(name));
        boolean conv = layer != null && (layer.getClass() == ConvolutionLayer.class || layer.getClass() == DepthwiseConvolution2D.class);
        return conv && ((ConvolutionLayer) layer).getActivationFn() instanceof ActivationIdentity
                && consumers.getOrDefault(name, List.of()).size() == 1 && !conf.getNetworkOutputs().contains(name);
    }

    private static void applyFold(ComputationGraphConfiguration conf, Fold f) {
        ConvolutionLayer conv = (ConvolutionLayer) layerOf(conf.getVertices().get(f.conv()));
        IActivation fn = f.activation() != null
                ? ((ActivationLayer) layerOf(conf.getVertices().get(f.activation()))).getActivationFn()
                : ((BatchNormalization) layerOf(conf.getVertices().get(f.bn()))).getActivationFn();
        conv.setHasBias(true);
        conv.setActivationFn(fn);
        if (f.activation() != null) bypass(conf, f.activation(), f.bn());
        bypass(conf, f.bn(), f.conv());
    }

    /** Removes {@code vertex} and lets everything that read it read {@code source} instead. */
    private static void bypass(ComputationGraphConfiguration conf, String vertex, String source) {
        conf.getVertices().remove(vertex);
        conf.getVertexInputs().remove(vertex);
        for (List<String> inputs : conf.getVertexInputs().values()) inputs.replaceAll(i -> i.equals(vertex) ? source : i);
    }

    private static List<String> dropouts(ComputationGraphConfiguration conf) {
        List<String> out = new ArrayList<>();
        conf.getVertices().forEach((name, v) -> {
            if (layerOf(v) instanceof DropoutLayer && conf.getVertexInputs().get(name).size() == 1
                    && !conf.getNetworkOutputs().contains(name)) out.add(name);
        });
        return out;
    }

    private static org.deeplearning4j.nn.conf.layers.Layer layerOf(GraphVertex v) {
        if (!(v instanceof LayerVertex lv) || lv.getPreProcessor() != null) return null;
        return lv.getLayerConf().getLayer();
    }

    private static void copyParameters(ComputationGraph trained, ComputationGraph folded, List<Fold> folds) {
        Map<String, Fold> byConv = new HashMap<>();
        for (Fold f : folds) byConv.put(f.conv(), f);
        for (Layer layer : folded.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            Layer source = trained.getLayer(name);
            Fold f = byConv.get(name);
            if (f == null) {
                for (String key : layer.paramTable().keySet()) layer.setParam(key, source.getParam(key));
                continue;
            }
            Layer bn = trained.getLayer(f.bn());
            INDArray scale = BatchNormFolding.scale(bn);
            INDArray shift = BatchNormFolding.shift(bn, scale);
            layer.setParam("W", BatchNormFolding.scaledWeights(source, scale));
            layer.setParam("b", BatchNormFolding.foldedBias(source, scale, shift, layer.getParam("b").shape()));
        }
    }
}
