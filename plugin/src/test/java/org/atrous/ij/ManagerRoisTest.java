package org.atrous.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import org.junit.jupiter.api.Test;

class ManagerRoisTest {

    @Test
    void roisDrawnOnAnotherImageAreLeftOutAndRoisOfNoKnownImageKept() {
        ImagePlus ct = IJ.createImage("ct", "16-bit", 32, 32, 4);
        ImagePlus other = IJ.createImage("other", "16-bit", 32, 32, 4);
        Roi onCt = named(new Roi(2, 2, 5, 5), "liver"), onOther = named(new OvalRoi(3, 3, 6, 6), "spleen");
        Roi fromZip = named(new Roi(8, 8, 4, 4), "aorta");
        onCt.setImage(ct);
        onOther.setImage(other);
        assertEquals(ct.getID(), onCt.getImageID(), "a selection's ROI carries its image");
        assertEquals(0, fromZip.getImageID(), "a ROI read from a file belongs to no image");

        assertEquals(List.of(onCt, fromZip), ManagerRois.ofImage(ct, List.of(onCt, onOther, fromZip)));
        assertEquals(List.of(onOther, fromZip), ManagerRois.ofImage(other, List.of(onCt, onOther, fromZip)));
    }

    private static Roi named(Roi r, String name) {
        r.setName(name);
        return r;
    }
}
