package org.atrous.model.train;

import org.atrous.model.DeepLabV3PlusDecoder;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Starts a network with the stride-2 refinement from a trained one without it. Every layer the
 * old network has is copied; the refinement's layers are new, and its last convolution (the
 * correction added to the upsampled logits) starts at zero, so the grown network first computes
 * exactly what the old one did and training teaches it only the finer outline.
 */
public final class HeadGrowing {

    /** Name prefix of the refinement's layers; the one convolution zeroed at the start. */
    static final String PREFIX = "refine.";
    static final String CORRECTION = DeepLabV3PlusDecoder.CORRECTION;

    private HeadGrowing() { }

    /** Copies {@code from}'s parameters into {@code to}, which has the same layers plus the refinement's. */
    public static ComputationGraph copy(ComputationGraph from, ComputationGraph to) {
        return InputWidening.copy(from, to, null);
    }

    /** A layer the starting model lacks: refused unless it is the refinement's; its correction starts at zero. */
    static void startNew(String name, Layer layer) {
        if (!name.startsWith(PREFIX)) throw new IllegalArgumentException("the starting model has no layer " + name);
        if (name.equals(CORRECTION)) layer.params().assign(0);
    }
}
