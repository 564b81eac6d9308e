package org.atrous.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grouping, ordering, warnings and value handling on small series written here with PixelMed. */
class SeriesReaderSyntheticTest {

    private static final String A = "1.2.826.0.1.3680043.10.999.10";
    private static final String B = "1.2.826.0.1.3680043.10.999.20";

    @TempDir
    Path dir;

    private File slice(String series, int instance, double z, int base) throws Exception {
        String sop = series + "." + instance + "." + (int) (z * 10 + 1000);
        return SyntheticDicom.ctSlice(series, sop, instance, z, 4, 3, base)
                .write(dir.resolve(series.substring(series.length() - 2) + "_" + instance + "_" + z).toFile());
    }

    private SeriesReadResult read() {
        return new SeriesReader(2).read(dir, ProgressListener.NONE);
    }

    @Test
    void mixedShuffledSeriesAreGroupedOrderedAndWarnedAbout() throws Exception {
        // Series A: positions 0, 2, 4, 8 (gap: 6 missing) written in shuffled order, plus a duplicate at 4.
        slice(A, 3, 4, 300);
        slice(A, 1, 0, 100);
        slice(A, 4, 8, 400);
        slice(A, 2, 2, 200);
        slice(A, 9, 4, 900);
        // Series B: 2 slices, instance numbers opposite to position order.
        slice(B, 1, 10, 10);
        slice(B, 2, 7, 20);
        Files.writeString(dir.resolve("notes.txt"), "not dicom");

        SeriesReadResult r = read();
        assertEquals(2, r.parts().size());
        assertEquals(1, r.rejected().size());
        assertTrue(r.rejected().get(0).reason().startsWith("not a DICOM file"));

        Volume a = r.parts().get(0).volume();
        assertEquals(A, a.identity().seriesInstanceUid());
        assertArrayEquals(new int[] {3, 4, 4}, a.geometry().dims());
        assertEquals(2.0, a.geometry().spacing()[2], 1e-9, "median step from positions, not SliceThickness 5");
        assertEquals(List.of(100f, 200f, 300f, 400f), firstVoxels(a, 1024));
        assertTrue(a.warnings().stream().anyMatch(w -> w.startsWith("duplicate slice at 4.000 mm")), a.warnings().toString());
        assertTrue(a.warnings().stream().anyMatch(w -> w.startsWith("gap after slice 3: 4.000 mm")), a.warnings().toString());

        Volume b = r.parts().get(1).volume();
        assertEquals(List.of(20f, 10f), firstVoxels(b, 1024), "position order, not InstanceNumber");
        assertEquals(3.0, b.geometry().spacing()[2], 1e-9);
        assertTrue(b.warnings().isEmpty(), b.warnings().toString());
        assertEquals(-1024 + 20 + 5, b.get(2, 1, 0), 0, "pixel (x=2, y=1) is stored index 5");
    }

    private static List<Float> firstVoxels(Volume v, int offset) {
        List<Float> out = new ArrayList<>();
        int size = v.geometry().nx() * v.geometry().ny();
        for (int z = 0; z < v.geometry().nz(); z++) out.add(v.data()[z * size] + offset);
        return out;
    }

    @Test
    void differentImageSizesSplitASeriesIntoNamedParts() throws Exception {
        slice(A, 1, 0, 0);
        slice(A, 2, 1, 0);
        SyntheticDicom.ctSlice(A, A + ".77", 3, 2, 5, 5, 0).write(dir.resolve("big").toFile());
        SeriesReadResult r = read();
        assertEquals(List.of(A, A + "#2"), r.parts().stream().map(SeriesPart::name).toList());
        assertEquals(2, r.parts().get(0).volume().geometry().nz());
        assertArrayEquals(new int[] {5, 5, 1}, r.parts().get(1).volume().geometry().dims());
    }

    @Test
    void unevenSpacingAndGantryTiltAreReported() throws Exception {
        for (int i = 0; i < 4; i++) {
            double z = i * 2 + (i == 2 ? 0.3 : 0);
            SyntheticDicom d = SyntheticDicom.ctSlice(A, A + "." + i, i + 1, z, 4, 3, 0);
            d.put(TagFromName.ImagePositionPatient, "-10\\" + (-20 + i * 0.5) + "\\" + z);
            d.write(dir.resolve("t" + i).toFile());
        }
        Volume v = read().parts().get(0).volume();
        assertTrue(v.warnings().stream().anyMatch(w -> w.startsWith("uneven slice spacing")), v.warnings().toString());
        String tilt = v.warnings().stream().filter(w -> w.startsWith("gantry tilt")).findFirst().orElseThrow();
        // Positions move 0.5 mm in y per 2 mm in z: atan(0.25) = 14.04 degrees.
        assertTrue(tilt.startsWith("gantry tilt 14.0"), tilt);
        assertEquals(0.5 / Math.hypot(0.5, 2), v.geometry().sliceDirection()[1], 1e-6);
    }

