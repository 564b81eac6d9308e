package org.atrous.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J ComputationGraph whose single output is a softmax over classes in NCHW layout, as
 * every DeepLab graph we build ends. DL4J graphs are not thread-safe for inference, so calls
 * are serialised; the graph itself uses all cores inside each call.
 */
public final class GraphClassifier implements PixelClassifier {

    private final ComputationGraph graph;
    private final int classes;

    public GraphClassifier(ComputationGraph graph, int classes) {
        this.graph = graph;
        this.classes = classes;
    }

    @Override
    public int classes() { return classes; }

    @Override
    public float[] predict(float[] input, int batch, int channels, int height, int width) {
        INDArray in = Nd4j.create(input, new long[] {batch, channels, height, width}, 'c');
        INDArray out;
        float[] values;
        synchronized (graph) {
            out = graph.outputSingle(false, in);
            values = out.dup('c').data().asFloat();
        }
        long[] s = out.shape();
        if (s.length != 4 || s[0] != batch || s[1] != classes || s[2] != height || s[3] != width) {
            throw new IllegalStateException("network output shape " + java.util.Arrays.toString(s)
                    + " does not match input " + batch + "×" + classes + "×" + height + "×" + width);
        }
        return values;
    }
}
