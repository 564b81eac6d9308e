package org.atrous.model;

import java.util.ArrayList;
import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.roi.ComponentLabeler;

/**
 * Lesion-wise scoring of one class (liver tumours, say), which Dice alone hides: a case with one
 * large found tumour and three missed small ones can still score a good Dice. Each 26-connected
 * component of the reference is a lesion. It is detected when its IoU with the predicted
 * components that touch it is at least {@link #MIN_IOU} (0.1, the usual threshold of medical
 * lesion detection, e.g. nnDetection). A predicted component touching no reference lesion is a
 * false positive.
 *
 * @param lesions              every reference lesion, in scan order
 * @param falsePositiveLesions predicted components of the class that touch no reference lesion
 *                             (IoU 0, not detected), in scan order
 */
public record LesionDetection(List<Lesion> lesions, List<Lesion> falsePositiveLesions) {

    public static final double MIN_IOU = 0.1;

    /**
     * One lesion (reference, or a false-positive prediction): its volume, equivalent-sphere
     * diameter, IoU, whether it was found, and its centroid in patient coordinates (DICOM LPS,
     * mm; NaN when not known).
     */
    public record Lesion(double volumeMl, double diameterMm, double iou, boolean detected,
                         double centroidX, double centroidY, double centroidZ) {
        public Lesion(double volumeMl, double diameterMm, double iou, boolean detected) {
            this(volumeMl, diameterMm, iou, detected, Double.NaN, Double.NaN, Double.NaN);
        }

        /** The lesion's Dice with the predicted components touching it: 2·IoU / (1 + IoU). */
        public double dice() {
            return 2 * iou / (1 + iou);
        }
    }

    public LesionDetection {
        lesions = List.copyOf(lesions);
        falsePositiveLesions = List.copyOf(falsePositiveLesions);
    }

    /** Predicted components that touch no reference lesion. */
    public int falsePositives() {
        return falsePositiveLesions.size();
    }

    public static LesionDetection of(byte[] predicted, byte[] reference, int label, Geometry g) {
        int[] box = OverlapMetrics.unionBox(predicted, reference, label, g);
        if (box == null) return new LesionDetection(List.of(), List.of());
        int nx = box[3] - box[0] + 1, ny = box[4] - box[1] + 1, nz = box[5] - box[2] + 1;
        int[] ref = ComponentLabeler.label(OverlapMetrics.crop(reference, label, g, box), nx, ny, nz);
        int[] pred = ComponentLabeler.label(OverlapMetrics.crop(predicted, label, g, box), nx, ny, nz);
        return score(ref, pred, g, box);
    }

    private static LesionDetection score(int[] ref, int[] pred, Geometry g, int[] box) {
        int nr = ComponentLabeler.count(ref);
        int np = ComponentLabeler.count(pred);
        Centroids refAt = new Centroids(nr, g, box), predAt = new Centroids(np, g, box);
        long[] inter = new long[nr + 1];
        // which predicted components touch which lesion: few of each, so a list of pairs
        List<long[]> touching = new ArrayList<>();
        boolean[] predHits = new boolean[np + 1];
        for (int i = 0; i < ref.length; i++) {
            refAt.add(ref[i], i);
            predAt.add(pred[i], i);
            if (ref[i] > 0 && pred[i] > 0) {
                inter[ref[i]]++;
                predHits[pred[i]] = true;
                addPair(touching, ref[i], pred[i]);
            }
        }
        List<Lesion> lesions = new ArrayList<>();
        for (int k = 1; k <= nr; k++) {
            long predicted = 0;
            for (long[] p : touching) if (p[0] == k) predicted += predAt.size[(int) p[1]];
            double iou = inter[k] / (double) (refAt.size[k] + predicted - inter[k]);
            lesions.add(refAt.lesion(k, iou, iou >= MIN_IOU));
        }
        List<Lesion> falsePositives = new ArrayList<>();
        for (int c = 1; c <= np; c++) if (!predHits[c]) falsePositives.add(predAt.lesion(c, 0, false));
        return new LesionDetection(lesions, falsePositives);
    }

    /** Sizes and voxel-coordinate sums of components labelled in a crop at {@code box}. */
    private static final class Centroids {
        final long[] size;
        final double[] sx, sy, sz;
        final Geometry g;
        final int[] box;
        final int w, h;

        Centroids(int n, Geometry g, int[] box) {
            size = new long[n + 1];
            sx = new double[n + 1];
            sy = new double[n + 1];
            sz = new double[n + 1];
            this.g = g;
            this.box = box;
            w = box[3] - box[0] + 1;
            h = box[4] - box[1] + 1;
        }

        void add(int k, int i) {
            size[k]++;
            if (k == 0) return;
            sx[k] += box[0] + i % w;
            sy[k] += box[1] + (i / w) % h;
            sz[k] += box[2] + i / (w * h);
        }

        Lesion lesion(int k, double iou, boolean detected) {
            double mm3 = size[k] * g.voxelVolumeMm3();
            double[] c = g.toPatient(sx[k] / size[k], sy[k] / size[k], sz[k] / size[k]);
            return new Lesion(mm3 / 1000.0, 2 * Math.cbrt(3 * mm3 / (4 * Math.PI)), iou, detected, c[0], c[1], c[2]);
        }
    }

    private static void addPair(List<long[]> pairs, int lesion, int component) {
        for (long[] p : pairs) if (p[0] == lesion && p[1] == component) return;
        pairs.add(new long[] {lesion, component});
    }

    public long detected() {
        return lesions.stream().filter(Lesion::detected).count();
    }
}
