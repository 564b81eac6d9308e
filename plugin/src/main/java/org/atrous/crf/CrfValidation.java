package org.atrous.crf;

/** Input checks shared by the CRF classes: each throws a message naming the problem. */
final class CrfValidation {

    static final int MAX_LABELS = 255;

    private CrfValidation() { }

    static void dims(int[] dims) {
        if (dims == null || dims.length != 3) throw new IllegalArgumentException("dims must be {width, height, depth}");
        for (int v : dims) {
            if (v < 1) throw new IllegalArgumentException("dimensions must be positive, got " + v);
        }
        if ((long) dims[0] * dims[1] * dims[2] > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("volume too large: more than 2^31 voxels");
        }
    }

    static void spacing(double[] spacing) {
        if (spacing == null || spacing.length != 3) throw new IllegalArgumentException("spacing must be {x, y, z} in mm");
        for (double v : spacing) positive("voxel spacing", v);
    }

    static void positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
        }
    }

    static void labels(int labels) {
        if (labels < 1 || labels > MAX_LABELS) {
            throw new IllegalArgumentException("number of labels must be 1.." + MAX_LABELS + ", got " + labels);
        }
    }

    static void finiteArray(String what, float[] values, long expectedLength) {
        if (values == null) throw new IllegalArgumentException(what + " is missing");
        if (values.length != expectedLength) {
            throw new IllegalArgumentException(what + " has " + values.length + " values, expected " + expectedLength);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " value " + i + " is " + values[i] + " (must be finite)");
            }
        }
    }

    static void probabilities(float[] p, long expectedLength) {
        finiteArray("probabilities", p, expectedLength);
        for (int i = 0; i < p.length; i++) {
            if (p[i] < 0 || p[i] > 1.0001f) {
                throw new IllegalArgumentException("probability " + i + " is " + p[i] + " (must be in 0..1)");
            }
        }
    }
}
