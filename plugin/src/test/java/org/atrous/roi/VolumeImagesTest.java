package org.atrous.roi;

import ij.ImagePlus;
import ij.measure.Calibration;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.SeriesIdentity;
import org.atrous.dicom.SharedData;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.SliceSource;
import org.atrous.dicom.Volume;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VolumeImagesTest {

    private static Volume sample() {
        Geometry g = new Geometry(new int[] {3, 2, 2}, new double[] {0.5, 0.75, 2}, new double[] {-10, 20, 30},
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        float[] data = new float[12];
        for (int i = 0; i < 12; i++) data[i] = i * 10 - 1000;
        List<SliceSource> slices = new ArrayList<>();
        for (int z = 0; z < 2; z++) slices.add(new SliceSource("1.2.3." + z, "1.2.840.10008.5.1.4.1.1.2",
                "/data/s" + z + ".dcm", 1, "0020,0013  Instance Number: " + (z + 1) + "\n"));
        return new Volume(data, g, SeriesIdentity.ofModality("CT"), slices, new double[] {40, 400}, List.of());
    }

    @Test
    void imageCarriesValuesCalibrationHeadersAndWindow() {
        ImagePlus imp = VolumeImages.toImagePlus(sample(), "ct");
        assertEquals(32, imp.getBitDepth());
        assertEquals(2, imp.getStackSize());
        assertEquals(-1000 + 10 * (3 * 2 + 1 * 3 + 2), imp.getStack().getProcessor(2).getf(2, 1), 0);
        Calibration c = imp.getCalibration();
        assertEquals("mm", c.getUnit());
        assertArrayEquals(new double[] {0.5, 0.75, 2}, new double[] {c.pixelWidth, c.pixelHeight, c.pixelDepth});
        assertEquals(-10, c.getX(0), 1e-9);
        assertEquals(20, c.getY(0), 1e-9);
        assertEquals(32, c.getZ(1), 1e-9);
        assertTrue(imp.getStack().getSliceLabel(2).startsWith("s1.dcm\n"), "file name first, ImageJ style");
        assertTrue(imp.getStack().getSliceLabel(2).contains("Instance Number: 2"));
        assertEquals(-160, imp.getDisplayRangeMin(), 1e-9);
        assertEquals(240, imp.getDisplayRangeMax(), 1e-9);
    }

    @Test
    void roundTripKeepsVoxelsAndGeometry() {
        Volume v = sample();
        Volume back = VolumeImages.fromImagePlus(VolumeImages.toImagePlus(v, "ct"));
        assertArrayEquals(v.data(), back.data());
        assertEquals(v.geometry(), back.geometry());
        assertEquals("CT", back.modality());
        assertArrayEquals(new double[] {40, 400}, back.window(), 1e-9);
    }

    @Test
    void realCtBecomesHounsfieldStack() {
        Volume v = new SeriesReader().read(SharedData.path("dicom-real/dcmqi/ct-3slice"), ProgressListener.NONE)
                .volumes().get(0);
        ImagePlus imp = VolumeImages.toImagePlus(v, "ct-3slice");
        assertEquals(v.get(300, 200, 2), imp.getStack().getProcessor(3).getf(300, 200), 0);
        assertEquals(0.810547, imp.getCalibration().pixelWidth, 1e-6);
        assertEquals(1.0, imp.getCalibration().pixelDepth, 1e-6);
        assertTrue(imp.getStack().getSliceLabel(1).startsWith("03.dcm\n"));
    }
}
