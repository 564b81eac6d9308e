package org.atrous.pipeline;


import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.atrous.crf.CrfMode;
import org.atrous.crf.CrfParams;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;
import org.atrous.dicom.VoxelBox;
import org.atrous.model.Modality;
import org.atrous.model.ProbabilityVolume;
import org.atrous.model.Reorientation;
import org.atrous.model.Segmentation;
import org.atrous.model.Segmenter;
import org.atrous.progress.ProgressListener;
import org.atrous.quality.GlobalNoiseLevel;
import org.atrous.quality.NoiseRange;
import org.atrous.roi.SegmentationMeasurer;
import org.atrous.roi.SmallComponents;

/**
 * Series in, labels and measurements out: the one path that the CLI, the ImageJ commands and
 * the batch all call. Segments with the model, refines with the CRF as asked, measures.
 */
public final class Pipeline {

    private final Segmenter segmenter;
    private final PipelineOptions options;

    public Pipeline(Segmenter segmenter, PipelineOptions options) {
        this.segmenter = segmenter;
        this.options = options;
    }

    public PipelineOptions options() { return options; }

    public PipelineResult run(Volume image, ProgressListener listener) {
        VoxelBox box = options.region();
        if (box == null || box.whole(image.geometry())) return runWhole(image, listener);
        VoxelBox b = box.within(image.geometry());
        listener.log("segmenting only the region " + b + " of the series' " + image.geometry().nx() + "x"
                + image.geometry().ny() + "x" + image.geometry().nz() + " voxels");
        PipelineResult r = runWhole(b.crop(image), listener);
        Geometry g = image.geometry();
        LabelVolume labels = new LabelVolume(b.paste(r.labels().labels(), g), g, r.labels().classes());
        return new PipelineResult(image, labels, r.probabilities().placedIn(g, b.x0(), b.y0(), b.z0()),
                SegmentationMeasurer.measure(labels, image), r.inferenceSeconds(), r.crfSeconds(), r.warnings(),
                r.noiseLevelHu());
    }

    private PipelineResult runWhole(Volume image, ProgressListener listener) {
        long t0 = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        String foreign = Modality.mismatch(segmenter.modality(), image.modality(), segmenter.name());
        if (foreign != null) {
            listener.log("warning: " + foreign);
            warnings.add(foreign);
        }
        // a noise level in HU says nothing about a series that is not in the model's units
        double gnl = foreign != null ? Double.NaN : noiseLevel(image, listener);
        if (foreign == null) warnings.addAll(noiseWarning(gnl, listener));
        String wide = extentWarning(image);
        if (wide != null) {
            listener.log("warning: " + wide);
            warnings.add(wide);
        }
        String oblique = obliquityWarning(image);
        if (oblique != null) {
            listener.log("warning: " + oblique);
            warnings.add(oblique);
        }
        Segmentation s = segmenter.segment(image, listener);
        long t1 = System.nanoTime();
        LabelVolume labels = s.labels();
        if (options.crf() != CrfMode.OFF) {
            listener.log("refining with the " + options.crf().label() + " CRF");
            labels = refine(image, s.probabilities(), labels.classes(), options.crf(), options.crfParams(), listener);
        }
        labels = removeSmallComponents(labels, options.minComponentMl() != null ? options.minComponentMl()
                : segmenter.minComponentMl(), listener);
        labels = keepLargestComponents(labels, options.largestComponentOnly() != null ? options.largestComponentOnly()
                : segmenter.largestComponentOnly(), listener);
        long t2 = System.nanoTime();
        listener.progress("measuring", 1);
        return new PipelineResult(image, labels, s.probabilities(), SegmentationMeasurer.measure(labels, image),
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, warnings, gnl);
    }

    /**
     * The global noise level (HU) of the series as the network reads it (at the slice spacing
     * a 2.5D model was trained on), for a CT, or for any series when the model names a
     * validated range; NaN otherwise. Measured before inference so a long batch shows it early.
     */
    private double noiseLevel(Volume image, ProgressListener listener) {
        Volume seen = segmenter.asSeen(image);
        if (seen != image) logReading(image.geometry(), seen.geometry(), listener);
        if (segmenter.noiseRange() == null && !"CT".equalsIgnoreCase(image.modality())) return Double.NaN;
        double gnl = globalNoiseLevel(seen);
        if (seen != image && !Double.isNaN(gnl)) {
            listener.log(String.format(Locale.ROOT, "noise level %.1f HU as acquired", globalNoiseLevel(image)));
        }
        return gnl;
    }

    /** Obliquity beyond which a series is warned about: gantry tilts of abdominal CT stay below it. */
    static final double OBLIQUE_DEGREES = 20;

    /**
     * A warning when the model names its orientation and the series' axes lie more than
     * {@link #OBLIQUE_DEGREES} from the patient axes: turning cannot straighten it, so the
     * model sees anatomy at an angle it was not trained on.
     */
    private String obliquityWarning(Volume image) {
        if (segmenter.orientation() == null) return null;
        double deg = Reorientation.obliquityDegrees(image.geometry());
        if (deg <= OBLIQUE_DEGREES) return null;
        return String.format(Locale.ROOT, "the series is oblique: its axes lie up to %.0f degrees from the patient axes, "
                + "and %s was trained on series along them; expect poorer outlines", deg, segmenter.name());
    }

    /** How many times the training crops' extent along an axis a series may cover before it is warned about. */
    static final double EXTENT_FACTOR = 2;

