package org.atrous.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;
import org.atrous.progress.ProgressListener;
import org.atrous.quality.NoiseRange;

/**
 * Slice-wise inference over a volume: preprocessing as the model card says, tiling of large
 * slices, batching, and probabilities resampled back onto the series' own grid. Works slice
 * group by slice group, so memory beyond the input and the (byte) outputs stays small.
 */
public final class Segmenter {

    private final PixelClassifier net;
    private Preprocessing pre;
    private final List<SegmentClass> classes;
    private final int batchSize;
    private Map<String, Double> minComponentMl = Map.of();
    private List<String> largestComponentOnly = List.of();
    private Mirroring mirroring = Mirroring.NONE;
    private List<Segmenter> members = List.of();
    private RegionZoom zoom;
    private int[] zoomLabels;
    private Segmenter zoomModel;
    private NoiseRange noiseRange;
    private String name = "the model";
    private String orientation;
    private String modality;
    private double[] trainingExtentMm;

    /**
     * @param classes foreground classes, labels 1..n in network output order (0 = background)
     */
    public Segmenter(PixelClassifier net, Preprocessing pre, List<SegmentClass> classes, int batchSize) {
        if (net.classes() != classes.size() + 1) {
            throw new IllegalArgumentException("network has " + net.classes() + " outputs but the card names "
                    + classes.size() + " classes plus background");
        }
        this.net = net;
        this.pre = pre;
        this.classes = List.copyOf(classes);
        this.batchSize = Math.max(1, batchSize);
    }

    /** Slices or tiles per network call. */
    public int batchSize() {
        return batchSize;
    }

    /** The model card's small-component volumes per class name, for the pipeline after the CRF. */
    public Segmenter withMinComponentMl(Map<String, Double> perClass) {
        this.minComponentMl = perClass == null ? Map.of() : Map.copyOf(perClass);
        return this;
    }

    public Map<String, Double> minComponentMl() {
        return minComponentMl;
    }

    /** The model card's classes of which only the largest component is kept, for the pipeline after the CRF. */
    public Segmenter withLargestComponentOnly(List<String> names) {
        this.largestComponentOnly = names == null ? List.of() : List.copyOf(names);
        return this;
    }

    public List<String> largestComponentOnly() {
        return largestComponentOnly;
    }

    /**
     * The noise levels the model was validated on (the model card's; null: no check), and the
     * model's name for the pipeline's warning.
     */
    public Segmenter withNoiseRange(NoiseRange range, String modelName) {
        this.noiseRange = range;
        this.name = modelName;
        return this;
    }

    public NoiseRange noiseRange() {
        return noiseRange;
    }

    /** Names the model in messages, e.g. "ct-abdomen 1.8.2". */
    public String name() {
        return name;
    }

    /**
     * Test-time mirroring (the model card's unless overridden); {@link Mirroring#NONE} for none.
     * Applies to the ensemble members and zoom model already added too, so that a run's override
     * covers all.
     */
    public Segmenter withMirroring(Mirroring m) {
        this.mirroring = m == null ? Mirroring.NONE : m;
        members.forEach(member -> member.withMirroring(m));
        if (zoomModel != null) zoomModel.withMirroring(m);
        return this;
    }

    public Mirroring mirroring() {
        return mirroring;
    }

    /**
     * A magnified second look at a region (the model card's unless overridden); null for none.
     * Applies to this model's own pass, not to ensemble members (each has its own card).
     */
    public Segmenter withRegionZoom(RegionZoom z) {
        this.zoomLabels = z == null ? null : z.labels(classes);
        this.zoom = z;
        return this;
    }

    public RegionZoom regionZoom() {
        return zoom;
    }

    /**
     * The model that takes the region zoom's second look (a cascade's dedicated lesion model);
     * null: this model looks twice. It must have this model's classes and the same input
     * (windows or z-score, context slices), since it is fed the same crop, normalised alike.
     */
    public Segmenter withZoomModel(Segmenter other) {
        if (other != null) {
            if (!SegmentClass.sameLabels(other.classes, classes)) {
                throw new IllegalArgumentException("the region zoom's model must have the same classes: " + other.classes
                        + " differ from " + classes);
            }
            if (!other.pre.windows().equals(pre.windows()) || other.pre.zscore() != pre.zscore()
                    || other.pre.contextSlices() != pre.contextSlices()) {
                throw new IllegalArgumentException("the region zoom's model must take the same input (windows, "
                        + "normalisation, context slices) as the model it zooms for");
            }
        }
        this.zoomModel = other;
        return this;
    }

    /**
     * Other models whose probabilities are averaged with this one's (a multi-view ensemble: the
     * same classes, each model slicing across its own axis). Their own members are not used.
     */
    public Segmenter withEnsemble(List<Segmenter> others) {
        for (Segmenter m : others) {
            if (!SegmentClass.sameLabels(m.classes, classes)) {
                throw new IllegalArgumentException("ensemble members must have the same classes: " + m.classes
                        + " differ from " + classes);
            }
        }
        this.members = List.copyOf(others);
        return this;
    }

