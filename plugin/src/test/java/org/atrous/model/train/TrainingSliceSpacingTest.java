package org.atrous.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.atrous.dicom.CodedConcept;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;
import org.atrous.model.IntensityWindow;
import org.atrous.model.Preprocessing;
import org.atrous.model.SliceAxis;
import org.atrous.pipeline.Models;
import org.junit.jupiter.api.Test;

class TrainingSliceSpacingTest {

    static final List<SegmentClass> CLASSES = List.of(new SegmentClass(1, "liver", new int[] {255, 0, 0},
            SegmentClass.ANATOMICAL_STRUCTURE, CodedConcept.sct("10200004", "Liver")));

    /** A 3×2-pixel case of nz slices: slice k holds HU k and label k % 2. */
    static TrainingCase thinCase(String id, int nz, double spacing) {
        Geometry g = Geometry.axial(3, 2, nz, 1, 1, spacing);
        float[] d = new float[6 * nz];
        byte[] l = new byte[6 * nz];
        for (int k = 0; k < nz; k++) {
            for (int i = 0; i < 6; i++) {
                d[k * 6 + i] = k;
                l[k * 6 + i] = (byte) (k % 2);
            }
        }
        return new TrainingCase(id, Volume.of(d, g, "CT"), new LabelVolume(l, g, CLASSES));
    }

    static Preprocessing twoPointFiveD(int context) {
        return new Preprocessing(List.of(new IntensityWindow(40, 400)), false, 1.5, 512, 8, context);
    }

    @Test
    void a25dModelTrainsAtItsStartingModelsSpacingElseTheCasesMedian() {
        List<TrainingCase> cases = List.of(thinCase("a", 9, 1.25), thinCase("b", 5, 5), thinCase("c", 9, 2.5),
                thinCase("d", 9, 2.5));
        assertEquals(2.5, TrainingSliceSpacing.choose(twoPointFiveD(2), cases, 0));
        assertEquals(3.125, TrainingSliceSpacing.choose(twoPointFiveD(2), cases.subList(0, 2), 0));
        assertEquals(5.0, TrainingSliceSpacing.choose(twoPointFiveD(2), cases, 5.0));
        // a 2D model, or one slicing across another axis, needs none
        assertEquals(0, TrainingSliceSpacing.choose(twoPointFiveD(0), cases, 5.0));
        assertEquals(0, TrainingSliceSpacing.choose(twoPointFiveD(2).withSliceAxis(SliceAxis.X), cases, 0));
    }

    @Test
    void thinCasesAreAveragedIntoSlabsLabelledByTheNearestSlice() {
        // 9 slices of 1.25 mm span 10 mm: slabs at 0, 5 and 10 mm, over slices 0, 4 and 8
        TrainingCase thin = thinCase("thin", 9, 1.25), at = thinCase("at", 5, 5.2);
        List<TrainingCase> out = TrainingSliceSpacing.resample(List.of(thin, at), 5.0);
        TrainingCase r = out.get(0);
        assertEquals(3, r.image().geometry().nz());
        assertEquals(5.0, r.labels().geometry().spacing()[2]);
        assertTrue(r.image().geometry().sameGrid(r.labels().geometry(), 1e-9));
        assertEquals(4.0, r.image().get(1, 1, 1), 1e-5); // slices 2..6, weighted 1/8, 1/4, 1/4, 1/4, 1/8
        for (int j = 0; j < 3; j++) assertEquals((4 * j) % 2, r.labels().get(2, 1, j));
        assertSame(at, out.get(1), "within 10 % of the spacing: kept as it is");
    }

    @Test
    void theCardNamesTheSpacingOnlyWhenThereIsOne() {
        assertEquals(5.0, Models.cardPreprocessing(twoPointFiveD(2).withSliceSpacing(5.0), 96).sliceSpacingMm());
        assertNull(Models.cardPreprocessing(twoPointFiveD(2), 96).sliceSpacingMm());
    }
}
