package org.atrous.phantom;

import static org.junit.jupiter.api.Assertions.*;

import org.atrous.dicom.LabelVolume;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class AbdomenPhantomTest {
    private static PhantomOptions small(long seed, int tumours) {
        return new PhantomOptions(seed, 128, 16, 0, 10, 10, tumours, 15, false);
    }

    @Test
    void sameSeedGivesIdenticalVoxels() {
        Phantom a = AbdomenPhantom.generate(small(7, -1), ProgressListener.NONE);
        Phantom b = AbdomenPhantom.generate(small(7, -1), ProgressListener.NONE);
        assertArrayEquals(a.ct().data(), b.ct().data());
        assertArrayEquals(a.labels().labels(), b.labels().labels());
        assertEquals(a.ct().identity(), b.ct().identity());
    }

    @Test
    void differentSeedsGiveDifferentAnatomy() {
        LabelVolume a = AbdomenPhantom.generate(small(1, 2), ProgressListener.NONE).labels();
        LabelVolume b = AbdomenPhantom.generate(small(2, 2), ProgressListener.NONE).labels();
        long[] ha = a.histogram(), hb = b.histogram();
        double liverChange = Math.abs(ha[PhantomClasses.LIVER] - hb[PhantomClasses.LIVER]) / (double) ha[PhantomClasses.LIVER];
        int differing = 0;
        for (int i = 0; i < a.labels().length; i++) if (a.labels()[i] != b.labels()[i]) differing++;
        assertTrue(liverChange > 0.02 || differing > a.labels().length / 50, "anatomy barely changed: " + differing);
    }

    @Test
    void tissuesHaveTheirHounsfieldRanges() {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(3, 160, 24, 0, 5, 5, 0, 15, false), ProgressListener.NONE);
        double liver = meanInside(p, PhantomClasses.LIVER), aorta = meanInside(p, PhantomClasses.AORTA);
        assertTrue(liver > 40 && liver < 90, "liver mean " + liver);
        assertTrue(aorta > 110 && aorta < 260, "aorta mean " + aorta);
        assertTrue(p.labels().histogram()[PhantomClasses.SPLEEN] > 0, "spleen missing");
        assertEquals(0, p.labels().histogram()[PhantomClasses.TUMOUR]);
        // the noise is additive: the same phantom without noise isolates it exactly
        Phantom clean = AbdomenPhantom.generate(new PhantomOptions(3, 160, 24, 0, 5, 5, 0, 0, false), ProgressListener.NONE);
        double sd = noiseSdInside(p, clean, PhantomClasses.LIVER);
        assertEquals(15, sd, 1.0, "noise sd in the liver");
    }

    @Test
    void asksForTumoursAndGetsThem() {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(11, 160, 40, 0, 4, 4, 4, 10, true), ProgressListener.NONE);
        assertEquals(4, p.tumours());
        assertTrue(p.labels().histogram()[PhantomClasses.TUMOUR] > 0, "no tumour voxels");
    }

    @Test
    void badOptionsNameTheOption() {
        assertMessage("size", () -> new PhantomOptions(1, 0, 10, 0, 5, 5, 0, 10, false));
        assertMessage("slice spacing", () -> new PhantomOptions(1, 256, 10, 0, -1, 5, 0, 10, false));
        assertMessage("tumours", () -> new PhantomOptions(1, 256, 10, 0, 5, 5, 9, 10, false));
        assertMessage("noise", () -> new PhantomOptions(1, 256, 10, 0, 5, 5, 0, -3, false));
        assertMessage("pixel spacing", () -> new PhantomOptions(1, 128, 10, 0.5, 5, 5, 0, 10, false));
    }

    private static void assertMessage(String option, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains("'" + option + "'"), e.getMessage());
    }

    private static double meanInside(Phantom p, int label) {
        double s = 0;
        long n = 0;
        for (int i = 0; i < p.ct().data().length; i++) {
            if ((p.labels().labels()[i] & 0xff) == label) { s += p.ct().data()[i]; n++; }
        }
        return s / n;
    }

    private static double noiseSdInside(Phantom p, Phantom clean, int label) {
        double s = 0, s2 = 0;
        long n = 0;
        for (int i = 0; i < p.ct().data().length; i++) {
            if ((p.labels().labels()[i] & 0xff) == label) {
                double d = p.ct().data()[i] - clean.ct().data()[i];
                s += d;
                s2 += d * d;
                n++;
            }
        }
        return Math.sqrt(s2 / n - (s / n) * (s / n));
    }
}
