package org.atrous.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.atrous.model.Reorientation;
import org.junit.jupiter.api.Test;

class TrainingOrientationTest {

    /** A coronal grid: columns to the left, rows to the feet, slices to the back. */
    static final Geometry CORONAL = new Geometry(new int[] {6, 4, 3}, new double[] {1, 5, 1}, new double[3],
            new double[] {1, 0, 0, 0, 0, -1, 0, 1, 0});

    static TrainingCase on(String id, Geometry g) {
        int n = (int) g.voxelCount();
        float[] d = new float[n];
        byte[] l = new byte[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
            l[i] = (byte) (i % 2);
        }
        return new TrainingCase(id, Volume.of(d, g, "CT"), new LabelVolume(l, g, TrainingSliceSpacingTest.CLASSES));
    }

    @Test
    void theCasesMostCommonOrientationUnlessTheStartingModelNamesOne() {
        Geometry axial = Geometry.axial(6, 4, 3, 1, 1, 5);
        List<TrainingCase> cases = List.of(on("a", CORONAL), on("b", axial), on("c", axial));
        assertEquals("LPS", TrainingOrientation.choose(cases, null));
        assertEquals("LIP", TrainingOrientation.choose(cases.subList(0, 1), null));
        assertEquals("RAS", TrainingOrientation.choose(cases, "ras"));
    }

    @Test
    void aCaseIsTurnedImageAndLabelsAlike() {
        TrainingCase c = on("cor", CORONAL);
        TrainingCase t = TrainingOrientation.turn(c, "LPS");
        assertEquals("LPS", Reorientation.code(t.image().geometry()));
        assertArrayEquals(new int[] {6, 3, 4}, t.image().geometry().dims());
        // labels were i % 2 of the source index, as the image holds i: they still agree voxel by voxel
        for (int i = 0; i < 72; i++) assertEquals((int) t.image().data()[i] % 2, t.labels().labels()[i]);
        assertSame(t, TrainingOrientation.turn(t, "LPS"));
    }
}
