package org.atrous.roi;

import java.util.ArrayList;
import java.util.List;

import ij.gui.Roi;
import ij.gui.ShapeRoi;
import ij.process.FloatPolygon;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.PlanarContour;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.StructureContours;

/**
 * Planar contours of every class on every slice, from the same outlines the overlay shows, for
 * RT Structure Sets. A component with holes gives its outer polygon and one polygon per hole.
 */
public final class LabelContours {

    private LabelContours() { }

    public static List<StructureContours> of(LabelVolume labels) {
        List<StructureContours> out = new ArrayList<>();
        for (SegmentClass c : labels.classes()) {
            List<PlanarContour> contours = new ArrayList<>();
            for (int z = 0; z < labels.geometry().nz(); z++) {
                for (Roi r : LabelRois.sliceRois(labels, c, z)) addPolygons(r, z, contours);
            }
            out.add(new StructureContours(c, contours));
        }
        return out;
    }

    private static void addPolygons(Roi r, int z, List<PlanarContour> out) {
        Roi[] parts = r instanceof ShapeRoi s ? s.getRois() : new Roi[] {r};
        for (Roi p : parts) {
            FloatPolygon fp = p.getFloatPolygon();
            if (fp.npoints < 3) continue;
            double[] xy = new double[fp.npoints * 2];
            for (int i = 0; i < fp.npoints; i++) {
                xy[2 * i] = fp.xpoints[i];
                xy[2 * i + 1] = fp.ypoints[i];
            }
            out.add(new PlanarContour(z, xy));
        }
    }
}
