package org.atrous.dicom;

import java.util.List;

/** Shapes drawn on a grid at each voxel centre, for tests that move labels between grids. */
final class TestShapes {

    private TestShapes() { }

    /** Label 1 where the voxel centre lies within {@code r} mm of {@code centre} (patient mm). */
    static LabelVolume ball(Geometry g, double[] centre, double r, List<SegmentClass> classes) {
        byte[] l = new byte[(int) g.voxelCount()];
        for (int z = 0, i = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++, i++) {
                    double[] p = g.toPatient(x, y, z);
                    double dx = p[0] - centre[0], dy = p[1] - centre[1], dz = p[2] - centre[2];
                    if (dx * dx + dy * dy + dz * dz <= r * r) l[i] = 1;
                }
            }
        }
        return new LabelVolume(l, g, classes);
    }
}
