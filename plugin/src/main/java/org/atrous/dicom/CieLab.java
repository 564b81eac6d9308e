package org.atrous.dicom;

/** sRGB to the scaled CIELab triplet DICOM uses for Recommended Display CIELab Value (D65, 0..65535). */
final class CieLab {
    private CieLab() { }

    static int[] fromRgb(int[] rgb) {
        double[] lin = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = rgb[i] / 255.0;
            lin[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        double x = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047;
        double y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
        double z = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883;
        double fx = f(x), fy = f(y), fz = f(z);
        double l = 116 * fy - 16, a = 500 * (fx - fy), b = 200 * (fy - fz);
        return new int[] {scale(l / 100), scale((a + 128) / 255), scale((b + 128) / 255)};
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    private static int scale(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 65535);
    }
}
