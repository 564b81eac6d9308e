package org.atrous.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.model.ModelCard;
import org.atrous.pipeline.Models;
import org.junit.jupiter.api.Test;

/** The training images' largest extent, as the card's trainingExtentMm names it. */
class TrainingReadingTest {

    @Test
    void theExtentIsTheLargestPerAxisAsTheModelReadsTheCases() {
        // coronal 6x4x3 at (1, 5, 1) mm turns to axial LPS: 6 columns of 1 mm, 3 rows of 1 mm, 4 slices of 5 mm
        TrainingCase coronal = TrainingOrientationTest.on("cor", TrainingOrientationTest.CORONAL);
        TrainingCase axial = TrainingOrientationTest.on("ax", Geometry.axial(5, 7, 2, 0.8, 0.8, 2.5));
        TrainingReading r = TrainingReading.of(TrainingSliceSpacingTest.twoPointFiveD(0), List.of(coronal, axial),
                "LPS", 0);
        assertArrayEquals(new double[] {6, 5.6, 20}, r.extentMm(false, null), 1e-9);
        // fine-tuned: what the starting model saw counts too
        assertArrayEquals(new double[] {43, 5.6, 47}, r.extentMm(true, new double[] {43, 5, 47}), 1e-9);
        // a starting model trained on images of unknown size: no extent, so no warning
        assertNull(r.extentMm(true, null));
    }

    @Test
    void theCardCarriesIt() {
        ModelCard.Preprocessing p = Models.cardPreprocessing(TrainingSliceSpacingTest.twoPointFiveD(0), 96, "LPS", "CT",
                new double[] {300, 250, 240});
        assertArrayEquals(new double[] {300, 250, 240}, p.trainingExtentMm());
        assertNull(Models.cardPreprocessing(TrainingSliceSpacingTest.twoPointFiveD(0), 96, "LPS", "CT").trainingExtentMm());
    }
}
