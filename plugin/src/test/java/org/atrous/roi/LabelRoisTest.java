package org.atrous.roi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.util.List;

import ij.gui.Roi;
import ij.process.ImageProcessor;
import org.atrous.dicom.CodedConcept;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.junit.jupiter.api.Test;

class LabelRoisTest {

    static final SegmentClass LIVER = new SegmentClass(1, "liver", new int[] {200, 100, 50},
            SegmentClass.ANATOMICAL_STRUCTURE, CodedConcept.sct("10200004", "Liver"));
    static final SegmentClass TUMOUR = new SegmentClass(2, "tumour", new int[] {250, 250, 0},
            SegmentClass.MORPHOLOGICALLY_ABNORMAL, CodedConcept.sct("108369006", "Neoplasm"));

    /** 20×16×3: slice 0 a ring of liver (with a hole) and two separate tumours; slice 2 empty. */
    static LabelVolume sample() {
        int nx = 20, ny = 16, nz = 3;
        byte[] l = new byte[nx * ny * nz];
        for (int y = 2; y < 10; y++) for (int x = 2; x < 10; x++) l[y * nx + x] = 1;
        for (int y = 4; y < 6; y++) for (int x = 4; x < 6; x++) l[y * nx + x] = 0; // hole
        l[12 * nx + 15] = 2;
        for (int x = 12; x < 15; x++) l[3 * nx + x] = 2;
        for (int y = 0; y < 5; y++) for (int x = 0; x < 5; x++) l[nx * ny + y * nx + x] = 1;
        return new LabelVolume(l, Geometry.axial(nx, ny, nz, 0.8, 0.8, 2.5), List.of(LIVER, TUMOUR));
    }

    @Test
    void oneRoiPerComponentPerSliceWithNamesAndPositions() {
        List<Roi> rois = LabelRois.toRois(sample(), true);
        assertEquals(4, rois.size());
        assertEquals("liver #1 z1", rois.get(0).getName());
        assertEquals("liver #2 z2", rois.get(1).getName());
        assertEquals(2, rois.get(1).getPosition());
        assertTrue(rois.get(2).getName().startsWith("tumour #1 z1"));
        assertEquals("tumour #2 z1", rois.get(3).getName());
    }

    @Test
    void roiMasksReproduceTheLabelsExactlyHolesIncluded() {
        LabelVolume lv = sample();
        int nx = 20, ny = 16;
        for (Roi r : LabelRois.toRois(lv, false)) {
            int z = r.getPosition() - 1;
            int label = r.getName().startsWith("liver") ? 1 : 2;
            Rectangle b = r.getBounds();
            ImageProcessor m = r.getMask();
            for (int y = 0; y < b.height; y++) {
                for (int x = 0; x < b.width; x++) {
                    boolean inRoi = m == null || m.get(x, y) != 0;
                    int lab = lv.get(x + b.x, y + b.y, z);
                    if (inRoi) assertEquals(label, lab, r.getName() + " at " + (x + b.x) + "," + (y + b.y));
                }
            }
            long roiPixels = r.getContainedPoints().length;
            long labelPixels = countComponentPixels(lv, r, label, nx, ny, z);
            assertEquals(labelPixels, roiPixels, r.getName());
        }
    }

    private static long countComponentPixels(LabelVolume lv, Roi r, int label, int nx, int ny, int z) {
        Rectangle b = r.getBounds();
        long n = 0;
        for (int y = b.y; y < b.y + b.height; y++) {
            for (int x = b.x; x < b.x + b.width; x++) if (lv.get(x, y, z) == label) n++;
        }
        return n;
    }
}
