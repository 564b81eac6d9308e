package org.atrous.roi;

import java.util.ArrayList;
import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;

/**
 * One segment per lesion: every 3D connected component of a class whose category is
 * Morphologically Altered Structure (a tumour) becomes a class of its own, "liver tumour #1"
 * from the largest down, numbered as components.csv numbers them. So a DICOM SEG, RT Structure
 * Set and measurement SR can name, outline and measure each lesion, as lesion tracking across
 * time points needs; the other classes stay whole.
 */
public final class LesionSegments {

    private LesionSegments() { }

    public static boolean isLesionClass(SegmentClass c) {
        return SegmentClass.MORPHOLOGICALLY_ABNORMAL.equals(c.category());
    }

    /**
     * The labels with each lesion under a new label (after the highest in use). Lesions beyond
     * label 255 stay under their class's label and name, which is then kept.
     */
    public static LabelVolume split(LabelVolume labels) {
        byte[] out = labels.labels().clone();
        List<SegmentClass> classes = new ArrayList<>();
        int next = labels.classes().stream().mapToInt(SegmentClass::label).max().orElse(0) + 1;
        for (SegmentClass c : labels.classes()) {
            if (!isLesionClass(c)) {
                classes.add(c);
                continue;
            }
            next = splitClass(labels, c, out, classes, next);
        }
        return new LabelVolume(out, labels.geometry(), classes);
    }

    /** Relabels one class's components into {@code out}, adding their classes; returns the next free label. */
    private static int splitClass(LabelVolume labels, SegmentClass c, byte[] out, List<SegmentClass> classes, int next) {
        Geometry g = labels.geometry();
        int plane = g.nx() * g.ny();
        int[] slab = slab(labels.labels(), (byte) c.label(), plane, g.nz());
        if (slab == null) {
            classes.add(c); // absent: the class stays, with no voxels
            return next;
        }
        int offset = slab[0] * plane;
        int[] comp = SegmentationMeasurer.componentLabels(labels.labels(), (byte) c.label(), g, slab[0], slab[1]);
        long[] count = new long[ComponentLabeler.count(comp) + 1];
        for (int k : comp) count[k]++;
        Integer[] order = ComponentLabeler.largestFirst(count);
        int[] newLabel = new int[order.length + 1];
        int rank = 0;
        for (; rank < order.length && next <= 255; rank++, next++) {
            newLabel[order[rank]] = next;
            classes.add(new SegmentClass(next, c.name() + " #" + (rank + 1), c.rgb(), c.category(), c.type()));
        }
        if (rank < order.length) classes.add(c); // no labels left: the remaining lesions stay in the class
        for (int i = 0; i < comp.length; i++) {
            if (comp[i] != 0 && newLabel[comp[i]] != 0) out[offset + i] = (byte) newLabel[comp[i]];
        }
        return next;
    }

    /** {first, last} slice holding the label, or null. */
    private static int[] slab(byte[] lab, byte label, int plane, int nz) {
        int first = -1, last = -1;
        for (int z = 0; z < nz; z++) {
            for (int i = z * plane; i < (z + 1) * plane; i++) {
                if (lab[i] == label) {
                    if (first < 0) first = z;
                    last = z;
                    break;
                }
            }
        }
        return first < 0 ? null : new int[] {first, last};
    }
}
