package org.atrous.model.train;

import java.util.ArrayList;
import java.util.List;

import org.atrous.dicom.SegmentClass;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Starts a network for other classes from a trained one (transfer learning): a user with a few
 * annotated scans of, say, liver and a lesion type of their own starts from a zoo model instead of
 * random weights. Every layer is copied except the outputs of the convolutions that score the
 * classes ({@link org.atrous.model.DeepLabBuilder#scoresClasses}), which are re-mapped by meaning:
 * a new class the old model has (same name, or the same SNOMED code) takes its old kernel,
 * background takes background's, and a class the old model lacks keeps the new network's random
 * start.
 */
public final class ClassRemapping {

    private ClassRemapping() { }

    /**
     * For each output of the new network (0 background, then {@code now} in order), the old
     * network's output carrying the same class, or -1 for a class it lacks.
     */
    public static int[] outputMap(List<SegmentClass> old, List<SegmentClass> now) {
        int[] map = new int[now.size() + 1];
        for (int i = 0; i < now.size(); i++) {
            SegmentClass same = now.get(i).meaningIn(old);
            map[i + 1] = same == null ? -1 : old.indexOf(same) + 1;
        }
        return map;
    }

    /** True when {@code map} keeps every class at its place: nothing to re-map. */
    public static boolean isIdentity(int[] map, int oldOutputs) {
        if (map.length != oldOutputs) return false;
        for (int i = 0; i < map.length; i++) if (map[i] != i) return false;
        return true;
    }

    /** The new classes that start from scratch (those {@link #describe} calls new). */
    public static List<String> newClasses(int[] map, List<SegmentClass> now) {
        List<String> fresh = new ArrayList<>();
        for (int i = 1; i < map.length; i++) if (map[i] < 0) fresh.add(now.get(i - 1).name());
        return fresh;
    }

    /** ", its classifier re-mapped to liver (carried over), lesion (new)" for the model card. */
    public static String describe(int[] map, List<SegmentClass> old, List<SegmentClass> now) {
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < map.length; i++) {
            String name = now.get(i - 1).name();
            parts.add(map[i] < 0 ? name + " (new)" : name.equals(old.get(map[i] - 1).name()) ? name + " (carried over)"
                    : name + " (from " + old.get(map[i] - 1).name() + ")");
        }
        return ", its classifier re-mapped to " + String.join(", ", parts);
    }

    /**
     * Copies the rows of a class-scoring parameter (weights [out, in, kh, kw] or bias [1, out]
     * or [out]) by {@code map}; rows of classes the old network lacks are left as they are.
     */
    static void copyRows(String what, INDArray src, INDArray dst, int[] map) {
        int axis = dst.rank() == 4 || dst.rank() == 1 ? 0 : 1;
        if (dst.size(axis) != map.length || src.rank() != dst.rank()) {
            throw new IllegalArgumentException("cannot re-map parameter " + what + ": shape "
                    + java.util.Arrays.toString(src.shape()) + " vs " + java.util.Arrays.toString(dst.shape()));
        }
        for (int i = 0; i < map.length; i++) {
            if (map[i] >= 0) dst.get(row(dst.rank(), axis, i)).assign(src.get(row(src.rank(), axis, map[i])));
        }
    }

    private static INDArrayIndex[] row(int rank, int axis, int i) {
        INDArrayIndex[] ix = new INDArrayIndex[rank];
        for (int d = 0; d < rank; d++) ix[d] = d == axis ? NDArrayIndex.point(i) : NDArrayIndex.all();
        return ix;
    }
}
