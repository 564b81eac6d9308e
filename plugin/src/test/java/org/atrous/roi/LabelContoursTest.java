package org.atrous.roi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.PlanarContour;
import org.atrous.dicom.StructureContours;
import org.junit.jupiter.api.Test;

class LabelContoursTest {

    @Test
    void polygonAreasWithHolesAddUpToThePixelCounts() {
        LabelVolume lv = LabelRoisTest.sample();
        List<StructureContours> s = LabelContours.of(lv);
        assertEquals(2, s.size());
        // liver: 8×8 − 2×2 hole on slice 0 (outer + hole polygon), 5×5 on slice 1
        StructureContours liver = s.get(0);
        assertEquals(3, liver.contours().size());
        assertEquals(64 - 4 + 25, evenOddArea(liver.contours()), 1e-9);
        assertEquals(4, evenOddArea(s.get(1).contours()), 1e-9); // 1 + 3 tumour pixels
    }

    /** Outer polygons minus holes: abs(area) of the largest polygon per slice counts positive. */
    private static double evenOddArea(List<PlanarContour> cs) {
        double total = 0;
        for (PlanarContour c : cs) {
            double a = Math.abs(shoelace(c.xy()));
            boolean isHole = cs.stream().anyMatch(o -> o != c && o.slice() == c.slice() && contains(o, c));
            total += isHole ? -a : a;
        }
        return total;
    }

    private static boolean contains(PlanarContour outer, PlanarContour inner) {
        double[] o = outer.xy(), in = inner.xy();
        double minX = Double.MAX_VALUE, maxX = -1, minY = Double.MAX_VALUE, maxY = -1;
        for (int i = 0; i < o.length; i += 2) {
            minX = Math.min(minX, o[i]); maxX = Math.max(maxX, o[i]);
            minY = Math.min(minY, o[i + 1]); maxY = Math.max(maxY, o[i + 1]);
        }
        for (int i = 0; i < in.length; i += 2) {
            if (in[i] <= minX || in[i] >= maxX || in[i + 1] <= minY || in[i + 1] >= maxY) return false;
        }
        return true;
    }

    private static double shoelace(double[] xy) {
        double s = 0;
        int n = xy.length / 2;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            s += xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1];
        }
        return s / 2;
    }
}