    @Test
    void bitsStoredMonochrome1AndUnsignedAreHonoured() throws Exception {
        SyntheticDicom d = SyntheticDicom.ctSlice(A, A + ".1", 1, 0, 1, 3, 0);
        d.put(TagFromName.PhotometricInterpretation, "MONOCHROME1");
        d.put(TagFromName.RescaleIntercept, "0");
        // 12 bits stored, unsigned; the top 4 bits hold an overlay-like garbage pattern.
        d.pixels(new short[] {(short) 0xF000, (short) 0xA001, 0x0FFF}, 12, false);
        d.write(dir.resolve("m1").toFile());
        Volume v = read().parts().get(0).volume();
        assertArrayEquals(new float[] {4095, 4094, 0}, v.data(), "inverted within 12 bits, high bits ignored");
    }

    @Test
    void signedTwelveBitValuesAreSignExtended() throws Exception {
        SyntheticDicom d = SyntheticDicom.ctSlice(A, A + ".1", 1, 0, 1, 2, 0);
        d.put(TagFromName.RescaleSlope, "2");
        d.put(TagFromName.RescaleIntercept, "1");
        d.pixels(new short[] {0x0800, 0x07FF}, 12, true);
        d.write(dir.resolve("s12").toFile());
        assertArrayEquals(new float[] {-2048 * 2 + 1, 2047 * 2 + 1}, read().parts().get(0).volume().data());
    }