    /** Models in the average: 1 for a single model. */
    public int ensembleSize() {
        return 1 + members.size();
    }

    /**
     * Probabilities and labels on the volume's own grid, whichever axis the model slices
     * across; for an ensemble, the mean of its members' probabilities and its argmax.
     */
    public Segmentation segment(Volume volume, ProgressListener listener) {
        Reorientation turn = Reorientation.of(volume.geometry(), orientation);
        return turn.back(segmentTurned(turn.toView(volume), listener));
    }

    /**
     * The model reads every series turned so that its axes point as its training images' did
     * ({@link Reorientation}), e.g. "LPS"; null reads them as they come.
     */
    public Segmenter withOrientation(String code) {
        this.orientation = code == null ? null : Reorientation.parse(code);
        return this;
    }

    /**
     * Reads series at this slice spacing (0: as they come) instead of the card's, this model and
     * its ensemble members alike ({@link SliceResampling}).
     */
    public Segmenter withSliceSpacing(double mm) {
        this.pre = pre.withSliceSpacing(mm);
        for (Segmenter m : members) m.pre = m.pre.withSliceSpacing(mm);
        return this;
    }

    /** The modality the model was trained on (the card's, {@link Modality}); null: any. */
    public Segmenter withModality(String code) {
        this.modality = Modality.parse(code);
        return this;
    }

    /** The modality the model was trained on, or null. */
    public String modality() {
        return modality;
    }

    /** The largest extent of the training images (mm, along the model's orientation's axes), or null: whole images. */
    public Segmenter withTrainingExtent(double[] mm) {
        this.trainingExtentMm = mm == null ? null : mm.clone();
        return this;
    }

    /** The largest extent of the training images, or null. */
    public double[] trainingExtentMm() {
        return trainingExtentMm == null ? null : trainingExtentMm.clone();
    }

    /** The orientation series are turned to, or null. */
    public String orientation() {
        return orientation;
    }

    private Segmentation segmentTurned(Volume volume, ProgressListener listener) {
        if (members.isEmpty()) return segmentOwn(volume, listener);
        ProbabilitySum sum = new ProbabilitySum(volume.geometry(), net.classes());
        sum.add(segmentOwn(volume, listener.part(0, ensembleSize())));
        for (int k = 0; k < members.size(); k++) {
            sum.add(members.get(k).segmentOwn(volume, listener.part(k + 1, ensembleSize())));
        }
        return sum.mean(classes);
    }

    private Segmentation segmentOwn(Volume volume, ProgressListener listener) {
        SliceAxis axis = pre.sliceAxis();
        Volume view = axis.view(volume);
        SliceResampling slices = SliceResampling.of(view.geometry(), pre.sliceSpacingMm());
        Volume seen = slices.toModel(view);
        double[] stats = SliceInput.normalisation(seen, pre);
        RegionZoomPass.Look look = (v, p, l) -> segmentSlices(v, p, stats, l);
        Segmentation s = look.segment(seen, pre, zoom == null ? listener : listener.part(0, 2));
        if (zoom != null) {
            RegionZoomPass.Look second = zoomModel == null ? look : (v, p, l) -> zoomModel.segmentSlices(v,
                    zoomModel.pre.withTargetSpacing(p.targetSpacingMm()).withSliceAxis(p.sliceAxis()), stats, l);
            s = RegionZoomPass.apply(s, seen, pre, zoom, zoomLabels, second, listener.part(1, 2));
        }
        return axis.back(slices.back(s), volume.geometry());
    }

    /**
     * The series as the network reads it along its slices, which the noise check measures:
     * turned to the model's orientation, then averaged into slabs of the slice spacing the model
     * was trained on when the card names one, the slices are thinner and the model slices across
     * them. The volume itself when neither applies.
     */
    public Volume asSeen(Volume volume) {
        Volume turned = Reorientation.of(volume.geometry(), orientation).toView(volume);
        if (pre.sliceAxis() != SliceAxis.Z) return turned;
        return SliceResampling.of(turned.geometry(), pre.sliceSpacingMm()).toModel(turned);
    }

    /**
     * @param stats z-score statistics of the whole volume (a region zoom passes a crop of it)
     */
    private Segmentation segmentSlices(Volume volume, Preprocessing pre, double[] stats, ProgressListener listener) {
        Geometry g = volume.geometry();
        int[] size = SliceInput.scaledSize(volume, pre);
        int w = size[0], h = size[1];
        TilePlan plan = TilePlan.of(w, h, pre.tileSize(), pre.padMultiple());
        SliceInput input = new SliceInput(volume, pre, w, h, stats);
        ProbabilityVolume probs = new ProbabilityVolume(g, net.classes());
        byte[] labels = new byte[(int) g.voxelCount()];
        int group = Math.max(1, batchSize / plan.origins().size());
        for (int z0 = 0; z0 < g.nz(); z0 += group) {
            listener.checkCanceled();
            int z1 = Math.min(g.nz(), z0 + group);
            float[][][] sliceProbs = predictSlices(input, plan, z0, z1, w, h);
            for (int z = z0; z < z1; z++) store(sliceProbs[z - z0], w, h, z, g, probs, labels);
            listener.progress("inference", (double) z1 / g.nz());
        }
        return new Segmentation(new LabelVolume(labels, g, classes), probs);
    }

