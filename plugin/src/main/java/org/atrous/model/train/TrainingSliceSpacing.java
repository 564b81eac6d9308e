package org.atrous.model.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.model.Preprocessing;
import org.atrous.model.SliceAxis;
import org.atrous.model.SliceResampling;

/**
 * The slice spacing a 2.5D model learns its neighbours at, and training cases put on it, so
 * that the model card can name it and inference reads every series the same way
 * ({@link SliceResampling}). A 2D model, or one slicing across another axis, keeps the slices
 * as they come.
 */
public final class TrainingSliceSpacing {

    private TrainingSliceSpacing() { }

    /**
     * The spacing to train at: the starting model's when it names one (fine-tuning keeps what
     * it learnt), else the median of the training cases'; 0 for a model that needs none.
     */
    public static double choose(Preprocessing pre, List<TrainingCase> cases, double startingModelMm) {
        if (pre.contextSlices() == 0 || pre.sliceAxis() != SliceAxis.Z || cases.isEmpty()) return 0;
        if (startingModelMm > 0) return startingModelMm;
        double[] s = cases.stream().mapToDouble(c -> c.image().geometry().spacing()[2]).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The cases on slices {@code mm} apart (cases within 10 % of it, and every case when 0, as they are). */
    public static List<TrainingCase> resample(List<TrainingCase> cases, double mm) {
        List<TrainingCase> out = new ArrayList<>(cases.size());
        for (TrainingCase c : cases) {
            SliceResampling r = SliceResampling.of(c.image().geometry(), mm);
            out.add(r.resamples() ? new TrainingCase(c.id(), r.toModel(c.image()), labels(c.labels(), r)) : c);
        }
        return out;
    }

    /** Each model slice takes the labels of the source slice nearest its centre (labels are of a slice's centre plane). */
    static LabelVolume labels(LabelVolume source, SliceResampling r) {
        Geometry model = r.modelGrid();
        int plane = model.nx() * model.ny();
        byte[] out = new byte[plane * model.nz()];
        for (int j = 0; j < model.nz(); j++) System.arraycopy(source.labels(), r.nearestSourceSlice(j) * plane, out, j * plane, plane);
        return new LabelVolume(out, model, source.classes());
    }

    /** For a log line: the spacings the cases came at. */
    public static String describe(List<TrainingCase> cases) {
        return Arrays.toString(cases.stream().mapToDouble(c -> c.image().geometry().spacing()[2]).distinct().sorted().toArray());
    }
}
