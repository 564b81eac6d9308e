package org.atrous.dicom;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NiftiToDicomTest {
    @TempDir Path dir;

    /** An MR-like crop as NIfTI readers give it: RAS identity affine, i.e. LPS cosines -1, -1, +1. */
    static Volume mrCrop() {
        Geometry g = new Geometry(new int[] {12, 10, 6}, new double[] {1, 1, 1}, new double[] {-5, 8, 3},
                new double[] {-1, 0, 0, 0, -1, 0, 0, 0, 1});
        float[] v = new float[(int) g.voxelCount()];
        for (int i = 0; i < v.length; i++) v[i] = (float) (1000.5 * (i % 97) + 0.25 * i);
        return Volume.of(v, g, "MR");
    }

    static LabelVolume labels(Geometry g) {
        byte[] l = new byte[(int) g.voxelCount()];
        for (int i = 0; i < l.length; i++) l[i] = (byte) (i % 7 == 0 ? 1 : i % 11 == 0 ? 2 : 0);
        return new LabelVolume(l, g, List.of());
    }

    @Test
    void writesValidMrSeriesAndSegWithAttribution() throws Exception {
        Volume image = mrCrop();
        LabelVolume labels = labels(image.geometry());
        Volume series = NiftiToDicom.convert(image, labels, NiftiToDicom.Dataset.hippocampus("hippocampus_test"), dir,
                ProgressListener.NONE);
        Path first = dir.resolve("image/IMG0001.dcm");
        assertEquals(List.of(), Dciodvfy.errors(first), Dciodvfy.report(first));
        assertEquals(List.of(), Dciodvfy.errors(dir.resolve("seg.dcm")), Dciodvfy.report(dir.resolve("seg.dcm")));
        AttributeList l = new AttributeList();
        l.read(first.toFile());
        assertEquals(CtSeriesWriter.MR_IMAGE_STORAGE, Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPClassUID));
        assertTrue(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.ImageComments).contains("CC BY-SA 4.0"));
        // the stored values with their rescale give the original intensities back within half a step
        double slope = Attribute.getSingleDoubleValueOrDefault(l, TagFromName.RescaleSlope, 1);
        double intercept = Attribute.getSingleDoubleValueOrDefault(l, TagFromName.RescaleIntercept, 0);
        short[] stored = l.get(TagFromName.PixelData).getShortValues();
        for (int i = 0; i < stored.length; i++) {
            assertEquals(image.data()[i], stored[i] * slope + intercept, slope * 0.51 + 1e-3);
        }
        assertArrayEquals(labels.labels(), SegReader.read(dir.resolve("seg.dcm"), series).labels());
        try (var files = Files.list(dir.resolve("image"))) {
            assertEquals(6, files.count());
        }
    }

    @Test
    void sameCaseGivesSameUids() {
        var d = NiftiToDicom.Dataset.hippocampus("hippocampus_001");
        assertEquals(NiftiToDicom.uid(d, "series"), NiftiToDicom.uid(d, "series"));
        assertNotEquals(NiftiToDicom.uid(d, "series"), NiftiToDicom.uid(NiftiToDicom.Dataset.hippocampus("hippocampus_002"), "series"));
        assertTrue(NiftiToDicom.uid(d, "series").length() <= 64);
    }
}
