package org.atrous.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.atrous.model.OverlapMetrics;
import org.atrous.model.train.TrainingCase;
import org.atrous.progress.ProgressListener;

/**
 * Runs the pipeline on annotated cases and scores every class of every case: Dice, HD95 and
 * ASSD in mm. Means skip NaN distances (a class missing from prediction or reference).
 */
public final class Evaluation {

    /** One case and class. */
    public record Row(String caseId, String className, double dice, double hd95Mm, double assdMm) { }

    private Evaluation() { }

    public static List<Row> run(Pipeline pipeline, List<TrainingCase> cases, ProgressListener l) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            TrainingCase c = cases.get(i);
            LabelVolume predicted = pipeline.run(c.image(), ProgressListener.NONE).labels();
            rows.addAll(score(c.id(), predicted, c.labels()));
            l.progress("evaluation", (i + 1.0) / cases.size());
        }
        return rows;
    }

    /** Scores each class of the reference; the prediction's labels must mean the same classes. */
    public static List<Row> score(String id, LabelVolume predicted, LabelVolume reference) {
        List<Row> rows = new ArrayList<>();
        for (SegmentClass c : reference.classes()) {
            OverlapMetrics m = OverlapMetrics.of(predicted.labels(), reference.labels(), c.label(), reference.geometry());
            rows.add(new Row(id, c.name(), m.dice(), m.hd95Mm(), m.assdMm()));
        }
        return rows;
    }

    /** Mean of a metric for one class over cases, NaNs skipped. */
    public static double mean(List<Row> rows, String className, java.util.function.ToDoubleFunction<Row> metric) {
        return rows.stream().filter(r -> r.className().equals(className)).mapToDouble(metric)
                .filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }

    public static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("case,class,dice,hd95_mm,assd_mm\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%.4f,%.2f,%.2f%n", r.caseId(), r.className(), r.dice(),
                    r.hd95Mm(), r.assdMm()));
        }
        return sb.toString();
    }
}
