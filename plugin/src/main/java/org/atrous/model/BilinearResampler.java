package org.atrous.model;

/**
 * Bilinear resampling of a 2D float image with pixel centres aligned (the
 * {@code align_corners=false} convention): destination pixel x samples source coordinate
 * {@code (x + 0.5) * srcW / dstW - 0.5}, clamped to the image. Used to bring slices to the
 * model's spacing and probabilities back to the series' grid.
 */
public final class BilinearResampler {

    private BilinearResampler() { }

    public static float[] resample(float[] src, int sw, int sh, int dw, int dh) {
        if (sw == dw && sh == dh) return src.clone();
        float[] dst = new float[dw * dh];
        int[] x0 = new int[dw];
        float[] fx = new float[dw];
        axis(sw, dw, x0, fx);
        int[] y0 = new int[dh];
        float[] fy = new float[dh];
        axis(sh, dh, y0, fy);
        for (int y = 0; y < dh; y++) {
            int r0 = y0[y] * sw, r1 = Math.min(y0[y] + 1, sh - 1) * sw;
            float wy = fy[y];
            for (int x = 0; x < dw; x++) {
                int a = x0[x], b = Math.min(a + 1, sw - 1);
                float wx = fx[x];
                float top = src[r0 + a] + wx * (src[r0 + b] - src[r0 + a]);
                float bottom = src[r1 + a] + wx * (src[r1 + b] - src[r1 + a]);
                dst[y * dw + x] = top + wy * (bottom - top);
            }
        }
        return dst;
    }

    /** Left source index and weight of the right neighbour for each destination index. */
    private static void axis(int s, int d, int[] i0, float[] f) {
        double scale = (double) s / d;
        for (int x = 0; x < d; x++) {
            double c = Math.min(s - 1, Math.max(0, (x + 0.5) * scale - 0.5));
            int i = (int) Math.floor(c);
            i0[x] = i;
            f[x] = (float) (c - i);
        }
    }
}
