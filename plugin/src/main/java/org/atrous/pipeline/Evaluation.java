package org.atrous.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.atrous.model.LesionDetection;
import org.atrous.model.OverlapMetrics;
import org.atrous.model.train.TrainingCase;
import org.atrous.progress.ProgressListener;

/**
 * Runs the pipeline on annotated cases and scores every class of every case: Dice, HD95 and
 * ASSD in mm. Reference classes are matched to the model's by meaning ({@link ReferenceClasses}),
 * so a SEG that numbers its segments otherwise is scored correctly. Means skip NaN distances (a
 * class missing from prediction or reference).
 */
public final class Evaluation {

    /** One case and class; the voxel counts let Dice be pooled over cases ({@link #globalDice}). */
    public record Row(String caseId, String className, double dice, double hd95Mm, double assdMm,
                      long overlapVoxels, long predictedVoxels, long referenceVoxels) { }

    private Evaluation() { }

    public static List<Row> run(Pipeline pipeline, List<TrainingCase> cases, ProgressListener l) {
        return run(pipeline, cases, Set.of(), l).rows();
    }

    /** One case's lesion-wise scores of one class. */
    public record LesionRow(String caseId, String className, LesionDetection detection) { }

    /** Overlap rows of every case and class, and lesion-wise rows of the classes asked for. */
    public record Result(List<Row> rows, List<LesionRow> lesions) { }

