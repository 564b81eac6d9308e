package org.atrous.roi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.junit.jupiter.api.Test;

class ComponentMeasurerTest {

    private static final int NX = 40, NY = 36, NZ = 12;
    private static final double SX = 0.8, SY = 0.8, SZ = 2.0;
    // patient LPS: x runs to the patient's left, y posterior, slices go feet-wards (direction z = -1)
    private static final Geometry G = new Geometry(new int[] {NX, NY, NZ}, new double[] {SX, SY, SZ},
            new double[] {-150, 20, 300}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, -1});

    /**
     * Two tumour balls (radius 5 and 3 voxels in index space, inside the grid) and a liver slab;
     * returns the balls' voxel counts and the big one's HU sum.
     */
    private static long[] paint(byte[] l, float[] img) {
        long big = 0, small = 0, bigSum = 0;
        for (int z = 0; z < NZ; z++) {
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) {
                    int i = (z * NY + y) * NX + x;
                    if (sq(x - 10) + sq(y - 12) + sq(z - 5) <= 25) {
                        l[i] = 2;
                        img[i] = (x % 2 == 0) ? 20 : 40;
                        bigSum += (long) img[i];
                        big++;
                    } else if (sq(x - 30) + sq(y - 26) + sq(z - 6) <= 9) {
                        l[i] = 2;
                        img[i] = 100;
                        small++;
                    } else if (x >= 20 && y < 8 && z < 3) {
                        l[i] = 1;
                        img[i] = 60;
                    }
                }
            }
        }
        return new long[] {big, small, bigSum};
    }

    private static int sq(int v) { return v * v; }

    @Test
    void eachTumourIsARowLargestFirstWithItsOwnMeasurements() {
        byte[] l = new byte[NX * NY * NZ];
        float[] img = new float[l.length];
        long[] n = paint(l, img);
        LabelVolume lv = new LabelVolume(l, G, List.of(LabelRoisTest.LIVER, LabelRoisTest.TUMOUR));
        List<ComponentMeasurement> rows = ComponentMeasurer.measure(lv, Volume.of(img, G, "CT"),
                (c, i) -> c == 2 ? (img[i] == 100 ? 0.6 : 0.9) : 0.5);

        assertEquals(3, rows.size());
        ComponentMeasurement liver = rows.get(0), big = rows.get(1), small = rows.get(2);
        assertEquals("liver", liver.name());
        assertEquals(1, liver.index());
        assertEquals(20L * 8 * 3, liver.voxels());
        assertEquals(60, liver.meanValue(), 1e-9);
        assertEquals(0.5, liver.meanProbability(), 1e-9);

        assertEquals("tumour", big.name());
        assertEquals(1, big.index());
        assertEquals(n[0], big.voxels());
        assertEquals(n[0] * SX * SY * SZ / 1000, big.volumeMl(), 1e-12);
        assertEquals(2, small.index());
        assertEquals(n[1], small.voxels());
        // ball centres, through origin, spacing and the feet-ward slice direction
        assertEquals(-150 + 10 * SX, big.centroidX(), 1e-9);
        assertEquals(20 + 12 * SY, big.centroidY(), 1e-9);
        assertEquals(300 - 5 * SZ, big.centroidZ(), 1e-9);
        assertEquals(300 - 6 * SZ, small.centroidZ(), 1e-9);
        assertEquals(1, big.firstSlice());
        assertEquals(11, big.lastSlice());
        assertEquals(6, big.diameterSlice()); // the equator
        // a disc of radius 5 pixels spans 11 pixels: its longest diameter between 11 px and the 11 px square's diagonal
        assertTrue(big.longestDiameterMm() >= 11 * SX && big.longestDiameterMm() <= 11 * SX * Math.sqrt(2),
                "" + big.longestDiameterMm());
        assertTrue(big.shortAxisMm() > 0.85 * big.longestDiameterMm(), big.shortAxisMm() + " for a round lesion");
        assertEquals((double) n[2] / n[0], big.meanValue(), 1e-9);
        assertTrue(big.sdValue() > 9 && big.sdValue() < 11, "" + big.sdValue());
        assertEquals(100, small.meanValue(), 1e-9);
        assertEquals(0, small.sdValue(), 1e-9);
        assertEquals(0.9, big.meanProbability(), 1e-9);
        assertEquals(0.6, small.meanProbability(), 1e-9);
    }

    @Test
    void shortAxisIsTheLongestChordPerpendicularToTheLongestDiameter() {
        // a 20×8 pixel rectangle at 0.5 mm: 10 × 4 mm, diagonal sqrt(116); across it the chord is h·d/w
        int nx = 30, ny = 20;
        boolean[] m = new boolean[nx * ny];
        for (int y = 4; y < 12; y++) for (int x = 5; x < 25; x++) m[y * nx + x] = true;
        LongestDiameter.Axes a = LongestDiameter.axes(m, nx, ny, 0.5, 0.5);
        assertEquals(Math.sqrt(116), a.longestMm(), 1e-9);
        assertEquals(4 * Math.sqrt(116) / 10, a.shortAxisMm(), 1e-9);
        // a one-pixel line: its 20 × 1 hull gives h·d/w across as well
        boolean[] line = new boolean[nx * ny];
        for (int x = 2; x < 22; x++) line[3 * nx + x] = true;
        LongestDiameter.Axes b = LongestDiameter.axes(line, nx, ny, 1, 1);
        assertEquals(Math.sqrt(401), b.longestMm(), 1e-9);
        assertEquals(Math.sqrt(401) / 20, b.shortAxisMm(), 1e-9);
        assertEquals(0, LongestDiameter.axes(new boolean[nx * ny], nx, ny, 1, 1).shortAxisMm());
    }

    @Test
    void withoutImageOrProbabilitiesTheirColumnsAreNaNAndEmptyClassesHaveNoRows() {
        byte[] l = new byte[NX * NY * NZ];
        paint(l, new float[l.length]);
        for (int i = 0; i < l.length; i++) if (l[i] == 1) l[i] = 0;
        LabelVolume lv = new LabelVolume(l, G, List.of(LabelRoisTest.LIVER, LabelRoisTest.TUMOUR));
        List<ComponentMeasurement> rows = ComponentMeasurer.measure(lv, null, null);
        assertEquals(2, rows.size());
        assertTrue(Double.isNaN(rows.get(0).meanValue()));
        assertTrue(Double.isNaN(rows.get(0).meanProbability()));
        String csv = MeasurementCsv.ofComponents(rows);
        String[] lines = csv.split("\n");
        assertEquals(MeasurementCsv.COMPONENT_HEADER, lines[0]);
        assertEquals(3, lines.length);
        String[] f = lines[2].split(",");
        assertEquals(MeasurementCsv.COMPONENT_HEADER.split(",").length, f.length);
        assertEquals("tumour", f[1]);
        assertEquals("2", f[2]);
        assertEquals("NaN", f[15]);
    }

    @Test
    void refusesAnImageOnAnotherGrid() {
        LabelVolume lv = new LabelVolume(new byte[NX * NY * NZ], G, List.of(LabelRoisTest.LIVER));
        assertThrows(IllegalArgumentException.class,
                () -> ComponentMeasurer.measure(lv, Volume.of(new float[10], Geometry.axial(10, 1, 1, 1, 1, 1), "CT"), null));
    }
}
