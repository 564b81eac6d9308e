package org.atrous.roi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.junit.jupiter.api.Test;

class SegmentationMeasurerTest {

    @Test
    void volumeDiameterValuesAndSlicesOfABox() {
        int nx = 30, ny = 20, nz = 6;
        Geometry g = Geometry.axial(nx, ny, nz, 0.5, 0.75, 2.0);
        byte[] l = new byte[nx * ny * nz];
        float[] img = new float[l.length];
        // liver: a 10×4 box on slices 1..3 (0-based) whose HU alternate 50 and 70
        for (int z = 1; z <= 3; z++) {
            for (int y = 5; y < 9; y++) {
                for (int x = 3; x < 13; x++) {
                    int i = (z * ny + y) * nx + x;
                    l[i] = 1;
                    img[i] = (x % 2 == 0) ? 50 : 70;
                }
            }
        }
        // two separate tumour voxels far apart: two components
        l[(0 * ny + 1) * nx + 1] = 2;
        l[(5 * ny + 18) * nx + 28] = 2;
        LabelVolume lv = new LabelVolume(l, g, List.of(LabelRoisTest.LIVER, LabelRoisTest.TUMOUR));
        List<ClassMeasurement> m = SegmentationMeasurer.measure(lv, Volume.of(img, g, "CT"));

        ClassMeasurement liver = m.get(0);
        assertEquals(120, liver.voxels());
        assertEquals(120 * 0.5 * 0.75 * 2.0 / 1000.0, liver.volumeMl(), 1e-12);
        assertEquals(1, liver.components());
        // corners of a 10×4 pixel box: 5 mm × 3 mm → diagonal sqrt(34)
        assertEquals(Math.sqrt(25 + 9), liver.largestDiameterMm(), 1e-9);
        assertEquals(60.0, liver.meanValue(), 1e-9);
        assertEquals(Math.sqrt(100.0 * 120 / 119), liver.sdValue(), 1e-9);
        assertEquals(2, liver.firstSlice());
        assertEquals(4, liver.lastSlice());

        ClassMeasurement tumour = m.get(1);
        assertEquals(2, tumour.components());
        assertEquals(Math.hypot(0.5, 0.75), tumour.largestDiameterMm(), 1e-9);
        assertEquals(1, tumour.firstSlice());
        assertEquals(6, tumour.lastSlice());
    }

    @Test
    void theLongestDiameterIsPerLesionNotAcrossTwoLesionsOnOneSlice() {
        Geometry g = Geometry.axial(40, 20, 2, 1.0, 1.0, 5.0);
        byte[] l = new byte[40 * 20 * 2];
        // on slice 0 two 3x3 tumours 30 pixels apart; on slice 1 the left one only, 4x3
        for (int y = 5; y < 8; y++) {
            for (int x = 2; x < 5; x++) l[y * 40 + x] = 2;
            for (int x = 32; x < 35; x++) l[y * 40 + x] = 2;
            for (int x = 2; x < 6; x++) l[40 * 20 + y * 40 + x] = 2;
        }
        LabelVolume lv = new LabelVolume(l, g, List.of(LabelRoisTest.LIVER, LabelRoisTest.TUMOUR));
        ClassMeasurement tumour = SegmentationMeasurer.measure(lv, null).get(1);
        assertEquals(2, tumour.components());
        assertEquals(5.0, tumour.largestDiameterMm(), 1e-9, "the larger lesion's 4x3 diagonal, not 33 mm across both");
    }

    @Test
    void diagonalNeighboursAreOneComponentIn3D() {
        int n = 4;
        boolean[] mask = new boolean[n * n * n];
        for (int i = 0; i < n; i++) mask[(i * n + i) * n + i] = true;
        assertEquals(1, ComponentLabeler.count(ComponentLabeler.label(mask, n, n, n)));
    }
}
