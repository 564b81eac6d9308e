package org.atrous.dicom;

import java.util.Arrays;

/**
 * Where a voxel grid sits in patient space (DICOM LPS, millimetres). Travels with every
 * volume so that nothing downstream re-derives it from DICOM attributes.
 *
 * <p>Voxel (x, y, z) is column x, row y, slice z. Its centre lies at
 * {@code origin + x*sx*row + y*sy*column + z*sz*slice}, where {@code row} is the direction
 * of increasing column index (DICOM's first ImageOrientationPatient triplet), {@code column}
 * that of increasing row index (the second triplet) and {@code slice} that of increasing
 * slice index: the normal {@code row × column} for an untilted series, or the measured
 * direction between slice positions when the gantry was tilted.
 *
 * @param dims      {nx, ny, nz}
 * @param spacing   {sx, sy, sz} in mm: column spacing, row spacing, slice spacing
 * @param origin    centre of voxel (0, 0, 0), in mm
 * @param direction 9 values: row cosines, column cosines, slice direction (unit vectors)
 */
public record Geometry(int[] dims, double[] spacing, double[] origin, double[] direction) {

    public Geometry {
        if (dims.length != 3 || spacing.length != 3 || origin.length != 3 || direction.length != 9) {
            throw new IllegalArgumentException("geometry needs 3 dims, 3 spacings, 3 origin values, 9 cosines");
        }
        for (int i = 0; i < 3; i++) {
            if (dims[i] <= 0) throw new IllegalArgumentException("dimension " + i + " must be positive: " + dims[i]);
            if (!(spacing[i] > 0) || !Double.isFinite(spacing[i])) {
                throw new IllegalArgumentException("spacing " + i + " must be positive and finite: " + spacing[i]);
            }
        }
        dims = dims.clone();
        spacing = spacing.clone();
        origin = origin.clone();
        direction = direction.clone();
    }

    /** An axial grid at the origin with identity orientation, for synthetic data and tests. */
    public static Geometry axial(int nx, int ny, int nz, double sx, double sy, double sz) {
        return new Geometry(new int[] {nx, ny, nz}, new double[] {sx, sy, sz}, new double[3],
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    }

    public int nx() { return dims[0]; }
    public int ny() { return dims[1]; }
    public int nz() { return dims[2]; }

    /** Number of voxels; volumes index them as {@code (z*ny + y)*nx + x}. */
    public long voxelCount() { return (long) dims[0] * dims[1] * dims[2]; }

    /** Volume of one voxel in mm³. */
    public double voxelVolumeMm3() { return spacing[0] * spacing[1] * spacing[2]; }

    public double[] rowCosines() { return Arrays.copyOfRange(direction, 0, 3); }
    public double[] columnCosines() { return Arrays.copyOfRange(direction, 3, 6); }
    public double[] sliceDirection() { return Arrays.copyOfRange(direction, 6, 9); }

    /** Patient coordinates (mm) of the centre of voxel (x, y, z); fractional indices allowed. */
    public double[] toPatient(double x, double y, double z) {
        double[] p = new double[3];
        for (int a = 0; a < 3; a++) {
            p[a] = origin[a] + x * spacing[0] * direction[a]
                    + y * spacing[1] * direction[3 + a]
                    + z * spacing[2] * direction[6 + a];
        }
        return p;
    }

    /**
     * Fractional voxel indices (x, y, z) of a patient point (mm): the inverse of
     * {@link #toPatient}, also for a sheared (gantry-tilted) grid.
     */
    public double[] toVoxel(double[] p) {
        double[][] m = new double[3][3];
        for (int a = 0; a < 3; a++) {
            for (int c = 0; c < 3; c++) m[a][c] = spacing[c] * direction[3 * c + a];
        }
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        if (Math.abs(det) < 1e-12) throw new IllegalStateException("degenerate grid: its axes are not independent");
        double[] d = {p[0] - origin[0], p[1] - origin[1], p[2] - origin[2]};
        double[] v = new double[3];
        for (int c = 0; c < 3; c++) { // Cramer's rule: column c replaced by d
            double[][] k = {m[0].clone(), m[1].clone(), m[2].clone()};
            for (int a = 0; a < 3; a++) k[a][c] = d[a];
            v[c] = (k[0][0] * (k[1][1] * k[2][2] - k[1][2] * k[2][1]) - k[0][1] * (k[1][0] * k[2][2] - k[1][2] * k[2][0])
                    + k[0][2] * (k[1][0] * k[2][1] - k[1][1] * k[2][0])) / det;
        }
        return v;
    }

    /** ImagePositionPatient of slice z: the centre of its first voxel. */
    public double[] slicePosition(int z) { return toPatient(0, 0, z); }

    /** The same grid with other dimensions and spacing (resampling keeps origin and axes). */
    public Geometry withDimsAndSpacing(int[] newDims, double[] newSpacing) {
        return new Geometry(newDims, newSpacing, origin, direction);
    }

    /** True when both describe the same voxel grid within {@code tolMm} millimetres. */
    public boolean sameGrid(Geometry o, double tolMm) {
        if (!Arrays.equals(dims, o.dims)) return false;
        double[] a = toPatient(nx() - 1, ny() - 1, nz() - 1);
        double[] b = o.toPatient(nx() - 1, ny() - 1, nz() - 1);
        for (int i = 0; i < 3; i++) {
            if (Math.abs(origin[i] - o.origin[i]) > tolMm || Math.abs(a[i] - b[i]) > tolMm) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Geometry g && Arrays.equals(dims, g.dims) && Arrays.equals(spacing, g.spacing)
                && Arrays.equals(origin, g.origin) && Arrays.equals(direction, g.direction);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims) * 31 + Arrays.hashCode(spacing);
    }

    /** For messages: "253x253x200 voxels of 1.50x1.50x1.50 mm". */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%dx%dx%d voxels of %.2fx%.2fx%.2f mm",
                dims[0], dims[1], dims[2], spacing[0], spacing[1], spacing[2]);
    }

    @Override
    public String toString() {
        return "Geometry" + Arrays.toString(dims) + " spacing " + Arrays.toString(spacing)
                + " origin " + Arrays.toString(origin);
    }
}
