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

    /** The inverse: DICOM scaled CIELab to sRGB 0..255. */
    static int[] toRgb(int[] lab) {
        double l = lab[0] / 65535.0 * 100, a = lab[1] / 65535.0 * 255 - 128, b = lab[2] / 65535.0 * 255 - 128;
        double fy = (l + 16) / 116, fx = fy + a / 500, fz = fy - b / 200;
        double x = inv(fx) * 0.95047, y = inv(fy), z = inv(fz) * 1.08883;
        double[] lin = {3.2406 * x - 1.5372 * y - 0.4986 * z, -0.9689 * x + 1.8758 * y + 0.0415 * z,
                0.0557 * x - 0.2040 * y + 1.0570 * z};
        int[] rgb = new int[3];
        for (int i = 0; i < 3; i++) {
            double c = Math.max(0, Math.min(1, lin[i]));
            c = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
            rgb[i] = (int) Math.round(c * 255);
        }
        return rgb;
    }

    private static double inv(double f) {
        double f3 = f * f * f;
        return f3 > 216.0 / 24389 ? f3 : (116 * f - 16) * 27 / 24389;
    }
}
