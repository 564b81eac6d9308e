package org.atrous.roi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.gui.Roi;
import org.atrous.dicom.LabelVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoiZipTest {

    @Test
    void roiSetsSurviveAZipRoundTrip(@TempDir Path dir) throws Exception {
        LabelVolume lv = LabelRoisTest.sample();
        List<Roi> rois = LabelRois.toRois(lv, true);
        Path zip = dir.resolve("rois.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            RoiZip.write(rois, out);
        }
        List<Roi> back = RoiZip.read(zip);
        assertEquals(rois.size(), back.size());
        for (int i = 0; i < rois.size(); i++) {
            assertEquals(rois.get(i).getName(), back.get(i).getName());
            assertEquals(rois.get(i).getPosition(), back.get(i).getPosition());
            assertEquals(rois.get(i).getStrokeColor(), back.get(i).getStrokeColor());
        }
        assertArrayEquals(lv.labels(), RoiLabels.fromRois(back, lv.geometry(), lv.classes()).labels());
    }
}
