package org.atrous.model;

import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;

/**
 * Puts a series on the slice spacing a 2.5D model was trained at, and its probabilities back.
 *
 * <p>A 2.5D model reads its neighbouring slices as channels, so it has learnt what lies one
 * training slice away: on a 1.25 mm series those neighbours would be a quarter as far away,
 * and each slice noisier than the 5 mm slices the CT model saw. Thinner series are therefore
 * averaged into slabs of the model's spacing (as a thick multiplanar reconstruction does: a
 * box over each slab, weighted by overlap); the model segments that grid, and each source
 * slice takes the probabilities linearly interpolated at its own position, their argmax its
 * label. The slab grid is centred on the series and covers it.
 *
 * <p>Series within {@link #TOLERANCE} of the model's spacing, and thicker ones, are read as
 * they are: slices interpolated between 7.5 mm ones are smoother than any real 5 mm slice,
 * and on the unseen CT phantoms at 7.5 mm that lowered every class (docs/models.md).
 */
public final class SliceResampling {

    /** Relative difference of slice spacings below which a series is used as it is. */
    public static final double TOLERANCE = 0.1;

    private final Geometry source, model;
    /** Position of the first slab's centre, in mm from source slice 0 along the slice direction. */
    private final double offsetMm;

    private SliceResampling(Geometry source, Geometry model, double offsetMm) {
        this.source = source;
        this.model = model;
        this.offsetMm = offsetMm;
    }

    /**
     * The resampling of grid {@code g} to slabs {@code modelSpacingMm} thick; an identity when
     * that is 0 (the model takes any spacing), the grid has one slice, or its slices are not
     * thinner than the model's by more than the tolerance.
     */
    public static SliceResampling of(Geometry g, double modelSpacingMm) {
        double s = g.spacing()[2];
        if (modelSpacingMm <= 0 || g.nz() < 2 || s >= (1 - TOLERANCE) * modelSpacingMm) {
            return new SliceResampling(g, g, 0);
        }
        int m = Math.max(1, (int) Math.round((g.nz() - 1) * s / modelSpacingMm) + 1);
        double offset = ((g.nz() - 1) * s - (m - 1) * modelSpacingMm) / 2; // first slab centre, mm from slice 0
        double[] origin = g.origin().clone(), dir = g.sliceDirection();
        for (int i = 0; i < 3; i++) origin[i] += offset * dir[i];
        Geometry model = new Geometry(new int[] {g.nx(), g.ny(), m},
                new double[] {g.spacing()[0], g.spacing()[1], modelSpacingMm}, origin, g.direction());
        return new SliceResampling(g, model, offset);
    }

    /** True when the model's grid differs from the series'. */
    public boolean resamples() {
        return source != model;
    }

    /** The grid the model segments. */
    public Geometry modelGrid() {
        return model;
    }

    /** The series on the model's grid (the same volume when nothing is resampled). */
    public Volume toModel(Volume v) {
        if (!resamples()) return v;
        int plane = source.nx() * source.ny();
        float[] src = v.data(), out = new float[plane * model.nz()];
        for (int j = 0; j < model.nz(); j++) {
            double[] w = sourceWeights(j);
            for (int k = 0; k < w.length; k++) {
                if (w[k] == 0) continue;
                float wk = (float) w[k];
                int a = k * plane, b = j * plane;
                for (int i = 0; i < plane; i++) out[b + i] += wk * src[a + i];
            }
        }
        return new Volume(out, model, v.identity(), List.of(), v.window(), v.warnings());
    }

    /**
     * The segmentation of the model's grid on the series' grid: probabilities interpolated at
     * each source slice's position, labels their argmax.
     */
    public Segmentation back(Segmentation s) {
        if (!resamples()) return s;
        ProbabilityVolume from = s.probabilities();
        int plane = source.nx() * source.ny(), classes = from.classes();
        ProbabilityVolume probs = new ProbabilityVolume(source, classes);
        byte[] labels = new byte[plane * source.nz()];
        float[] p = new float[classes];
        for (int k = 0; k < source.nz(); k++) {
            double f = Math.max(0, Math.min(model.nz() - 1, (k * source.spacing()[2] - offsetMm) / model.spacing()[2]));
            int j0 = (int) Math.floor(f), j1 = Math.min(j0 + 1, model.nz() - 1);
            float t = (float) (f - j0);
            for (int i = 0; i < plane; i++) {
                int best = 0;
                for (int c = 0; c < classes; c++) {
                    p[c] = (1 - t) * (from.quantised(c)[j0 * plane + i] & 0xff) + t * (from.quantised(c)[j1 * plane + i] & 0xff);
                    if (p[c] > p[best]) best = c;
                }
                for (int c = 0; c < classes; c++) probs.bytes(c)[k * plane + i] = (byte) Math.round(p[c]);
                labels[k * plane + i] = (byte) best;
            }
        }
        return new Segmentation(new LabelVolume(labels, source, s.labels().classes()), probs);
    }

    /** The source slice nearest the centre of model slice j. */
    public int nearestSourceSlice(int j) {
        int k = (int) Math.round((offsetMm + j * model.spacing()[2]) / source.spacing()[2]);
        return Math.max(0, Math.min(source.nz() - 1, k));
    }

    /**
     * Weights of the source slices in model slice j, summing to 1: the overlap of the slab with
     * each source slice, taken as thick as its spacing.
     */
    double[] sourceWeights(int j) {
        double s = source.spacing()[2], S = model.spacing()[2], u = offsetMm + j * S;
        double[] w = new double[source.nz()];
        double total = 0;
        for (int k = 0; k < w.length; k++) {
            w[k] = Math.max(0, Math.min(u + S / 2, k * s + s / 2) - Math.max(u - S / 2, k * s - s / 2));
            total += w[k];
        }
        for (int k = 0; k < w.length; k++) w[k] /= total;
        return w;
    }
}
