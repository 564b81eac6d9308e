package org.atrous.dicom;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;

import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Written phantom series and SEG read back through the series reader; the dcmqi liver SEG on its CT. */
class PhantomRoundTripTest {
    @TempDir Path dir;

    private static Volume readOne(Path p) {
        List<Volume> v = new SeriesReader().read(p, ProgressListener.NONE).volumes();
        assertEquals(1, v.size(), "series found in " + p);
        return v.get(0);
    }

    @Test
    void seriesAndSegReadBackAsGenerated() throws Exception {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(9, 128, 10, 0, 7, 7, 2, 15, false), ProgressListener.NONE);
        CtSeriesWriter.write(p.ct(), dir.resolve("ct"), "", ProgressListener.NONE);
        Path seg = dir.resolve("seg.dcm");
        SegWriter.write(p.labels(), p.ct(), SegmentationAlgorithm.manual("truth"), SegWriter.Target.fresh(2, "truth"), seg);

        Volume back = readOne(dir.resolve("ct"));
        assertTrue(back.geometry().sameGrid(p.ct().geometry(), 1e-3), back.geometry() + " vs " + p.ct().geometry());
        assertEquals(p.ct().identity().seriesInstanceUid(), back.identity().seriesInstanceUid());
        float[] a = p.ct().data(), b = back.data();
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 0.5001, "voxel " + i);
        for (int z = 0; z < 10; z++) {
            assertEquals(p.ct().slices().get(z).sopInstanceUid(), back.slices().get(z).sopInstanceUid());
        }
        assertArrayEquals(p.labels().labels(), SegReader.read(seg, back).labels());
    }

    @Test
    void dcmqiLiverLandsOnItsSlicesOfCt3slice() throws Exception {
        Path shared = SegReaderTest.shared().resolve("dicom-real/dcmqi");
        Volume ct = readOne(shared.resolve("ct-3slice"));
        Path segFile = shared.resolve("liver.dcm");
        LabelVolume liver = SegReader.read(segFile, ct);
        LabelVolume own = SegReader.read(segFile);
        int n = ct.geometry().nx() * ct.geometry().ny();
        double sum = 0;
        long count = 0;
        for (int z = 0; z < ct.geometry().nz(); z++) {
            // the frame matched by SOP Instance UID sits where the SEG's own plane position puts it
            int ownZ = ownSliceAt(own, ct.geometry().slicePosition(z));
            long here = 0;
            for (int i = 0; i < n; i++) {
                boolean on = liver.labels()[z * n + i] != 0;
                assertEquals(own.labels()[ownZ * n + i] != 0, on, "slice " + z + " pixel " + i);
                if (on) { sum += ct.data()[z * n + i]; count++; here++; }
            }
            assertTrue(here > 0, "no liver on slice " + z);
        }
        double mean = sum / count;
        assertTrue(mean >= 0 && mean <= 150, "mean HU inside the liver " + mean);
    }

    private static int ownSliceAt(LabelVolume own, double[] position) {
        for (int z = 0; z < own.geometry().nz(); z++) {
            double[] p = own.geometry().slicePosition(z);
            if (Math.abs(p[0] - position[0]) + Math.abs(p[1] - position[1]) + Math.abs(p[2] - position[2]) < 0.05) return z;
        }
        throw new AssertionError("no SEG frame at " + java.util.Arrays.toString(position));
    }
}
