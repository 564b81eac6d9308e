package org.atrous.model.train;

import java.util.List;
import java.util.Map;

import org.atrous.model.DeepLabBuilder;
import org.atrous.model.Preprocessing;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Starts a network with more input channels from a trained one: more 2.5D context slices, or
 * HU windows added after the old ones. Every parameter is copied; in the one weight that reads
 * the input (the stem convolution, [out, in, kh, kw]) the old channels' kernels go to the
 * channels that now hold the same slice and window, and the new channels' kernels start at
 * zero. So the widened network first computes exactly what the old one did, and training
 * teaches it what the new channels add.
 */
public final class InputWidening {

    private InputWidening() { }

    /**
     * For each old input channel, the new channel with the same slice offset and window; null
     * when the new preprocessing is not a widening of the old (other normalisation, fewer slices,
     * or windows that do not start with the old ones).
     */
    public static int[] channelMap(Preprocessing old, Preprocessing wider) {
        if (old.zscore() != wider.zscore() || wider.contextSlices() < old.contextSlices()) return null;
        List<?> ow = old.windows(), nw = wider.windows();
        if (nw.size() < ow.size() || !nw.subList(0, ow.size()).equals(ow)) return null;
        int oldPer = Math.max(1, ow.size()), newPer = Math.max(1, nw.size());
        int shift = wider.contextSlices() - old.contextSlices();
        int[] map = new int[old.channels()];
        for (int c = 0; c < map.length; c++) map[c] = (c / oldPer + shift) * newPer + c % oldPer;
        return map;
    }

    /**
     * Copies {@code from}'s parameters into {@code to} (same layers, same shapes except the
     * input channels of the weight that reads the input), placing old channel c at
     * {@code channelMap[c]}; a null map means the same input. Layers {@code to} has beyond
     * {@code from}'s may only be a refinement being grown ({@link HeadGrowing}). Returns {@code to}.
     */
    public static ComputationGraph copy(ComputationGraph from, ComputationGraph to, int[] channelMap) {
        return copy(from, to, channelMap, null);
    }

    /**
     * As {@link #copy(ComputationGraph, ComputationGraph, int[])}, and where {@code outputMap} is
     * not null, the layers that score the classes take their rows by it ({@link ClassRemapping}).
     */
    public static ComputationGraph copy(ComputationGraph from, ComputationGraph to, int[] channelMap, int[] outputMap) {
        for (Layer target : to.getLayers()) {
            String name = target.conf().getLayer().getLayerName();
            if (!from.getConfiguration().getVertices().containsKey(name)) {
                HeadGrowing.startNew(name, target);
                continue;
            }
            Layer source = from.getLayer(name);
            boolean remap = outputMap != null && DeepLabBuilder.scoresClasses(name);
            for (Map.Entry<String, INDArray> p : target.paramTable().entrySet()) {
                String what = name + "/" + p.getKey();
                INDArray src = source.getParam(p.getKey());
                if (src == null) throw new IllegalArgumentException("the starting model has no parameter " + what);
                if (remap) {
                    ClassRemapping.copyRows(what, src, p.getValue(), outputMap);
                } else {
                    copyParam(what, src, p.getValue(), channelMap);
                }
            }
        }
        return to;
    }

    private static void copyParam(String what, INDArray src, INDArray dst, int[] channelMap) {
        long[] s = src.shape(), d = dst.shape();
        if (java.util.Arrays.equals(s, d)) {
            dst.assign(src);
            return;
        }
        boolean inputWeight = channelMap != null && s.length == 4 && d.length == 4 && s[0] == d[0]
                && s[2] == d[2] && s[3] == d[3] && s[1] == channelMap.length && d[1] > s[1];
        if (!inputWeight) {
            throw new IllegalArgumentException("cannot carry parameter " + what + " over: shape "
                    + java.util.Arrays.toString(s) + " vs " + java.util.Arrays.toString(d));
        }
        dst.assign(0);
        for (int c = 0; c < channelMap.length; c++) {
            dst.get(NDArrayIndex.all(), NDArrayIndex.point(channelMap[c]), NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(src.get(NDArrayIndex.all(), NDArrayIndex.point(c), NDArrayIndex.all(), NDArrayIndex.all()));
        }
    }
}
