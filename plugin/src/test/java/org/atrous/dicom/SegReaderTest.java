package org.atrous.dicom;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;

import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomClasses;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegReaderTest {
    @TempDir Path dir;

    static Path shared() {
        String s = System.getProperty("atrous.shared", System.getenv("ATROUS_SHARED"));
        return Path.of(s);
    }

    @Test
    void phantomGroundTruthRoundTripsExactly() throws Exception {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(21, 128, 14, 0, 6, 6, 3, 15, false), ProgressListener.NONE);
        Path seg = dir.resolve("seg.dcm");
        SegWriter.write(p.labels(), p.ct(), SegmentationAlgorithm.manual("truth"), SegWriter.Target.fresh(2, "truth"), seg);
        LabelVolume back = SegReader.read(seg, p.ct());
        assertArrayEquals(p.labels().labels(), back.labels());
        assertEquals(PhantomClasses.ALL.size(), back.classes().size());
        SegmentClass liver = back.classOf(PhantomClasses.LIVER);
        assertEquals("liver", liver.name());
        assertEquals(new CodedConcept("10200004", "SCT", "Liver"), liver.type());
        assertArrayEquals(new int[] {221, 130, 101}, liver.rgb());
        // its own grid (no series at hand) gives the same labels wherever a segment has frames
        LabelVolume own = SegReader.read(seg);
        assertEquals(p.labels().histogram()[PhantomClasses.LIVER], own.histogram()[PhantomClasses.LIVER]);
    }

    @Test
    void modelOutputIsAutomaticAndReadsBack() throws Exception {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(4, 128, 6, 0, 10, 10, 0, 10, false), ProgressListener.NONE);
        Path seg = dir.resolve("auto.dcm");
        SegWriter.write(p.labels(), p.ct(), new SegmentationAlgorithm(false, "Atrous DeepLab", "1.0",
                RtStructWriterTest.LONG_DESCRIPTION), SegWriter.Target.fresh(3, "model output"), seg);
        assertEquals(java.util.List.of(), Dciodvfy.errors(seg), Dciodvfy.report(seg));
        com.pixelmed.dicom.AttributeList l = new com.pixelmed.dicom.AttributeList();
        l.read(seg.toString());
        assertEquals(RtStructWriterTest.LONG_DESCRIPTION, com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(l,
                com.pixelmed.dicom.TagFromName.ImageComments).stripTrailing(), "the whole description, which Content Description cuts");
        assertArrayEquals(p.labels().labels(), SegReader.read(seg, p.ct()).labels());
    }

    @Test
    void probabilitiesWriteAsAValidFractionalSegThatReadsBackAtHalf() throws Exception {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(5, 128, 6, 0, 10, 10, 1, 15, false), ProgressListener.NONE);
        byte[] lab = p.labels().labels();
        // per class: 230/255 inside, a falling 60 one pixel around it (under half), 0 elsewhere
        int nx = p.labels().geometry().nx(), ny = nx, classes = PhantomClasses.ALL.size();
        byte[][] q = new byte[classes + 1][lab.length];
        for (int i = 0; i < lab.length; i++) {
            int c = lab[i] & 0xff;
            if (c == 0) continue;
            q[c][i] = (byte) 230;
            if (i % nx > 0 && lab[i - 1] == 0) q[c][i - 1] = (byte) 60;
        }
        Path seg = dir.resolve("probabilities-seg.dcm");
        SegWriter.writeFractional(c -> q[c], p.labels(), p.ct(), new SegmentationAlgorithm(false, "Atrous DeepLab", "1.0",
                "network probabilities"), SegWriter.Target.fresh(901, "probabilities"), seg, true);
        assertEquals(java.util.List.of(), Dciodvfy.errors(seg), Dciodvfy.report(seg));
        assertTrue(Dciodvfy.deflated(seg), "a FRACTIONAL SEG is written deflated");
        // the pixel data alone are frames x 128 x 128 bytes; deflated, the whole file is far smaller
        com.pixelmed.dicom.AttributeList l = new com.pixelmed.dicom.AttributeList();
        l.read(seg.toString());
        long pixelBytes = l.get(com.pixelmed.dicom.TagFromName.PixelData).getVL();
        assertTrue(java.nio.file.Files.size(seg) * 10 < pixelBytes, java.nio.file.Files.size(seg) + " bytes for "
                + pixelBytes + " bytes of pixels");
        assertEquals("FRACTIONAL", com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(l,
                com.pixelmed.dicom.TagFromName.SegmentationType));
        assertEquals("PROBABILITY", com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(l,
                new com.pixelmed.dicom.AttributeTag(0x0062, 0x0010)));
        assertEquals(8, com.pixelmed.dicom.Attribute.getSingleIntegerValueOrDefault(l, com.pixelmed.dicom.TagFromName.BitsAllocated, 0));
        // frames only where a class has a probability above 0: as many as (class, slice) pairs holding it
        int frames = 0, plane = nx * ny;
        for (int c = 1; c <= classes; c++) {
            for (int z = 0; z < 6; z++) {
                boolean any = false;
                for (int i = z * plane; i < (z + 1) * plane && !any; i++) any = q[c][i] != 0;
                if (any) frames++;
            }
        }
        assertEquals(frames, com.pixelmed.dicom.Attribute.getSingleIntegerValueOrDefault(l,
                com.pixelmed.dicom.TagFromName.NumberOfFrames, 0));
        // read back at half the maximum: the labels, without the 60/255 rim
        assertArrayEquals(lab, SegReader.read(seg, p.ct()).labels());
    }

    @Test
    void readsHighdicomBinaryAndFractional() throws Exception {
        Path hd = shared().resolve("dicom-real/highdicom");
        LabelVolume bin = SegReader.read(hd.resolve("seg_image_ct_binary.dcm"));
        LabelVolume frac = SegReader.read(hd.resolve("seg_image_ct_binary_fractional.dcm"));
        assertEquals(16, bin.geometry().nx());
        assertTrue(bin.histogram()[1] > 0, "binary SEG read empty");
        assertTrue(frac.histogram()[1] > 0, "fractional SEG read empty");
        assertEquals("first segment", bin.classOf(1).name());
        assertEquals("272673000", bin.classOf(1).type().value());
    }

    @Test
    void readsDcmqiLiverOnItsOwnGrid() throws Exception {
        LabelVolume liver = SegReader.read(shared().resolve("dicom-real/dcmqi/liver.dcm"));
        assertEquals(512, liver.geometry().nx());
        assertTrue(liver.histogram()[1] > 1000, "liver.dcm read nearly empty: " + liver.histogram()[1]);
    }

    @Test
    void fallsBackToPlanePositionWhenUidsDoNotMatch() throws Exception {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(6, 128, 8, 0, 5, 5, 1, 10, false), ProgressListener.NONE);
        Path seg = dir.resolve("seg.dcm");
        SegWriter.write(p.labels(), p.ct(), SegmentationAlgorithm.manual("truth"), SegWriter.Target.fresh(2, "truth"), seg);
        // the same grid under other UIDs (a re-exported series): frames are placed by position
        Phantom other = AbdomenPhantom.generate(p.options().withSeed(7), ProgressListener.NONE);
        assertArrayEquals(p.labels().labels(), SegReader.read(seg, other.ct()).labels());
        // a series on another grid is refused with a message
        Phantom smaller = AbdomenPhantom.generate(new PhantomOptions(6, 160, 8, 0, 5, 5, 1, 10, false), ProgressListener.NONE);
        Exception e = assertThrows(java.io.IOException.class, () -> SegReader.read(seg, smaller.ct()));
        assertTrue(e.getMessage().contains("128x128"), e.getMessage());
    }

    @Test
    void writerRefusesLabelsOffTheSourceGridOrWithoutClass() {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(6, 128, 4, 0, 5, 5, 0, 10, false), ProgressListener.NONE);
        LabelVolume shifted = new LabelVolume(p.labels().labels(), Geometry.axial(128, 128, 4, 1, 1, 5), p.labels().classes());
        Exception off = assertThrows(IllegalArgumentException.class, () -> SegWriter.write(shifted, p.ct(),
                SegmentationAlgorithm.manual("x"), SegWriter.Target.fresh(2, "x"), dir.resolve("a.dcm")));
        assertTrue(off.getMessage().contains("not on the source grid"), off.getMessage());
        LabelVolume unnamed = new LabelVolume(p.labels().labels(), p.labels().geometry(), p.labels().classes().subList(1, 7));
        Exception noClass = assertThrows(IllegalArgumentException.class, () -> SegWriter.write(unnamed, p.ct(),
                SegmentationAlgorithm.manual("x"), SegWriter.Target.fresh(2, "x"), dir.resolve("b.dcm")));
        assertTrue(noClass.getMessage().contains("label 1 has no class"), noClass.getMessage());
        assertFalse(java.nio.file.Files.exists(dir.resolve("a.dcm")) || java.nio.file.Files.exists(dir.resolve("b.dcm")));
    }

    @Test
    void refusesAFileThatIsNotASeg() {
        Path ct = shared().resolve("dicom-real/highdicom/ct_image.dcm");
        Exception e = assertThrows(java.io.IOException.class, () -> SegReader.read(ct));
        assertTrue(e.getMessage().contains("not a DICOM Segmentation"), e.getMessage());
    }

    /**
     * dcmqi's liver SEG against another reconstruction of its CT in the same Frame of Reference
     * (pixels twice as large, new SOP instances): resampled onto it with a warning, close to the
     * liver sampled there directly; in another Frame of Reference it is refused with the reason.
     */
    @Test
    void aSegOfAnotherReconstructionIsResampledOnlyInTheSameFrameOfReference() throws Exception {
        Path dcmqi = SharedData.path("dicom-real/dcmqi");
        Volume ct = new SeriesReader().read(dcmqi.resolve("ct-3slice"), ProgressListener.NONE).parts().get(0).volume();
        LabelVolume liver = SegReader.read(dcmqi.resolve("liver.dcm"), ct);
        Geometry g = ct.geometry();
        Geometry coarse = new Geometry(new int[] {256, 256, 3}, new double[] {2 * g.spacing()[0], 2 * g.spacing()[1],
                g.spacing()[2]}, g.toPatient(0.5, 0.5, 0), g.direction());
        java.util.List<SliceSource> slices = new java.util.ArrayList<>();
        for (int z = 0; z < 3; z++) slices.add(new SliceSource(SegWriter.randomUid(), CtSeriesWriter.CT_IMAGE_STORAGE, "", 1, ""));
        Volume recon = new Volume(new float[256 * 256 * 3], coarse, ct.identity(), slices, null, java.util.List.of());

        assertThrows(java.io.IOException.class, () -> SegReader.read(dcmqi.resolve("liver.dcm"), recon),
                "without a warning channel it is refused as before");
        java.util.List<String> warnings = new java.util.ArrayList<>();
        LabelVolume r = SegReader.read(dcmqi.resolve("liver.dcm"), recon, warnings::add);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("its frames are not on the series' slices (a SEG of another reconstruction"
                + " in the same Frame of Reference): resampled from its own grid (512x512x3 voxels of"), warnings.get(0));
        long both = 0, a = 0, b = 0;
        for (int z = 0; z < 3; z++) {
            for (int y = 0; y < 256; y++) {
                for (int x = 0; x < 256; x++) {
                    boolean direct = liver.get(2 * x, 2 * y, z) != 0, resampled = r.get(x, y, z) != 0;
                    if (direct) a++;
                    if (resampled) b++;
                    if (direct && resampled) both++;
                }
            }
        }
        double dice = 2.0 * both / (a + b);
        assertTrue(dice > 0.98, "against the liver's every other voxel: " + dice);

        SeriesIdentity i = ct.identity();
        SeriesIdentity other = new SeriesIdentity(i.patientId(), i.patientName(), i.patientBirthDate(), i.patientSex(),
                i.studyInstanceUid(), i.studyId(), i.studyDate(), i.studyTime(), i.studyDescription(), i.accessionNumber(),
                i.seriesInstanceUid(), i.seriesNumber(), i.seriesDescription(), "1.2.3.4.5", i.modality(), i.manufacturer());
        Volume elsewhere = new Volume(recon.data(), coarse, other, slices, null, java.util.List.of());
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> SegReader.read(dcmqi.resolve("liver.dcm"), elsewhere, w -> { }));
        assertTrue(e.getMessage().contains("is not the series' 1.2.3.4.5, so it cannot be resampled"), e.getMessage());
    }
}
