package org.atrous.roi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.List;

import ij.gui.OvalRoi;
import ij.gui.Roi;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.junit.jupiter.api.Test;

class RoiLabelsTest {

    @Test
    void roisFromLabelsBurnBackToTheSameLabels() {
        LabelVolume lv = LabelRoisTest.sample();
        List<Roi> rois = LabelRois.toRois(lv, false);
        LabelVolume back = RoiLabels.fromRois(rois, lv.geometry(), lv.classes());
        assertArrayEquals(lv.labels(), back.labels());
    }

    @Test
    void namesMapToClassesAndBadRoisAreRefused() {
        LabelVolume lv = LabelRoisTest.sample();
        assertEquals("tumour", RoiLabels.classFor("Tumour-3", lv.classes()).name());
        Roi unnamed = new OvalRoi(1, 1, 4, 4);
        unnamed.setName("kidney");
        unnamed.setPosition(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RoiLabels.fromRois(List.of(unnamed), lv.geometry(), lv.classes()));
        assertEquals(true, e.getMessage().contains("kidney"));
        Roi noSlice = new OvalRoi(1, 1, 4, 4);
        noSlice.setName("liver");
        assertThrows(IllegalArgumentException.class, () -> RoiLabels.fromRois(List.of(noSlice), lv.geometry(), lv.classes()));
    }

    @Test
    void previewOutlinesClassesInTheirColour() {
        LabelVolume lv = LabelRoisTest.sample();
        Volume img = Volume.of(new float[lv.labels().length], lv.geometry(), "CT");
        BufferedImage slice = PreviewRenderer.slice(img, lv, 0, new double[] {40, 400});
        assertEquals(0xC86432, slice.getRGB(2, 2) & 0xffffff, "liver edge in its colour");
        assertEquals(0x666666, slice.getRGB(15, 8) & 0xffffff, "0 HU in W400/L40 is grey 102");
        BufferedImage montage = PreviewRenderer.render(img, lv, 3, 64, new double[] {40, 400});
        assertEquals(128, montage.getWidth());
        assertEquals(128, montage.getHeight());
    }
}