    /** Probabilities [slice][class][h*w] on the resampled grid for slices z0..z1-1. */
    private float[][][] predictSlices(SliceInput in, TilePlan plan, int z0, int z1, int w, int h) {
        Preprocessing pre = in.preprocessing();
        int classesOut = net.classes(), ch = pre.channels(), tiles = plan.origins().size();
        int n = z1 - z0;
        float[][][] channels = new float[n][][];
        for (int s = 0; s < n; s++) channels[s] = in.channels(z0 + s);
        float[][][] acc = new float[n][classesOut][w * h];
        float[] tileWeights = plan.weights();
        int total = n * tiles, tilePixels = plan.width() * plan.height();
        List<Mirroring> variants = mirroring.variants();
        for (int start = 0; start < total; start += batchSize) {
            int b = Math.min(batchSize, total - start);
            float[] batch = new float[b * ch * tilePixels];
            for (int k = 0; k < b; k++) {
                int s = (start + k) / tiles, t = (start + k) % tiles;
                copyTile(channels[s], w, h, plan, plan.origins().get(t), batch, k * ch * tilePixels);
            }
            for (Mirroring v : variants) {
                // a variant's input is mirrored, and its output mirrored back, one tile at a time
                v.apply(batch, 0, b * ch, plan.width(), plan.height());
                float[] out = net.predict(batch, b, ch, plan.height(), plan.width());
                v.apply(batch, 0, b * ch, plan.width(), plan.height());
                v.apply(out, 0, b * classesOut, plan.width(), plan.height());
                for (int k = 0; k < b; k++) {
                    int s = (start + k) / tiles, t = (start + k) % tiles;
                    accumulate(out, k * classesOut * tilePixels, plan, plan.origins().get(t), tileWeights, acc[s], w, h);
                }
            }
        }
        float[] norm = weightSum(plan, tileWeights, w, h);
        for (int i = 0; i < norm.length; i++) norm[i] *= variants.size();
        for (float[][] slice : acc) {
            for (float[] c : slice) for (int i = 0; i < c.length; i++) c[i] /= norm[i];
        }
        return acc;
    }

    /** Copies one tile of every channel; outside the slice it pads with the channel's minimum. */
    private static void copyTile(float[][] channels, int w, int h, TilePlan plan, int[] origin, float[] dst, int offset) {
        int tw = plan.width(), th = plan.height();
        for (float[] c : channels) {
            float pad = min(c);
            for (int y = 0; y < th; y++) {
                int sy = origin[1] + y;
                for (int x = 0; x < tw; x++) {
                    int sx = origin[0] + x;
                    dst[offset + y * tw + x] = sx < w && sy < h ? c[sy * w + sx] : pad;
                }
            }
            offset += tw * th;
        }
    }

    private static void accumulate(float[] out, int offset, TilePlan plan, int[] origin, float[] weights,
                                   float[][] acc, int w, int h) {
        int tw = plan.width(), th = plan.height();
        for (float[] c : acc) {
            for (int y = 0; y < th && origin[1] + y < h; y++) {
                for (int x = 0; x < tw && origin[0] + x < w; x++) {
                    c[(origin[1] + y) * w + origin[0] + x] += out[offset + y * tw + x] * weights[y * tw + x];
                }
            }
            offset += tw * th;
        }
    }

    private static float[] weightSum(TilePlan plan, float[] weights, int w, int h) {
        float[] sum = new float[w * h];
        int tw = plan.width(), th = plan.height();
        for (int[] o : plan.origins()) {
            for (int y = 0; y < th && o[1] + y < h; y++) {
                for (int x = 0; x < tw && o[0] + x < w; x++) sum[(o[1] + y) * w + o[0] + x] += weights[y * tw + x];
            }
        }
        return sum;
    }

    /** Resamples one slice's probabilities onto the series grid, stores them and their argmax. */
    private static void store(float[][] sliceProbs, int w, int h, int z, Geometry g,
                              ProbabilityVolume probs, byte[] labels) {
        int nx = g.nx(), ny = g.ny(), base = z * nx * ny;
        float[][] native_ = new float[sliceProbs.length][];
        for (int c = 0; c < sliceProbs.length; c++) native_[c] = BilinearResampler.resample(sliceProbs[c], w, h, nx, ny);
        for (int i = 0; i < nx * ny; i++) {
            int best = 0;
            for (int c = 0; c < native_.length; c++) {
                probs.set(c, base + i, native_[c][i]);
                if (native_[c][i] > native_[best][i]) best = c;
            }
            labels[base + i] = (byte) best;
        }
    }

    private static float min(float[] v) {
        float m = Float.POSITIVE_INFINITY;
        for (float f : v) m = Math.min(m, f);
        return m;
    }
}
