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
 * @param lesions        every reference lesion, in scan order
 * @param falsePositives predicted components of the class that touch no reference lesion
 */
public record LesionDetection(List<Lesion> lesions, int falsePositives) {

    public static final double MIN_IOU = 0.1;

    /** One reference lesion: its volume, equivalent-sphere diameter, IoU and whether it was found. */
    public record Lesion(double volumeMl, double diameterMm, double iou, boolean detected) { }

    public LesionDetection {
        lesions = List.copyOf(lesions);
    }

    public static LesionDetection of(byte[] predicted, byte[] reference, int label, Geometry g) {
        int[] box = OverlapMetrics.unionBox(predicted, reference, label, g);
        if (box == null) return new LesionDetection(List.of(), 0);
        int nx = box[3] - box[0] + 1, ny = box[4] - box[1] + 1, nz = box[5] - box[2] + 1;
        int[] ref = ComponentLabeler.label(OverlapMetrics.crop(reference, label, g, box), nx, ny, nz);
        int[] pred = ComponentLabeler.label(OverlapMetrics.crop(predicted, label, g, box), nx, ny, nz);
        return score(ref, pred, g.voxelVolumeMm3());
    }

    private static LesionDetection score(int[] ref, int[] pred, double voxelMm3) {
        int nr = ComponentLabeler.count(ref);
        int np = ComponentLabeler.count(pred);
        long[] refSize = new long[nr + 1];
        long[] predSize = new long[np + 1];
        long[] inter = new long[nr + 1];
        // which predicted components touch which lesion: few of each, so a list of pairs
        List<long[]> touching = new ArrayList<>();
        boolean[] predHits = new boolean[np + 1];
        for (int i = 0; i < ref.length; i++) {
            refSize[ref[i]]++;
            predSize[pred[i]]++;
            if (ref[i] > 0 && pred[i] > 0) {
                inter[ref[i]]++;
                predHits[pred[i]] = true;
                addPair(touching, ref[i], pred[i]);
            }
        }
        List<Lesion> lesions = new ArrayList<>();
        for (int k = 1; k <= nr; k++) {
            long predicted = 0;
            for (long[] p : touching) if (p[0] == k) predicted += predSize[(int) p[1]];
            double iou = inter[k] / (double) (refSize[k] + predicted - inter[k]);
            double mm3 = refSize[k] * voxelMm3;
            lesions.add(new Lesion(mm3 / 1000.0, 2 * Math.cbrt(3 * mm3 / (4 * Math.PI)), iou, iou >= MIN_IOU));
        }
        int fp = 0;
        for (int c = 1; c <= np; c++) if (!predHits[c]) fp++;
        return new LesionDetection(lesions, fp);
    }

    private static void addPair(List<long[]> pairs, int lesion, int component) {
        for (long[] p : pairs) if (p[0] == lesion && p[1] == component) return;
        pairs.add(new long[] {lesion, component});
    }

    public long detected() {
        return lesions.stream().filter(Lesion::detected).count();
    }
}
