package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.pipeline.Evaluation;
import org.junit.jupiter.api.Test;

class LesionDetectionTest {

    private static final int N = 40;
    private static final Geometry G = Geometry.axial(N, N, N, 1.0, 1.0, 2.0);

    /** Paints label 2 in a box [x0,x1) x [y0,y1) x [z0,z1). */
    private static void box(byte[] v, int x0, int x1, int y0, int y1, int z0, int z1) {
        for (int z = z0; z < z1; z++) {
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) v[(z * N + y) * N + x] = 2;
            }
        }
    }

    @Test
    void findsCoveredLesionsMissesUncoveredOnesAndCountsStrayComponents() {
        byte[] ref = new byte[N * N * N];
        byte[] pred = new byte[N * N * N];
        box(ref, 2, 12, 2, 12, 2, 7);      // 10x10x5 voxels, found exactly
        box(pred, 2, 12, 2, 12, 2, 7);
        box(ref, 20, 24, 20, 24, 20, 22);  // 4x4x2, touched by one voxel only: IoU 1/32, missed
        box(pred, 23, 24, 23, 24, 21, 22);
        box(ref, 30, 33, 2, 5, 2, 4);      // 3x3x2, nothing predicted: missed
        box(pred, 30, 35, 30, 35, 30, 35); // stray prediction: a false positive
        box(pred, 2, 4, 30, 32, 10, 11);   // another one
        LesionDetection d = LesionDetection.of(pred, ref, 2, G);
        assertEquals(3, d.lesions().size());
        assertEquals(2, d.falsePositives());
        assertEquals(1, d.detected());
        LesionDetection.Lesion big = d.lesions().get(0);
        assertTrue(big.detected());
        assertEquals(1.0, big.iou(), 1e-12);
        assertEquals(1.0, big.volumeMl(), 1e-12, "500 voxels of 2 mm^3");
        assertEquals(2 * Math.cbrt(3 * 1000 / (4 * Math.PI)), big.diameterMm(), 1e-9);
        // scan order (z, then y, then x): the 3x3x2 lesion at z=2 comes before the one at z=20
        assertEquals(0.0, d.lesions().get(1).iou());
        assertEquals(1.0 / 32, d.lesions().get(2).iou(), 1e-12);
        assertFalse(d.lesions().get(2).detected());
        // centroids in patient mm (identity axes at the origin): the big box's x and y 2..11, z 2..6 at 2 mm
        assertEquals(6.5, big.centroidX(), 1e-9);
        assertEquals(6.5, big.centroidY(), 1e-9);
        assertEquals(8.0, big.centroidZ(), 1e-9);
        assertEquals(1.0, big.dice(), 1e-12);
        assertEquals(2 * (1.0 / 32) / (1 + 1.0 / 32), d.lesions().get(2).dice(), 1e-12);
        // the false positives, in scan order: the 2x2x1 at z=10 (y 30..31), then the 5x5x5 at z=30..34
        assertEquals(4 * 2.0 / 1000, d.falsePositiveLesions().get(0).volumeMl(), 1e-12);
        assertEquals(125 * 2.0 / 1000, d.falsePositiveLesions().get(1).volumeMl(), 1e-12);
        assertEquals(32.0, d.falsePositiveLesions().get(1).centroidX(), 1e-9);
        assertEquals(64.0, d.falsePositiveLesions().get(1).centroidZ(), 1e-9);
    }

    @Test
    void aLesionHalfFoundCountsWithTheWholeTouchingComponent() {
        byte[] ref = new byte[N * N * N];
        byte[] pred = new byte[N * N * N];
        box(ref, 10, 20, 10, 20, 10, 12);  // 200 voxels
        box(pred, 15, 30, 10, 20, 10, 12); // 300 voxels, 100 shared: IoU 100 / 400
        LesionDetection d = LesionDetection.of(pred, ref, 2, G);
        assertEquals(0.25, d.lesions().get(0).iou(), 1e-12);
        assertTrue(d.lesions().get(0).detected());
        assertEquals(0, d.falsePositives());
    }

    @Test
    void emptyVolumesHaveNoLesions() {
        LesionDetection d = LesionDetection.of(new byte[N * N * N], new byte[N * N * N], 2, G);
        assertEquals(0, d.lesions().size());
        assertEquals(0, d.falsePositives());
    }

    @Test
    void summaryBinsByDiameterAndCountsFalsePositivesPerCase() {
        LesionDetection.Lesion stray = new LesionDetection.Lesion(0.3, 8.3, 0, false);
        LesionDetection a = new LesionDetection(List.of(new LesionDetection.Lesion(0.1, 5.8, 0.0, false),
                new LesionDetection.Lesion(2.0, 15.6, 0.6, true)), List.of(stray));
        LesionDetection b = new LesionDetection(List.of(new LesionDetection.Lesion(10, 26.7, 0.8, true)), List.of(stray, stray));
        String line = Evaluation.lesionSummary(List.of(new Evaluation.LesionRow("a", "liver tumour", a),
                new Evaluation.LesionRow("b", "liver tumour", b)), "liver tumour");
        assertEquals("lesions liver tumour: detected 2 of 3 (0.667); < 10 mm 0/1, 10-20 mm 1/1, >= 20 mm 1/1; "
                + "false positives 3 (1.50 per case)", line);
    }
}
