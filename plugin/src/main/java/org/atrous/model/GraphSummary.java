package org.atrous.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Blocks of a graph configuration with output shapes and parameter counts, computed from the
 * configuration alone (no weights are allocated). Trainable parameters are counted as
 * PyTorch does: BN scale and shift count, BN running mean and variance do not.
 */
public final class GraphSummary {

    /** One block: vertices sharing a name prefix (e.g. "layer3.5", "aspp.b1"). */
    public record Block(String name, String outputShape, long trainable, long total) { }

    private final List<Block> blocks;
    private final long trainable;
    private final long total;

    private GraphSummary(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
        this.trainable = blocks.stream().mapToLong(Block::trainable).sum();
        this.total = blocks.stream().mapToLong(Block::total).sum();
    }

    public static GraphSummary of(ComputationGraphConfiguration conf, InputType input) {
        Map<String, InputType> types = conf.getLayerActivationTypes(input);
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, String> shapes = new LinkedHashMap<>();
        // Vertices keep insertion order, and the builders add each after its inputs.
        for (String vertex : conf.getVertices().keySet()) {
            if (conf.getNetworkInputs().contains(vertex)) continue;
            String block = blockName(vertex);
            long[] c = counts.computeIfAbsent(block, k -> new long[2]);
            long[] p = parameters(conf.getVertices().get(vertex));
            c[0] += p[0];
            c[1] += p[1];
            shapes.put(block, shape(types.get(vertex)));
        }
        List<Block> blocks = new ArrayList<>();
        counts.forEach((name, c) -> blocks.add(new Block(name, shapes.get(name), c[0], c[1])));
        return new GraphSummary(blocks);
    }

    /** {trainable, total} parameters of one vertex. */
    static long[] parameters(GraphVertex vertex) {
        if (!(vertex instanceof LayerVertex lv)) return new long[] {0, vertex.numParams(true)};
        Layer layer = lv.getLayerConf().getLayer();
        long total = layer.initializer().numParams(layer);
        long frozen = layer instanceof BatchNormalization bn ? 2 * bn.getNOut() : 0;
        return new long[] {total - frozen, total};
    }

    /** The first two dotted parts of a vertex name: "layer3.5.conv2.bn" → "layer3.5". */
    static String blockName(String vertex) {
        String[] parts = vertex.split("\\.");
        return parts.length <= 2 ? parts[0] : parts[0] + "." + parts[1];
    }

    private static String shape(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            return c.getChannels() + "x" + c.getHeight() + "x" + c.getWidth();
        }
        return type == null ? "?" : type.toString();
    }

    public List<Block> blocks() { return blocks; }
    public long trainableParameters() { return trainable; }
    public long totalParameters() { return total; }

    /** The printable table, its last line "trainable parameters: N". */
    public String render() {
        StringBuilder sb = new StringBuilder(String.format("%-22s %-16s %14s%n", "block", "output (CxHxW)", "trainable"));
        for (Block b : blocks) sb.append(String.format("%-22s %-16s %,14d%n", b.name, b.outputShape, b.trainable));
        sb.append(String.format("non-trainable (BN running statistics): %d%n", total - trainable));
        sb.append("trainable parameters: ").append(trainable);
        return sb.toString();
    }
}
