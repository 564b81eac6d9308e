package org.atrous.model.train;

import java.util.List;

import org.atrous.model.Preprocessing;

/**
 * How a model being trained will read series, chosen from its training cases and named on its
 * card: the orientation ({@link TrainingOrientation}) and, for a 2.5D model, the slice spacing
 * ({@link TrainingSliceSpacing}). The order matters and lives here: cases are turned first, so
 * the spacing is that of the slices the model will read.
 *
 * @param orientation    the cases' orientation code
 * @param sliceSpacingMm the slice spacing, 0 for none
 * @param train          the training cases turned and resampled
 * @param caseSpacings   the turned cases' own slice spacings, for a log line
 */
public record TrainingReading(String orientation, double sliceSpacingMm, List<TrainingCase> train, String caseSpacings) {

    /**
     * The reading for {@code train} with {@code pre}, keeping a starting model's orientation
     * (null: none) and slice spacing (0: none).
     */
    public static TrainingReading of(Preprocessing pre, List<TrainingCase> train, String startOrientation,
                                     double startSpacingMm) {
        String orientation = TrainingOrientation.choose(train, startOrientation);
        List<TrainingCase> turned = TrainingOrientation.turn(train, orientation);
        double mm = TrainingSliceSpacing.choose(pre, turned, startSpacingMm);
        return new TrainingReading(orientation, mm, TrainingSliceSpacing.resample(turned, mm),
                TrainingSliceSpacing.describe(turned));
    }

    /** Other cases (validation) read the same way. */
    public List<TrainingCase> apply(List<TrainingCase> cases) {
        return TrainingSliceSpacing.resample(TrainingOrientation.turn(cases, orientation), sliceSpacingMm);
    }

    /**
     * The largest extent in mm of the training images along their columns, rows and slices as the
     * model reads them (turned), for the card's {@code trainingExtentMm}: a series far larger is
     * then warned about. Fine-tuning adds what the starting model saw; a starting model without
     * an extent saw images of unknown size, so the result is null (no warning) then.
     *
     * @param fineTuned    whether training starts from another model's weights
     * @param startExtentMm that model's extent, or null
     */
    public double[] extentMm(boolean fineTuned, double[] startExtentMm) {
        if (fineTuned && startExtentMm == null) return null;
        double[] e = fineTuned ? startExtentMm.clone() : new double[3];
        for (TrainingCase c : train) {
            org.atrous.dicom.Geometry g = c.image().geometry();
            int[] n = {g.nx(), g.ny(), g.nz()};
            // rounded to 0.1 mm: the card is read by people
            for (int a = 0; a < 3; a++) e[a] = Math.max(e[a], Math.round(n[a] * g.spacing()[a] * 10) / 10.0);
        }
        return e;
    }

    /** {@code pre} with this slice spacing. */
    public Preprocessing over(Preprocessing pre) {
        return pre.withSliceSpacing(sliceSpacingMm);
    }
}
