package org.atrous.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Turns a {@link DeepLabConfig} into a DL4J ComputationGraph: backbone → ASPP → head or v3+
 * decoder (and its optional stride-2 refinement) → bilinear upsampling to the input size →
 * per-pixel softmax with cross-entropy.
 * Input "input" is [N, C, H, W] (NCHW); output "output" is [N, classes, H, W] probabilities.
 */
public final class DeepLabBuilder {

    private static final String HEAD_CLASSIFIER = "head.classifier";

    public static final String INPUT = "input";
    public static final String LOGITS = "logits";
    public static final String OUTPUT = "output";

    private final DeepLabConfig config;
    private DataType dataType = DataType.FLOAT;
    private double learningRate = 1e-3;
    private long seed = 42;

    public DeepLabBuilder(DeepLabConfig config) {
        this.config = config;
    }

    public DeepLabBuilder dataType(DataType type) { this.dataType = type; return this; }
    public DeepLabBuilder learningRate(double lr) { this.learningRate = lr; return this; }
    public DeepLabBuilder seed(long s) { this.seed = s; return this; }

    public ComputationGraphConfiguration configuration() {
        ComputationGraphConfiguration.GraphBuilder gb = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(dataType).weightInit(WeightInit.RELU).updater(new Adam(learningRate))
                .convolutionMode(ConvolutionMode.Same).graphBuilder();
        gb.addInputs(INPUT);
        GraphBlocks g = new GraphBlocks(gb);
        Features f = Backbone.of(config.backbone()).build(g, INPUT, config);
        String logits = head(g, f);
        if (config.refineChannels() > 0) {
            // summed at full resolution, so that a zero correction leaves the old logits exactly
            String correction = DeepLabV3PlusDecoder.refinement(g, f, config);
            g.add(LOGITS, g.upsampleLike("logits.coarse", logits, INPUT),
                    g.upsampleLike("logits.correction", correction, INPUT));
        } else {
            g.upsampleLike(LOGITS, logits, INPUT);
        }
        gb.addLayer(OUTPUT, new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).format(CNN2DFormat.NCHW).build(), LOGITS);
        gb.setOutputs(OUTPUT);
        gb.setInputTypes(InputType.convolutional(config.inputSize(), config.inputSize(), config.inputChannels()));
        return gb.build();
    }

    /** Logits at the decoder's resolution. */
    private String head(GraphBlocks g, Features f) {
        if (config.aspp() == DeepLabConfig.AsppVariant.V2) return AsppBlock.v2(g, f.high(), config);
        String aspp = AsppBlock.v3(g, f.high(), config);
        if (config.decoder() == DeepLabConfig.Decoder.V3PLUS) return DeepLabV3PlusDecoder.build(g, aspp, f, config);
        // torchvision's DeepLabHead after the ASPP: 3×3 conv → BN → ReLU, then the 1×1 classifier.
        String x = g.convBnRelu("head.conv", aspp, config.decoderChannels(), 3, 1, 1);
        return g.conv(HEAD_CLASSIFIER, x, config.classes(), 1, 1, 1, true);
    }

    /**
     * Whether a layer of a DeepLab graph scores the classes (one output per class, background
     * first): the classifiers, the refinement's correction, and v2's ASPP branches.
     */
    public static boolean scoresClasses(String layerName) {
        return layerName.equals(HEAD_CLASSIFIER) || layerName.equals(DeepLabV3PlusDecoder.CLASSIFIER)
                || layerName.equals(DeepLabV3PlusDecoder.CORRECTION) || AsppBlock.isV2Branch(layerName);
    }

    /** A new initialised graph. */
    public ComputationGraph build() {
        ComputationGraph graph = new ComputationGraph(configuration());
        graph.init();
        return graph;
    }
}