    /** As {@link #run(Pipeline, List, ProgressListener)}, also scoring lesions of {@code lesionClasses}. */
    public static Result run(Pipeline pipeline, List<TrainingCase> cases, Set<String> lesionClasses,
                             ProgressListener l) {
        List<Row> rows = new ArrayList<>();
        List<LesionRow> lesions = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            TrainingCase c;
            try {
                c = cases.get(i); // a CaseList reads it only now
            } catch (CaseList.Unreadable e) {
                l.log("skipped " + e.source() + ": " + e.getMessage());
                continue;
            }
            LabelVolume whole = pipeline.run(c.image(), ProgressListener.NONE).labels();
            // a stack outlined on some slices is scored on those only
            LabelVolume predicted = new LabelVolume(c.onAnnotated(whole.labels()), whole.geometry(), whole.classes());
            ReferenceClasses.Matched ref = ReferenceClasses.inModelClasses(c.labels(), predicted.classes());
            for (String name : ref.unmatched()) {
                l.log(c.id() + ": reference segment '" + name + "' is none of the model's classes; not scored");
            }
            rows.addAll(score(c.id(), predicted, ref.reference()));
            for (SegmentClass k : ref.reference().classes()) {
                if (!lesionClasses.contains(k.name())) continue;
                lesions.add(new LesionRow(c.id(), k.name(), LesionDetection.of(predicted.labels(),
                        ref.reference().labels(), k.label(), c.labels().geometry())));
            }
            l.progress("evaluation", (i + 1.0) / cases.size());
        }
        return new Result(rows, lesions);
    }

    /** Scores each class of the reference; the prediction's labels must mean the same classes. */
    public static List<Row> score(String id, LabelVolume predicted, LabelVolume reference) {
        List<Row> rows = new ArrayList<>();
        for (SegmentClass c : reference.classes()) {
            OverlapMetrics m = OverlapMetrics.of(predicted.labels(), reference.labels(), c.label(), reference.geometry());
            rows.add(new Row(id, c.name(), m.dice(), m.hd95Mm(), m.assdMm(), m.overlapVoxels(), m.predictedVoxels(),
                    m.referenceVoxels()));
        }
        return rows;
    }

    /** Mean of a metric for one class over cases, NaNs skipped. */
    public static double mean(List<Row> rows, String className, java.util.function.ToDoubleFunction<Row> metric) {
        return rows.stream().filter(r -> r.className().equals(className)).mapToDouble(metric)
                .filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }

    /**
     * Dice of one class over all cases' voxels pooled, as LiTS reports beside the per-case mean:
     * large structures weigh by their size, so a missed small lesion costs little here but a
     * whole case (Dice 0) in {@link #mean}. NaN when no case has the class in either mask.
     */
    public static double globalDice(List<Row> rows, String className) {
        long overlap = 0, voxels = 0;
        for (Row r : rows) {
            if (!r.className().equals(className)) continue;
            overlap += r.overlapVoxels();
            voxels += r.predictedVoxels() + r.referenceVoxels();
        }
        return voxels == 0 ? Double.NaN : 2.0 * overlap / voxels;
    }

    public static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder(
                "case,class,dice,hd95_mm,assd_mm,overlap_voxels,predicted_voxels,reference_voxels\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%.4f,%.2f,%.2f,%d,%d,%d%n", r.caseId(), r.className(), r.dice(),
                    r.hd95Mm(), r.assdMm(), r.overlapVoxels(), r.predictedVoxels(), r.referenceVoxels()));
        }
        return sb.toString();
    }

    public static final String LESION_CSV_HEADER =
            "case,class,kind,index,volume_ml,diameter_mm,iou,dice,detected,centroid_x_mm,centroid_y_mm,centroid_z_mm";

    /**
     * One row per reference lesion ({@code reference}) and per false-positive component
     * ({@code false positive}) of every case, numbered in scan order within a case: what a
     * detection analysis (recall by size, FROC) starts from.
     */
    public static String lesionCsv(List<LesionRow> rows) {
        StringBuilder sb = new StringBuilder(LESION_CSV_HEADER).append('\n');
        for (LesionRow r : rows) {
            appendLesions(sb, r, "reference", r.detection().lesions());
            appendLesions(sb, r, "false positive", r.detection().falsePositiveLesions());
        }
        return sb.toString();
    }

    private static void appendLesions(StringBuilder sb, LesionRow r, String kind, List<LesionDetection.Lesion> lesions) {
        for (int i = 0; i < lesions.size(); i++) {
            LesionDetection.Lesion l = lesions.get(i);
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.4f,%.2f,%.4f,%.4f,%s,%.2f,%.2f,%.2f%n", r.caseId(),
                    r.className(), kind, i + 1, l.volumeMl(), l.diameterMm(), l.iou(), l.dice(), l.detected(),
                    l.centroidX(), l.centroidY(), l.centroidZ()));
        }
    }

    /** Diameter bins of {@link #lesionSummary}, in mm: below 10, 10 to 20, 20 and above. */
    private static final double[] BIN_EDGES_MM = {10, 20};

    /**
     * One line for a class over all cases: lesions detected of all, by equivalent diameter, and
     * false-positive components, e.g. {@code lesions liver tumour: detected 9 of 14 (0.643);
     * < 10 mm 1/4, 10-20 mm 3/5, >= 20 mm 5/5; false positives 3 (0.50 per case)}.
     */
    public static String lesionSummary(List<LesionRow> rows, String className) {
        long all = 0, found = 0, fp = 0, cases = 0;
        long[] binAll = new long[BIN_EDGES_MM.length + 1];
        long[] binFound = new long[binAll.length];
        for (LesionRow r : rows) {
            if (!r.className().equals(className)) continue;
            cases++;
            fp += r.detection().falsePositives();
            for (LesionDetection.Lesion l : r.detection().lesions()) {
                int bin = 0;
                while (bin < BIN_EDGES_MM.length && l.diameterMm() >= BIN_EDGES_MM[bin]) bin++;
                all++;
                binAll[bin]++;
                if (l.detected()) {
                    found++;
                    binFound[bin]++;
                }
            }
        }
        return String.format(Locale.ROOT,
                "lesions %s: detected %d of %d (%s); < 10 mm %d/%d, 10-20 mm %d/%d, >= 20 mm %d/%d; "
                        + "false positives %d (%.2f per case)",
                className, found, all, all == 0 ? "no lesions" : String.format(Locale.ROOT, "%.3f", found / (double) all),
                binFound[0], binAll[0], binFound[1], binAll[1], binFound[2], binAll[2], fp,
                cases == 0 ? 0.0 : fp / (double) cases);
    }
}
