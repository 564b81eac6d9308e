package org.atrous.dicom;

import java.nio.ByteBuffer;

/**
 * The voxel-to-world transform of a NIfTI-1 header, in the order of preference of the
 * standard: sform when sform_code > 0, else qform when qform_code > 0, else pixdim alone.
 * NIfTI's world is RAS+; DICOM's patient space is LPS, so x and y change sign.
 */
final class NiftiAffine {

    private final ByteBuffer h;

    NiftiAffine(ByteBuffer header) {
        this.h = header;
    }

    Geometry toGeometry(int[] dims) {
        double[][] a = h.getShort(254) > 0 ? sform() : h.getShort(252) > 0 ? qform() : pixdimOnly();
        double[] spacing = new double[3];
        double[] direction = new double[9];
        for (int c = 0; c < 3; c++) {
            double norm = Math.sqrt(a[0][c] * a[0][c] + a[1][c] * a[1][c] + a[2][c] * a[2][c]);
            spacing[c] = norm > 0 ? norm : 1;
            for (int r = 0; r < 3; r++) {
                double v = norm > 0 ? a[r][c] / norm : (r == c ? 1 : 0);
                direction[3 * c + r] = r < 2 ? -v : v;
            }
        }
        double[] origin = {-a[0][3], -a[1][3], a[2][3]};
        return new Geometry(dims, spacing, origin, direction);
    }

    /** Rows srow_x, srow_y, srow_z (offsets 280, 296, 312). */
    private double[][] sform() {
        double[][] a = new double[3][4];
        for (int r = 0; r < 3; r++) for (int c = 0; c < 4; c++) a[r][c] = h.getFloat(280 + 16 * r + 4 * c);
        return a;
    }

    private double[][] qform() {
        double b = h.getFloat(256), c = h.getFloat(260), d = h.getFloat(264);
        double a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
        double[][] r = {
                {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
                {2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)},
                {2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b}};
        double qfac = h.getFloat(76) < 0 ? -1 : 1;
        double[] pix = {pixdim(1), pixdim(2), pixdim(3) * qfac};
        double[][] m = new double[3][4];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) m[row][col] = r[row][col] * pix[col];
            m[row][3] = h.getFloat(268 + 4 * row);
        }
        return m;
    }

    private double[][] pixdimOnly() {
        return new double[][] {{pixdim(1), 0, 0, 0}, {0, pixdim(2), 0, 0}, {0, 0, pixdim(3), 0}};
    }

    private double pixdim(int i) {
        double v = Math.abs(h.getFloat(76 + 4 * i));
        return v > 0 && Double.isFinite(v) ? v : 1;
    }
}
