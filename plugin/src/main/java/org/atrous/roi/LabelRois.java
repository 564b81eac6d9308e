package org.atrous.roi;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import ij.gui.Overlay;
import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;

/**
 * Turns a label volume into ImageJ ROIs: one per 2D connected component (8-connectivity) per
 * class per slice, named {@code <class> #<component> z<slice>}, coloured from the class table
 * and positioned on its slice, so ImageJ's measurements and ROI Manager work on them. Outlines
 * follow pixel edges exactly (ThresholdToSelection), holes included.
 */
public final class LabelRois {

    private LabelRois() { }

    /** ROIs for every class and slice; {@code filled} fills with a translucent class colour. */
    public static List<Roi> toRois(LabelVolume labels, boolean filled) {
        Geometry g = labels.geometry();
        List<Roi> rois = new ArrayList<>();
        for (SegmentClass c : labels.classes()) {
            int componentNo = 0;
            for (int z = 0; z < g.nz(); z++) {
                for (Roi r : sliceRois(labels, c, z)) {
                    componentNo++;
                    r.setName(c.name() + " #" + componentNo + " z" + (z + 1));
                    style(r, c, filled);
                    r.setPosition(z + 1);
                    rois.add(r);
                }
            }
        }
        return rois;
    }

    /** An overlay holding {@link #toRois}. */
    public static Overlay toOverlay(LabelVolume labels, boolean filled) {
        Overlay overlay = new Overlay();
        for (Roi r : toRois(labels, filled)) overlay.add(r);
        return overlay;
    }

    /** Component outlines of one class on slice z (0-based), largest region first in scan order. */
    static List<Roi> sliceRois(LabelVolume labels, SegmentClass c, int z) {
        Geometry g = labels.geometry();
        int nx = g.nx(), ny = g.ny();
        boolean[] mask = new boolean[nx * ny];
        byte target = (byte) c.label();
        int base = z * nx * ny;
        boolean any = false;
        for (int i = 0; i < mask.length; i++) {
            mask[i] = labels.labels()[base + i] == target;
            any |= mask[i];
        }
        List<Roi> out = new ArrayList<>();
        if (!any) return out;
        int[] comp = ComponentLabeler.label(mask, nx, ny, 1);
        int n = ComponentLabeler.count(comp);
        int[][] boxes = boundingBoxes(comp, n, nx, ny);
        for (int k = 1; k <= n; k++) out.add(outline(comp, k, boxes[k], nx));
        return out;
    }

    /** Per component {xmin, ymin, xmax, ymax}. */
    private static int[][] boundingBoxes(int[] comp, int n, int nx, int ny) {
        int[][] b = new int[n + 1][];
        for (int k = 1; k <= n; k++) b[k] = new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int k = comp[y * nx + x];
                if (k == 0) continue;
                int[] bb = b[k];
                bb[0] = Math.min(bb[0], x); bb[1] = Math.min(bb[1], y);
                bb[2] = Math.max(bb[2], x); bb[3] = Math.max(bb[3], y);
            }
        }
        return b;
    }

    /** Traces one component inside its bounding box, then moves the ROI into place. */
    private static Roi outline(int[] comp, int k, int[] bb, int nx) {
        int w = bb[2] - bb[0] + 1, h = bb[3] - bb[1] + 1;
        ByteProcessor bp = new ByteProcessor(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (comp[(y + bb[1]) * nx + x + bb[0]] == k) bp.set(x, y, 255);
            }
        }
        bp.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
        Roi r = ThresholdToSelection.run(new ij.ImagePlus("", bp));
        r.setLocation(r.getXBase() + bb[0], r.getYBase() + bb[1]);
        return r;
    }

    private static void style(Roi r, SegmentClass c, boolean filled) {
        int[] rgb = c.rgb();
        Color colour = new Color(rgb[0], rgb[1], rgb[2]);
        r.setStrokeColor(colour);
        if (filled) r.setFillColor(new Color(rgb[0], rgb[1], rgb[2], 96));
    }
}
