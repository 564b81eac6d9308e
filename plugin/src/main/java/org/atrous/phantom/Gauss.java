package org.atrous.phantom;

/** Separable in-plane Gaussian filtering of one slice. */
final class Gauss {
    private Gauss() { }

    static double[] kernel(double sigma) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
        for (int i = 0; i < k.length; i++) k[i] /= sum;
        return k;
    }

    /** Blurs img (nx*ny) in place, clamping at the borders. */
    static void blur(float[] img, int nx, int ny, double sigma) {
        if (sigma <= 0) return;
        double[] k = kernel(sigma);
        int r = k.length / 2;
        float[] line = new float[Math.max(nx, ny) + 2 * r];
        for (int y = 0; y < ny; y++) {
            for (int x = -r; x < nx + r; x++) line[x + r] = img[y * nx + Math.min(nx - 1, Math.max(0, x))];
            for (int x = 0; x < nx; x++) img[y * nx + x] = convolve(line, x, k);
        }
        for (int x = 0; x < nx; x++) {
            for (int y = -r; y < ny + r; y++) line[y + r] = img[Math.min(ny - 1, Math.max(0, y)) * nx + x];
            for (int y = 0; y < ny; y++) img[y * nx + x] = convolve(line, y, k);
        }
    }

    /** Kernel k centred on padded[i + radius]. */
    private static float convolve(float[] padded, int i, double[] k) {
        double s = 0;
        for (int j = 0; j < k.length; j++) s += k[j] * padded[i + j];
        return (float) s;
    }

    /** Standard deviation of white unit noise after {@link #blur} with sigma (sum of squared weights). */
    static double noiseGain(double sigma) {
        double[] k = kernel(sigma);
        double s = 0;
        for (double w : k) s += w * w;
        return s; // 2D separable: (sum w^2)^2, square-rooted = sum w^2
    }
}
