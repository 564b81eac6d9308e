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

    /** {@code pre} with this slice spacing. */
    public Preprocessing over(Preprocessing pre) {
        return pre.withSliceSpacing(sliceSpacingMm);
    }
}
