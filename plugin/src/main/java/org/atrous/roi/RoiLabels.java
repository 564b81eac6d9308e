package org.atrous.roi;

import java.awt.Rectangle;
import java.util.List;
import java.util.Locale;

import ij.gui.Roi;
import ij.process.ImageProcessor;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;

/**
 * Burns ImageJ ROIs into a label volume, so that structures a user outlined in Fiji become
 * training labels. A ROI belongs to the class whose name starts its own name ("liver",
 * "liver #2 z14", "Liver-1" all mean liver; the longest matching class name wins); its slice
 * is its stack position (1-based). Later ROIs paint over earlier ones.
 */
public final class RoiLabels {

    private RoiLabels() { }

    public static LabelVolume fromRois(List<Roi> rois, Geometry g, List<SegmentClass> classes) {
        byte[] labels = new byte[(int) g.voxelCount()];
        for (Roi r : rois) {
            SegmentClass c = classFor(r.getName(), classes);
            if (c == null) {
                throw new IllegalArgumentException("ROI \"" + r.getName() + "\" names no class of "
                        + classes.stream().map(SegmentClass::name).toList());
            }
            int z = sliceOf(r, g);
            if (z < 1 || z > g.nz()) {
                throw new IllegalArgumentException("ROI \"" + r.getName() + "\" is on slice " + z
                        + ", not one of 1.." + g.nz() + " (set its position)");
            }
            paint(r, labels, g, z - 1, (byte) c.label());
        }
        return new LabelVolume(labels, g, classes);
    }

    /**
     * The slices the ROIs annotate (0-based): those a ROI lies on. A user outlines a stack on some
     * slices only; the others are unannotated, not background, and training leaves them out.
     */
    public static boolean[] annotatedSlices(List<Roi> rois, Geometry g) {
        boolean[] on = new boolean[g.nz()];
        for (Roi r : rois) {
            int z = sliceOf(r, g);
            if (z >= 1 && z <= g.nz()) on[z - 1] = true;
        }
        return on;
    }

    /** The ROI's slice, 1-based: its stack position; a ROI drawn on a single image has none, and is on that image. */
    private static int sliceOf(Roi r, Geometry g) {
        return r.getPosition() == 0 && g.nz() == 1 ? 1 : r.getPosition();
    }

    /** The class a ROI's name names ("liver tumour #2 z14" is liver tumour), or null for none. */
    public static SegmentClass classFor(String roiName, List<SegmentClass> classes) {
        if (roiName == null) return null;
        String n = roiName.toLowerCase(Locale.ROOT).trim();
        SegmentClass best = null;
        for (SegmentClass c : classes) {
            String cn = c.name().toLowerCase(Locale.ROOT);
            if (n.startsWith(cn) && (best == null || cn.length() > best.name().length())) best = c;
        }
        return best;
    }

    private static void paint(Roi r, byte[] labels, Geometry g, int z, byte label) {
        Rectangle b = r.getBounds();
        ImageProcessor mask = r.getMask();
        int base = z * g.nx() * g.ny();
        for (int y = Math.max(0, b.y); y < Math.min(g.ny(), b.y + b.height); y++) {
            for (int x = Math.max(0, b.x); x < Math.min(g.nx(), b.x + b.width); x++) {
                if (mask == null || mask.get(x - b.x, y - b.y) != 0) labels[base + y * g.nx() + x] = label;
            }
        }
    }
}