    @Test
    void enhancedMultiFrameUsesPerFrameGroups() throws Exception {
        SyntheticDicom d = new SyntheticDicom();
        d.common(SOPClass.EnhancedCTImageStorage, A, A + ".1", "CT", 2, 2);
        d.put(TagFromName.NumberOfFrames, "3");
        AttributeList shared = SyntheticDicom.item(d.list, TagFromName.SharedFunctionalGroupsSequence);
        AttributeList measures = SyntheticDicom.item(shared, TagFromName.PixelMeasuresSequence);
        SyntheticDicom.put(measures, TagFromName.PixelSpacing, "0.7\\0.6");
        SyntheticDicom.put(measures, TagFromName.SliceThickness, "9");
        AttributeList orient = SyntheticDicom.item(shared, TagFromName.PlaneOrientationSequence);
        SyntheticDicom.put(orient, TagFromName.ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
        double[] z = {6, 0, 3};
        for (int f = 0; f < 3; f++) {
            AttributeList frame = SyntheticDicom.item(d.list, TagFromName.PerFrameFunctionalGroupsSequence);
            SyntheticDicom.put(SyntheticDicom.item(frame, TagFromName.PlanePositionSequence),
                    TagFromName.ImagePositionPatient, "0\\0\\" + z[f]);
            AttributeList pvt = SyntheticDicom.item(frame, TagFromName.PixelValueTransformationSequence);
            SyntheticDicom.put(pvt, TagFromName.RescaleSlope, String.valueOf(f + 1));
            SyntheticDicom.put(pvt, TagFromName.RescaleIntercept, "-100");
        }
        short[] px = new short[12];
        for (int i = 0; i < 12; i++) px[i] = (short) (10 * (i / 4) + 1);
        d.pixels(px, 16, true);
        d.write(dir.resolve("enhanced").toFile(), TransferSyntax.ImplicitVRLittleEndian);

        Volume v = read().parts().get(0).volume();
        assertArrayEquals(new int[] {2, 2, 3}, v.geometry().dims());
        assertArrayEquals(new double[] {0.6, 0.7, 3}, v.geometry().spacing(), 1e-9);
        // z order 0, 3, 6 = frames 2, 3, 1; stored 11, 21, 1; slopes 2, 3, 1.
        assertEquals(11 * 2 - 100, v.get(0, 0, 0), 0);
        assertEquals(21 * 3 - 100, v.get(1, 1, 1), 0);
        assertEquals(1 - 100, v.get(0, 1, 2), 0);
        assertEquals(List.of(2, 3, 1), v.slices().stream().map(SliceSource::frame).toList());
    }

    @Test
    void missingGeometryFallsBackToInstanceNumber() throws Exception {
        for (int i : new int[] {3, 1, 2}) {
            SyntheticDicom d = SyntheticDicom.ctSlice(A, A + "." + i, i, 0, 1, 1, i);
            d.list.remove(TagFromName.ImagePositionPatient);
            d.write(dir.resolve("n" + i).toFile());
        }
        Volume v = read().parts().get(0).volume();
        assertEquals(List.of(1f, 2f, 3f), firstVoxels(v, 1024));
        assertEquals(5.0, v.geometry().spacing()[2], 1e-9, "no positions: SliceThickness is all there is");
        assertTrue(v.warnings().get(0).contains("ordered by InstanceNumber"));
    }

    @Test
    void dicomdirListsItsFiles() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("IMG"));
        slice(A, 1, 0, 0).renameTo(sub.resolve("I1").toFile());
        slice(A, 2, 1, 0).renameTo(sub.resolve("I2").toFile());
        slice(B, 1, 0, 0); // in the folder but not in the DICOMDIR
        SyntheticDicom dd = new SyntheticDicom();
        dd.put(TagFromName.SOPClassUID, "1.2.840.10008.1.3.10").put(TagFromName.SOPInstanceUID, A + ".999");
        for (String f : new String[] {"I1", "I2"}) {
            AttributeList rec = SyntheticDicom.item(dd.list, TagFromName.DirectoryRecordSequence);
            SyntheticDicom.put(rec, TagFromName.DirectoryRecordType, "IMAGE");
            rec.putNewAttribute(TagFromName.ReferencedFileID).addValue("IMG");
            rec.get(TagFromName.ReferencedFileID).addValue(f);
        }
        dd.write(dir.resolve("DICOMDIR").toFile());
        SeriesReadResult r = new SeriesReader().read(dir.resolve("DICOMDIR"), ProgressListener.NONE);
        assertEquals(1, r.parts().size());
        assertEquals(2, r.parts().get(0).volume().geometry().nz());
        assertTrue(r.rejected().isEmpty(), r.rejected().toString());
    }

    @Test
    void truncatedSliceIsRejectedAndTheSeriesRebuiltWithoutIt() throws Exception {
        slice(A, 1, 0, 100);
        File broken = slice(A, 2, 1, 200);
        slice(A, 3, 2, 300);
        byte[] bytes = Files.readAllBytes(broken.toPath());
        Files.write(broken.toPath(), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        SeriesReadResult r = read();
        assertEquals(1, r.rejected().size());
        assertEquals(broken.getPath(), r.rejected().get(0).path());
        assertTrue(r.rejected().get(0).reason().contains("pixel data"), r.rejected().get(0).reason());
        Volume v = r.parts().get(0).volume();
        assertEquals(List.of(100f, 300f), firstVoxels(v, 1024), "no padded or empty slice in place of the broken one");
        assertEquals(2.0, v.geometry().spacing()[2], 1e-9, "re-measured from the remaining positions");
        assertEquals(2, r.parts().get(0).files().size());
    }

    /**
     * JPEG baseline: an 8-bit image is compressed here with the JDK's JPEG writer and stored
     * encapsulated; the expected values are what the JDK's own JPEG reader makes of the same
     * bytes, so the test checks the DICOM path (encapsulation, decoder choice, rescale), not
     * the lossy codec.
     */
    @Test
    void jpegBaselineDecodesLikeTheJdkDecoder() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(16, 8, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 16; x++) img.getRaster().setSample(x, y, 0, x * 16 + y);
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpeg", jpeg);
        java.awt.image.Raster expected = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg.toByteArray())).getRaster();

        SyntheticDicom d = new SyntheticDicom();
        d.common(SOPClass.SecondaryCaptureImageStorage, A, A + ".1", "OT", 8, 16);
        d.put(TagFromName.BitsAllocated, "8").put(TagFromName.BitsStored, "8").put(TagFromName.HighBit, "7");
        d.put(TagFromName.PixelRepresentation, "0").put(TagFromName.RescaleIntercept, "-10");
        d.list.put(new com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames(TagFromName.PixelData,
                new byte[][] {jpeg.toByteArray()}));
        d.write(dir.resolve("jpeg").toFile(), TransferSyntax.JPEGBaseline);

        SeriesReadResult r = read();
        assertTrue(r.rejected().isEmpty(), r.rejected().toString());
        Volume v = r.parts().get(0).volume();
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) assertEquals(expected.getSample(x, y, 0) - 10, v.get(x, y, 0), 0, x + "," + y);
        }
    }

    @Test
    void overlappingAcquisitionsSplitButConsecutiveOnesStayTogether() throws Exception {
        int n = 0;
        for (int acq = 1; acq <= 2; acq++) {
            for (int z = 0; z < 3; z++) {
                n++;
                SyntheticDicom d = SyntheticDicom.ctSlice(A, A + "." + n, n, z, 2, 2, acq * 100);
                d.put(TagFromName.AcquisitionNumber, String.valueOf(acq)).write(dir.resolve("a" + n).toFile());
                SyntheticDicom e = SyntheticDicom.ctSlice(B, B + "." + n, n, n, 2, 2, acq * 100);
                e.put(TagFromName.AcquisitionNumber, String.valueOf(acq)).write(dir.resolve("b" + n).toFile());
            }
        }
        SeriesReadResult r = read();
        assertEquals(List.of(A, A + "#2", B), r.parts().stream().map(SeriesPart::name).toList());
        assertTrue(r.parts().get(1).description().endsWith("acquisition 2"), r.parts().get(1).description());
        assertEquals(List.of(200f, 200f, 200f), firstVoxels(r.parts().get(1).volume(), 1024));
        assertEquals(6, r.parts().get(2).volume().geometry().nz(), "acquisitions at distinct positions stay one volume");
    }
}
