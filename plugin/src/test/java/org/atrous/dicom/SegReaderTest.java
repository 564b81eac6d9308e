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
        SegWriter.write(p.labels(), p.ct(), new SegmentationAlgorithm(false, "Atrous DeepLab", "1.0", "test model"),
                SegWriter.Target.fresh(3, "model output"), seg);
        assertEquals(java.util.List.of(), Dciodvfy.errors(seg), Dciodvfy.report(seg));
        assertArrayEquals(p.labels().labels(), SegReader.read(seg, p.ct()).labels());
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
    void refusesAFileThatIsNotASeg() {
        Path ct = shared().resolve("dicom-real/highdicom/ct_image.dcm");
        Exception e = assertThrows(java.io.IOException.class, () -> SegReader.read(ct));
        assertTrue(e.getMessage().contains("not a DICOM Segmentation"), e.getMessage());
    }
}
