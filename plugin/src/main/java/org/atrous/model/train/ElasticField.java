package org.atrous.model.train;

import java.util.SplittableRandom;

/**
 * A smooth random displacement of a square patch, elastic deformation as Simard et al. (2003)
 * and nnU-Net draw it: white noise per pixel and axis, smoothed by a Gaussian of width sigma,
 * then scaled so the largest displacement is the drawn amplitude. Image and labels of a patch
 * are sampled through the same field, so they stay aligned.
 */
final class ElasticField {

    private final int size;
    private final float[] dx, dy;

    private ElasticField(int size, float[] dx, float[] dy) {
        this.size = size;
        this.dx = dx;
        this.dy = dy;
    }

    /**
     * A field over {@code size}×{@code size} pixels whose largest displacement is
     * {@code amplitude} pixels; smoothness {@code sigma} pixels.
     */
    static ElasticField random(SplittableRandom rnd, int size, double amplitude, double sigma) {
        float[] x = smoothedNoise(rnd, size, sigma), y = smoothedNoise(rnd, size, sigma);
        double largest = 0;
        for (int i = 0; i < x.length; i++) largest = Math.max(largest, Math.hypot(x[i], y[i]));
        float k = largest > 0 ? (float) (amplitude / largest) : 0f;
        for (int i = 0; i < x.length; i++) {
            x[i] *= k;
            y[i] *= k;
        }
        return new ElasticField(size, x, y);
    }

    /** Displacement of patch pixel (u, v) along u. */
    double dx(int u, int v) {
        return dx[v * size + u];
    }

    /** Displacement of patch pixel (u, v) along v. */
    double dy(int u, int v) {
        return dy[v * size + u];
    }

    private static float[] smoothedNoise(SplittableRandom rnd, int size, double sigma) {
        float[] noise = new float[size * size];
        for (int i = 0; i < noise.length; i++) noise[i] = (float) (rnd.nextDouble() * 2 - 1);
        float[] kernel = gaussian(sigma);
        return blur(blur(noise, size, kernel, true), size, kernel, false);
    }

    private static float[] gaussian(double sigma) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * r + 1];
        for (int i = -r; i <= r; i++) k[i + r] = (float) Math.exp(-0.5 * i * i / (sigma * sigma));
        return k;
    }

    /** One separable pass, edges clamped; the kernel is not normalised since the field is rescaled. */
    private static float[] blur(float[] src, int size, float[] k, boolean alongU) {
        float[] dst = new float[src.length];
        int r = k.length / 2;
        for (int v = 0; v < size; v++) {
            for (int u = 0; u < size; u++) {
                double s = 0;
                for (int j = -r; j <= r; j++) {
                    int uu = alongU ? clamp(u + j, size) : u, vv = alongU ? v : clamp(v + j, size);
                    s += k[j + r] * src[vv * size + uu];
                }
                dst[v * size + u] = (float) s;
            }
        }
        return dst;
    }

    private static int clamp(int i, int size) {
        return Math.max(0, Math.min(size - 1, i));
    }
}
