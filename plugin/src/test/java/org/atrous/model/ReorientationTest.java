package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class ReorientationTest {

    private static Geometry grid(int[] dims, double[] spacing, double[] row, double[] col, double[] slice) {
        return new Geometry(dims, spacing, new double[] {12, -30, 70},
                new double[] {row[0], row[1], row[2], col[0], col[1], col[2], slice[0], slice[1], slice[2]});
    }

    static final Geometry CORONAL = grid(new int[] {7, 5, 4}, new double[] {0.8, 3, 1.5},
            new double[] {1, 0, 0}, new double[] {0, 0, -1}, new double[] {0, 1, 0});

    @Test
    void codesNameThePatientDirectionOfColumnsRowsAndSlices() {
        assertEquals("LPS", Reorientation.code(Geometry.axial(4, 4, 4, 1, 1, 1)));
        assertEquals("LIP", Reorientation.code(CORONAL));
        assertEquals("PIR", Reorientation.code(grid(new int[] {4, 4, 4}, new double[] {1, 1, 1},
                new double[] {0, 1, 0}, new double[] {0, 0, -1}, new double[] {-1, 0, 0})));
        assertEquals("RAS", Reorientation.code(grid(new int[] {4, 4, 4}, new double[] {1, 1, 1},
                new double[] {-1, 0, 0}, new double[] {0, -1, 0}, new double[] {0, 0, 1})), "prone");
        assertEquals("LPI", Reorientation.code(grid(new int[] {4, 4, 4}, new double[] {1, 1, 1},
                new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, -1})), "feet-ward slices");
        double c = Math.cos(0.35), s = Math.sin(0.35); // a 20° gantry tilt is still axial
        assertEquals("LPS", Reorientation.code(grid(new int[] {4, 4, 4}, new double[] {1, 1, 1},
                new double[] {1, 0, 0}, new double[] {0, c, -s}, new double[] {0, s, c})));
        assertEquals(Math.toDegrees(0.35), Reorientation.obliquityDegrees(grid(new int[] {4, 4, 4}, new double[] {1, 1, 1},
                new double[] {1, 0, 0}, new double[] {0, c, -s}, new double[] {0, s, c})), 1e-9);
        assertEquals(0, Reorientation.obliquityDegrees(CORONAL), 1e-9);
    }

    @Test
    void aTurnedViewHoldsTheSameVoxelsAtTheSamePatientPositions() {
        Reorientation r = Reorientation.of(CORONAL, "LPS");
        assertTrue(r.reorients());
        Geometry v = r.viewGrid();
        assertArrayEquals(new int[] {7, 4, 5}, v.dims());
        assertArrayEquals(new double[] {0.8, 1.5, 3}, v.spacing());
        assertEquals("LPS", Reorientation.code(v));
        float[] d = new float[7 * 5 * 4];
        for (int i = 0; i < d.length; i++) d[i] = i;
        Volume src = Volume.of(d, CORONAL, "CT"), view = r.toView(src);
        for (int z = 0; z < 5; z++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 7; x++) {
                    int i = (int) view.get(x, y, z), sx = i % 7, sy = (i / 7) % 5, sz = i / 35;
                    assertArrayEquals(CORONAL.toPatient(sx, sy, sz), v.toPatient(x, y, z), 1e-9, "voxel " + x + "," + y + "," + z);
                }
            }
        }
    }

    @Test
    void proneAndSagittalSeriesTurnVoxelForVoxelToo() {
        Geometry prone = grid(new int[] {6, 5, 3}, new double[] {0.7, 0.7, 2}, new double[] {-1, 0, 0},
                new double[] {0, -1, 0}, new double[] {0, 0, 1});
        Geometry sagittal = grid(new int[] {5, 4, 6}, new double[] {0.9, 1.1, 3}, new double[] {0, 1, 0},
                new double[] {0, 0, -1}, new double[] {-1, 0, 0});
        for (Geometry g : List.of(prone, sagittal)) {
            Reorientation r = Reorientation.of(g, "LPS");
            int n = (int) g.voxelCount(), nx = g.nx(), ny = g.ny();
            float[] d = new float[n];
            for (int i = 0; i < n; i++) d[i] = i;
            Volume view = r.toView(Volume.of(d, g, "CT"));
            Geometry v = view.geometry();
            assertEquals("LPS", Reorientation.code(v));
            for (int i = 0; i < n; i++) {
                int x = i % v.nx(), y = (i / v.nx()) % v.ny(), z = i / (v.nx() * v.ny()), s = (int) view.data()[i];
                assertArrayEquals(g.toPatient(s % nx, (s / nx) % ny, s / (nx * ny)), v.toPatient(x, y, z), 1e-9);
            }
            byte[] l = new byte[n];
            for (int i = 0; i < n; i++) l[i] = (byte) (i % 5 == 0 ? 1 : 0);
            LabelVolume turned = r.toView(new LabelVolume(l, g, SegmenterTest.ONE_CLASS));
            assertArrayEquals(l, r.back(new Segmentation(turned, new ProbabilityVolume(v, 2))).labels().labels());
        }
    }

    @Test
    void aSegmentationOfTheViewComesBackOnTheSeriesGrid() {
        Reorientation r = Reorientation.of(CORONAL, "LPS");
        byte[] l = new byte[140];
        for (int i = 0; i < l.length; i++) l[i] = (byte) (i % 3 == 0 ? 1 : 0);
        LabelVolume labels = new LabelVolume(l, CORONAL, SegmenterTest.ONE_CLASS), turned = r.toView(labels);
        ProbabilityVolume p = new ProbabilityVolume(r.viewGrid(), 2);
        for (int i = 0; i < 140; i++) p.set(1, i, turned.labels()[i] == 1 ? 0.8f : 0.1f);
        Segmentation back = r.back(new Segmentation(turned, p));
        assertArrayEquals(l, back.labels().labels());
        assertEquals(CORONAL, back.labels().geometry());
        for (int i = 0; i < 140; i++) assertEquals(l[i] == 1 ? 0.8f : 0.1f, back.probabilities().get(1, i), 0.003f);
    }

    @Test
    void anAlreadyTurnedOrUnnamedOrientationIsLeftAloneAndBadCodesAreRefused() {
        Geometry axial = Geometry.axial(4, 4, 4, 1, 1, 1);
        assertFalse(Reorientation.of(axial, "LPS").reorients());
        assertFalse(Reorientation.of(CORONAL, null).reorients());
        Volume v = Volume.of(new float[64], axial, "CT");
        assertSame(v, Reorientation.of(axial, "lps").toView(v));
        for (String bad : List.of("LPP", "LP", "XYZ", "LRS")) {
            assertThrows(IllegalArgumentException.class, () -> Reorientation.parse(bad), bad);
        }
    }

    @Test
    void aSegmenterWithAnOrientationReadsACoronalSeriesAsAxialSlices() {
        // 7 columns (L) × 5 rows (I) × 4 slices (P): the model reads 5 axial slices of 7 × 4
        SegmenterTest.Threshold net = new SegmenterTest.Threshold();
        float[] d = new float[140];
        for (int i = 0; i < d.length; i++) d[i] = (i / 7) % 5 == 2 ? 200 : -100; // row 2: one axial level
        Preprocessing pre = new Preprocessing(List.of(new IntensityWindow(50, 300)), false, 0, 64, 16, 0);
        Segmenter seg = new Segmenter(net, pre, SegmenterTest.ONE_CLASS, 1).withOrientation("LPS");
        Segmentation s = seg.segment(Volume.of(d, CORONAL, "CT"), ProgressListener.NONE);
        assertEquals(5, net.calls, "one call per axial slice");
        assertEquals(CORONAL, s.labels().geometry());
        for (int i = 0; i < 140; i++) assertEquals(d[i] > 50 ? 1 : 0, s.labels().labels()[i], "voxel " + i);
    }
}
