package org.atrous.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Test-time mirroring: which in-plane flips of a slice are predicted besides the slice itself.
 * Averaging the probabilities of mirrored inputs (flipped back) removes some of a network's
 * orientation bias and noise; nnU-Net does it by default. Costs one network pass per variant.
 *
 * @param x mirror columns (left-right in an axial slice)
 * @param y mirror rows
 */
public record Mirroring(boolean x, boolean y) {

    public static final Mirroring NONE = new Mirroring(false, false);

    /** From axis names "x" and "y" (case-insensitive); empty means none. */
    public static Mirroring parse(List<String> axes) {
        boolean x = false, y = false;
        for (String a : axes) {
            switch (a.trim().toLowerCase(Locale.ROOT)) {
                case "x" -> x = true;
                case "y" -> y = true;
                case "none", "" -> { }
                default -> throw new IllegalArgumentException("test-time mirroring axis must be x or y, not \"" + a + "\"");
            }
        }
        return new Mirroring(x, y);
    }

    /** The variants to predict, identity first: 1, 2 or 4 of them. */
    public List<Mirroring> variants() {
        List<Mirroring> v = new ArrayList<>();
        for (int fy = 0; fy <= (y ? 1 : 0); fy++) {
            for (int fx = 0; fx <= (x ? 1 : 0); fx++) v.add(new Mirroring(fx == 1, fy == 1));
        }
        return v;
    }

    /**
     * Mirrors {@code planes} planes of {@code w}×{@code h} values starting at {@code offset}, in
     * place. Its own inverse.
     */
    public void apply(float[] a, int offset, int planes, int w, int h) {
        for (int p = 0; p < planes; p++) {
            int base = offset + p * w * h;
            if (x) {
                for (int r = 0; r < h; r++) reverse(a, base + r * w, base + r * w + w - 1, 1);
            }
            if (y) {
                for (int c = 0; c < w; c++) reverse(a, base + c, base + (h - 1) * w + c, w);
            }
        }
    }

    private static void reverse(float[] a, int i, int j, int step) {
        for (; i < j; i += step, j -= step) {
            float t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
