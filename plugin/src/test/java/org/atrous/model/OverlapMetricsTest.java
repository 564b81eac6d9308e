package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.atrous.dicom.DistanceTransform;
import org.atrous.dicom.Geometry;
import org.junit.jupiter.api.Test;

class OverlapMetricsTest {

    @Test
    void distanceTransformMatchesBruteForceOnAnAnisotropicGrid() {
        int nx = 9, ny = 7, nz = 5;
        double sx = 0.7, sy = 1.3, sz = 2.5;
        SplittableRandom rnd = new SplittableRandom(3);
        boolean[] seeds = new boolean[nx * ny * nz];
        for (int i = 0; i < seeds.length; i++) seeds[i] = rnd.nextDouble() < 0.04;
        float[] d = DistanceTransform.squaredMm(seeds, nx, ny, nz, sx, sy, sz);
        for (int i = 0; i < seeds.length; i++) {
            double best = Double.MAX_VALUE;
            for (int j = 0; j < seeds.length; j++) {
                if (!seeds[j]) continue;
                double dx = (i % nx - j % nx) * sx, dy = ((i / nx) % ny - (j / nx) % ny) * sy;
                double dz = (i / (nx * ny) - j / (nx * ny)) * sz;
                best = Math.min(best, dx * dx + dy * dy + dz * dz);
            }
            assertEquals(best, d[i], 1e-3 * Math.max(1, best), "voxel " + i);
        }
    }

    @Test
    void singleVoxelsApartGiveTheirDistance() {
        Geometry g = Geometry.axial(8, 6, 4, 0.5, 1, 2);
        byte[] a = new byte[8 * 6 * 4], b = new byte[a.length];
        a[(2 * 6 + 2) * 8 + 2] = 1;
        b[(2 * 6 + 2) * 8 + 5] = 1;
        OverlapMetrics m = OverlapMetrics.of(a, b, 1, g);
        assertEquals(0, m.dice());
        assertEquals(1.5, m.hd95Mm(), 1e-6);
        assertEquals(1.5, m.assdMm(), 1e-6);
    }

    @Test
    void overlappingBoxes() {
        int nx = 20, ny = 20, nz = 10;
        Geometry g = Geometry.axial(nx, ny, nz, 1, 1, 1);
        byte[] ref = new byte[nx * ny * nz], pred = new byte[ref.length];
        for (int z = 2; z < 8; z++) {
            for (int y = 4; y < 14; y++) {
                for (int x = 4; x < 14; x++) {
                    ref[(z * ny + y) * nx + x] = 2;
                    pred[(z * ny + y) * nx + x + 2] = 2; // shifted by 2 voxels in x
                }
            }
        }
        OverlapMetrics m = OverlapMetrics.of(pred, ref, 2, g);
        assertEquals(2.0 * 8 / 20, m.dice(), 1e-12); // overlap 8 of 10 columns
        assertEquals(2.0, m.hd95Mm(), 1e-6);
        assertTrue(m.assdMm() > 0 && m.assdMm() < 2.0, "assd " + m.assdMm());
        OverlapMetrics same = OverlapMetrics.of(ref, ref, 2, g);
        assertEquals(1.0, same.dice());
        assertEquals(0.0, same.hd95Mm());
        assertEquals(1.0, OverlapMetrics.of(ref, ref, 7, g).dice(), "both empty");
        assertTrue(Double.isNaN(OverlapMetrics.of(new byte[ref.length], ref, 2, g).hd95Mm()));
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        // numpy.percentile([1, 2, 3, 4], 95) = 3.85
        assertEquals(3.85, OverlapMetrics.percentile(new float[] {4, 1, 3, 2}, 95), 1e-6);
    }
}
