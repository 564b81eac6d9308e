package org.atrous.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The arithmetic of folding an inference-mode batch normalisation into the convolution before
 * it. BN computes {@code y = γ·(x − μ)/√(σ² + ε) + β} per output channel with its running
 * statistics, which is affine in x, so with {@code s = γ/√(σ² + ε)} the pair equals one
 * convolution with weights {@code W·s} (per output channel) and bias {@code (b − μ)·s + β}.
 */
final class BatchNormFolding {

    private BatchNormFolding() { }

    /** Per-channel scale s = γ/√(σ² + ε) of a trained BN layer, as a row [1, C]. */
    static INDArray scale(Layer bn) {
        BatchNormalization conf = (BatchNormalization) bn.conf().getLayer();
        INDArray gamma = conf.isLockGammaBeta() ? null : bn.getParam("gamma");
        INDArray std = Transforms.sqrt(variance(bn, conf).addi(conf.getEps()), false);
        INDArray s = std.rdivi(1.0);
        return gamma == null ? s.muli(conf.getGamma()) : s.muli(gamma.reshape(s.shape()));
    }

    /** Per-channel shift β − μ·s, to which the convolution's own bias times s is added. */
    static INDArray shift(Layer bn, INDArray scale) {
        BatchNormalization conf = (BatchNormalization) bn.conf().getLayer();
        INDArray mean = bn.getParam("mean").reshape(scale.shape());
        INDArray shift = mean.mul(scale).negi();
        return conf.isLockGammaBeta() ? shift.addi(conf.getBeta()) : shift.addi(bn.getParam("beta").reshape(scale.shape()));
    }

    /**
     * DL4J keeps either the running variance or, by default, log10 of the running standard
     * deviation √σ² (ε is added only when normalising, in both parameterisations).
     */
    private static INDArray variance(Layer bn, BatchNormalization conf) {
        if (!conf.isUseLogStd()) return bn.getParam("var").dup().reshape(1, -1);
        // σ² = (10^log10σ)² = e^(2·ln10·log10σ)
        return Transforms.exp(bn.getParam("log10stdev").dup().reshape(1, -1).muli(2 * Math.log(10)), false);
    }

    /** Convolution weights scaled per output channel: [O, I, kH, kW], depthwise [kH, kW, I, M]. */
    static INDArray scaledWeights(Layer conv, INDArray scale) {
        INDArray w = conv.getParam("W").dup('c');
        long[] shape = w.shape();
        long channels = scale.length();
        if (conv.conf().getLayer() instanceof DepthwiseConvolution2D) {
            return w.reshape('c', -1, channels).muliRowVector(scale.reshape(channels)).reshape('c', shape);
        }
        return w.reshape('c', channels, -1).muliColumnVector(scale.reshape(channels, 1)).reshape('c', shape);
    }

    /** The folded bias (b·s + shift), where b is the convolution's own bias or zero. */
    static INDArray foldedBias(Layer conv, INDArray scale, INDArray shift, long[] biasShape) {
        INDArray b = shift.dup();
        if (conv.paramTable().containsKey("b")) b.addi(conv.getParam("b").reshape(scale.shape()).mul(scale));
        return b.reshape(biasShape);
    }
}
