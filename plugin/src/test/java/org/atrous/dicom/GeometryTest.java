package org.atrous.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GeometryTest {

    @Test
    void toVoxelInvertsToPatientOnObliqueAndShearedGrids() {
        double c = Math.cos(0.4), s = Math.sin(0.4);
        // rows tilted about x; slices stacked along a direction sheared 15 degrees off the normal (gantry tilt)
        double t = Math.tan(Math.toRadians(15));
        double norm = Math.sqrt(1 + t * t);
        Geometry g = new Geometry(new int[] {64, 48, 20}, new double[] {0.7, 0.9, 2.5}, new double[] {-100, 20, 300},
                new double[] {1, 0, 0, 0, c, s, 0, (-s + t * c) / norm, (c + t * s) / norm});
        for (double[] v : new double[][] {{0, 0, 0}, {10.5, 3.25, 7}, {63, 47, 19}, {-2, 60, -1.5}}) {
            assertArrayEquals(v, g.toVoxel(g.toPatient(v[0], v[1], v[2])), 1e-9);
        }
        Geometry flat = new Geometry(new int[] {4, 4, 2}, new double[] {1, 1, 1}, new double[3],
                new double[] {1, 0, 0, 0, 1, 0, 1, 0, 0});
        assertThrows(IllegalStateException.class, () -> flat.toVoxel(new double[3]), "slices along the rows");
    }
}
