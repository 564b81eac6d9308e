package org.atrous.model.train;

import java.util.Arrays;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Starts a network with the stride-2 refinement from a trained one without it. Every layer the
 * old network has is copied; the refinement's layers are new, and its last convolution (the
 * correction added to the upsampled logits) starts at zero, so the grown network first computes
 * exactly what the old one did and training teaches it only the finer outline.
 */
public final class HeadGrowing {

    /** Name prefix of the refinement's layers; the one convolution zeroed at the start. */
    static final String PREFIX = "refine.";
    static final String CORRECTION = "refine.correction";

    private HeadGrowing() { }

    /** Copies {@code from}'s parameters into {@code to}, which has the same layers plus the refinement's. */
    public static ComputationGraph copy(ComputationGraph from, ComputationGraph to) {
        for (Layer target : to.getLayers()) {
            String name = target.conf().getLayer().getLayerName();
            Layer source = from.getConfiguration().getVertices().containsKey(name) ? from.getLayer(name) : null;
            if (source == null) {
                if (!name.startsWith(PREFIX)) throw new IllegalArgumentException("the starting model has no layer " + name);
                if (name.equals(CORRECTION)) target.params().assign(0);
                continue;
            }
            for (Map.Entry<String, INDArray> p : target.paramTable().entrySet()) {
                INDArray src = source.getParam(p.getKey());
                if (src == null || !Arrays.equals(src.shape(), p.getValue().shape())) {
                    throw new IllegalArgumentException("cannot carry parameter " + name + "/" + p.getKey() + " over");
                }
                p.getValue().assign(src);
            }
        }
        return to;
    }
}
