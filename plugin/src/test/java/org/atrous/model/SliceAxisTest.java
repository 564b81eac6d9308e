package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.atrous.dicom.CodedConcept;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;
import org.junit.jupiter.api.Test;

class SliceAxisTest {

    /** 3×4×5 voxels, anisotropic and oblique, each voxel's value its own index. */
    static Volume volume() {
        double c = Math.cos(0.3), s = Math.sin(0.3);
        Geometry g = new Geometry(new int[] {3, 4, 5}, new double[] {0.7, 0.9, 2.5}, new double[] {-10, 5, 30},
                new double[] {c, s, 0, -s, c, 0, 0, 0, 1});
        float[] v = new float[60];
        for (int i = 0; i < v.length; i++) v[i] = i;
        return Volume.of(v, g, "MR");
    }

    @Test
    void everyViewVoxelIsTheSamePointWithTheSameValue() {
        Volume src = volume();
        for (SliceAxis axis : SliceAxis.values()) {
            Volume view = axis.view(src);
            Geometry g = view.geometry();
            assertEquals(60, g.voxelCount());
            for (int z = 0; z < g.nz(); z++) {
                for (int y = 0; y < g.ny(); y++) {
                    for (int x = 0; x < g.nx(); x++) {
                        double[] p = g.toPatient(x, y, z);
                        int index = (int) view.get(x, y, z);
                        int sx = index % 3, sy = index / 3 % 4, sz = index / 12;
                        assertArrayEquals(src.geometry().toPatient(sx, sy, sz), p, 1e-9, axis + " at " + x + "," + y + "," + z);
                    }
                }
            }
        }
    }

    @Test
    void viewsSliceAcrossTheNamedAxis() {
        Volume src = volume();
        assertArrayEquals(new int[] {4, 5, 3}, SliceAxis.X.view(src).geometry().dims());
        assertArrayEquals(new double[] {0.9, 2.5, 0.7}, SliceAxis.X.view(src).geometry().spacing());
        assertArrayEquals(new int[] {3, 5, 4}, SliceAxis.Y.view(src).geometry().dims());
        assertSame(src, SliceAxis.Z.view(src));
    }

    @Test
    void aSegmentationOfAViewComesBackOnTheSourceGrid() {
        Volume src = volume();
        List<SegmentClass> classes = List.of(cls(1, "a"), cls(2, "b"));
        byte[] labels = new byte[60];
        for (int i = 0; i < 60; i++) labels[i] = (byte) (i % 3);
        LabelVolume truth = new LabelVolume(labels, src.geometry(), classes);
        for (SliceAxis axis : SliceAxis.values()) {
            LabelVolume viewLabels = axis.view(truth);
            ProbabilityVolume p = new ProbabilityVolume(viewLabels.geometry(), 3);
            for (int i = 0; i < 60; i++) p.set(viewLabels.labels()[i], i, 0.8f);
            Segmentation back = axis.back(new Segmentation(viewLabels, p), src.geometry());
            assertArrayEquals(labels, back.labels().labels(), axis.label());
            assertEquals(src.geometry(), back.labels().geometry());
            for (int i = 0; i < 60; i++) assertEquals(0.8f, back.probabilities().get(labels[i], i), 0.003f);
        }
    }

    static SegmentClass cls(int label, String name) {
        return new SegmentClass(label, name, new int[] {255, 0, 0}, SegmentClass.ANATOMICAL_STRUCTURE,
                CodedConcept.sct("5366008", "Hippocampus"));
    }

    @Test
    void parsesAxisNames() {
        assertEquals(SliceAxis.X, SliceAxis.parse("X"));
        assertEquals(SliceAxis.Z, SliceAxis.parse(null));
        assertThrows(IllegalArgumentException.class, () -> SliceAxis.parse("sagittal"));
    }
}
