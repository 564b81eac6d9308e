package org.atrous.roi;

import java.util.ArrayList;
import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;

/**
 * Per-class measurements of a label volume over its image: what the results table and the
 * batch's stats.csv report. Volumes come from the DICOM voxel spacing, never from pixel counts
 * alone, so they stay right for anisotropic series.
 */
public final class SegmentationMeasurer {

    private SegmentationMeasurer() { }

    /** One measurement per class of {@code labels}, in class order; image may be null. */
    public static List<ClassMeasurement> measure(LabelVolume labels, Volume image) {
        Geometry g = labels.geometry();
        if (image != null && image.data().length != labels.labels().length) {
            throw new IllegalArgumentException("image and labels are on different grids");
        }
        List<ClassMeasurement> out = new ArrayList<>();
        for (SegmentClass c : labels.classes()) {
            out.add(measureClass(labels, image, c, g));
        }
        return out;
    }

    private static ClassMeasurement measureClass(LabelVolume labels, Volume image, SegmentClass c, Geometry g) {
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        byte[] lab = labels.labels();
        byte target = (byte) c.label();
        long count = 0;
        double sum = 0, sumSq = 0;
        int first = 0, last = 0;
        for (int z = 0; z < nz; z++) {
            int base = z * nx * ny;
            boolean any = false;
            for (int i = 0; i < nx * ny; i++) {
                boolean in = lab[base + i] == target;
                if (!in) continue;
                any = true;
                count++;
                if (image != null) {
                    double v = image.data()[base + i];
                    sum += v;
                    sumSq += v * v;
                }
            }
            if (!any) continue;
            if (first == 0) first = z + 1;
            last = z + 1;
        }
        double mean = count > 0 && image != null ? sum / count : Double.NaN;
        double sd = count > 1 && image != null ? Math.sqrt(Math.max(0, (sumSq - sum * mean) / (count - 1))) : Double.NaN;
        int[] comp = count == 0 ? null : componentLabels(lab, target, g, first - 1, last - 1);
        int components = comp == null ? 0 : ComponentLabeler.count(comp);
        double diameter = comp == null ? 0 : longestLesionDiameter(comp, g, last - first + 1);
        return new ClassMeasurement(c.label(), c.name(), count, count * g.voxelVolumeMm3() / 1000.0,
                components, diameter, mean, sd, first, last);
    }

    /** 3D components within the slab of slices that hold the class (keeps memory small). */
    static int[] componentLabels(byte[] lab, byte target, Geometry g, int z0, int z1) {
        int nx = g.nx(), ny = g.ny(), depth = z1 - z0 + 1;
        boolean[] mask = new boolean[nx * ny * depth];
        int offset = z0 * nx * ny;
        for (int i = 0; i < mask.length; i++) mask[i] = lab[offset + i] == target;
        return ComponentLabeler.label(mask, nx, ny, depth);
    }

    /**
     * The longest axial diameter of any one component (RECIST measures each lesion): on each
     * slice, each component's pixels are measured apart, so two tumours on one slice are not
     * measured across the liver between them.
     */
    private static double longestLesionDiameter(int[] comp, Geometry g, int depth) {
        int n = g.nx() * g.ny();
        boolean[] mask = new boolean[n];
        double longest = 0;
        for (int z = 0; z < depth; z++) {
            java.util.BitSet present = new java.util.BitSet();
            for (int i = 0; i < n; i++) if (comp[z * n + i] > 0) present.set(comp[z * n + i]);
            for (int k = present.nextSetBit(0); k >= 0; k = present.nextSetBit(k + 1)) {
                for (int i = 0; i < n; i++) mask[i] = comp[z * n + i] == k;
                longest = Math.max(longest, LongestDiameter.of(mask, g.nx(), g.ny(), g.spacing()[0], g.spacing()[1]));
            }
        }
        return longest;
    }
}