    /**
     * A warning when the series covers more than {@link #EXTENT_FACTOR} times the card's training
     * extent along an axis (a model trained on crops around its structures, or on images of one
     * region of the body): the network never saw what lies beyond, so it may label anything there.
     */
    private String extentWarning(Volume image) {
        double[] trained = segmenter.trainingExtentMm();
        if (trained == null) return null;
        Geometry g = segmenter.orientation() == null ? image.geometry()
                : Reorientation.of(image.geometry(), segmenter.orientation()).viewGrid();
        double[] have = {g.nx() * g.spacing()[0], g.ny() * g.spacing()[1], g.nz() * g.spacing()[2]};
        boolean wide = false;
        for (int a = 0; a < 3; a++) wide |= have[a] > EXTENT_FACTOR * trained[a];
        if (!wide) return null;
        return String.format(Locale.ROOT, "the series covers %.0fx%.0fx%.0f mm, and %s was trained on images of at most"
                + " %.0fx%.0fx%.0f mm, so it never saw what lies beyond them: segment a region around its"
                + " structures (segment --region X0:X1,Y0:Y1,Z0:Z1; in Fiji a rectangle selection and a slice range),"
                + " or expect false labels elsewhere", have[0], have[1], have[2], segmenter.name(), trained[0], trained[1],
                trained[2]);
    }

    /** Says how the network reads a series it does not read as it comes: turned, or in slabs. */
    private void logReading(Geometry image, Geometry seen, ProgressListener listener) {
        String want = segmenter.orientation(), have = Reorientation.code(image);
        Geometry turned = image;
        if (want != null && !want.equals(have)) {
            listener.log(String.format(Locale.ROOT, "turning the series from %s to %s, the orientation %s was trained on",
                    have, want, segmenter.name()));
            turned = Reorientation.of(image, want).viewGrid();
        }
        if (turned.nz() != seen.nz()) {
            listener.log(String.format(Locale.ROOT, "reading %d slices of %.2f mm as %d of %.2f mm, the spacing %s "
                    + "was trained on", turned.nz(), turned.spacing()[2], seen.nz(), seen.spacing()[2], segmenter.name()));
        }
    }

    /** The volume's global noise level in HU ({@link GlobalNoiseLevel}), whatever its modality. */
    public static double globalNoiseLevel(Volume image) {
        Geometry g = image.geometry();
        return GlobalNoiseLevel.measure(image.data(), g.nx(), g.ny(), g.nz(), g.spacing()[0], g.spacing()[1]);
    }

    /** The noise level against the model's validated range: logged, and a warning when outside. */
    private List<String> noiseWarning(double gnl, ProgressListener listener) {
        NoiseRange range = segmenter.noiseRange();
        if (range == null) {
            if (!Double.isNaN(gnl)) listener.log(String.format(Locale.ROOT, "noise level %.1f HU", gnl));
            return List.of();
        }
        if (Double.isNaN(gnl)) {
            listener.log("noise level: not measurable (too little soft tissue between 0 and 100 HU)");
            return List.of();
        }
        listener.log(String.format(Locale.ROOT, "noise level %.1f HU (%s validated on %.1f-%.1f HU)", gnl,
                segmenter.name(), range.minHu(), range.maxHu()));
        String w = range.warning(gnl, segmenter.name());
        if (w == null) return List.of();
        listener.log("warning: " + w);
        return List.of(w);
    }


    /** Removes, per named class, connected components under its volume (mL); labels changed in place. */
    static LabelVolume removeSmallComponents(LabelVolume labels, Map<String, Double> minMl, ProgressListener listener) {
        Geometry g = labels.geometry();
        double voxelMl = g.voxelVolumeMm3() / 1000.0;
        for (SegmentClass c : labels.classes()) {
            Double ml = minMl.get(c.name());
            if (ml == null || ml <= 0) continue;
            long minVoxels = (long) Math.ceil(ml / voxelMl);
            int removed = SmallComponents.remove(labels.labels(), g.nx(), g.ny(), g.nz(), c.label(), minVoxels);
            if (removed > 0) {
                listener.log(String.format(Locale.ROOT, "removed %d %s component%s under %.3g mL", removed, c.name(),
                        removed == 1 ? "" : "s", ml));
            }
        }
        return labels;
    }

    /** Keeps, per named class, only its largest connected component; labels changed in place. */
    static LabelVolume keepLargestComponents(LabelVolume labels, List<String> names, ProgressListener listener) {
        Geometry g = labels.geometry();
        for (SegmentClass c : labels.classes()) {
            if (!names.contains(c.name())) continue;
            int removed = SmallComponents.keepLargest(labels.labels(), g.nx(), g.ny(), g.nz(), c.label());
            if (removed > 0) {
                listener.log(String.format(Locale.ROOT, "removed %d %s component%s besides the largest", removed,
                        c.name(), removed == 1 ? "" : "s"));
            }
        }
        return labels;
    }

    /** Labels of the CRF-refined probabilities ({@code mode} decides 2D or 3D). */
    public static LabelVolume refine(Volume image, ProbabilityVolume probs, List<SegmentClass> classes, CrfMode mode,
                                     CrfParams params, ProgressListener listener) {
        byte[] refined = VolumeCrf.refine(image, probs, params.withPerSlice(mode == CrfMode.SLICES_2D), listener);
        return new LabelVolume(refined, probs.geometry(), classes);
    }

    /** Labels of the most probable class per voxel, ties to the lower label. */
    public static LabelVolume argmax(ProbabilityVolume probs, List<SegmentClass> classes) {
        int n = (int) probs.geometry().voxelCount();
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < probs.classes(); c++) if (probs.get(c, i) > probs.get(best, i)) best = c;
            labels[i] = (byte) best;
        }
        return new LabelVolume(labels, probs.geometry(), classes);
    }
}
