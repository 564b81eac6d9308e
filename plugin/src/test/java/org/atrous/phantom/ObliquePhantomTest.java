package org.atrous.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.atrous.model.Reorientation;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class ObliquePhantomTest {

    private static final PhantomOptions NOISELESS = new PhantomOptions(5003, 256, 12, 0, 5, 5, 2, 0, false);

    @Test
    void untiltedItIsTheGeneratorsPhantomVoxelForVoxel() {
        Phantom axial = AbdomenPhantom.generate(NOISELESS, ProgressListener.NONE);
        Phantom tilted = ObliquePhantom.generate(NOISELESS, 0, ProgressListener.NONE);
        assertTrue(axial.ct().geometry().sameGrid(tilted.ct().geometry(), 1e-6));
        assertArrayEquals(axial.labels().labels(), tilted.labels().labels());
        float[] a = axial.ct().data(), b = tilted.ct().data();
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 0.01, "voxel " + i);
    }

    @Test
    void tiltedItIsTheSameAnatomyOnAnObliqueGrid() {
        PhantomOptions o = new PhantomOptions(5003, 256, 48, 0, 5, 5, 2, 15, false);
        Phantom axial = AbdomenPhantom.generate(o, ProgressListener.NONE);
        Phantom tilted = ObliquePhantom.generate(o, 20, ProgressListener.NONE);
        assertEquals(20, Reorientation.obliquityDegrees(tilted.ct().geometry()), 1e-6);
        assertEquals("LPS", Reorientation.code(tilted.ct().geometry()), "nearest the axial axes");
        // organs wholly inside both slabs keep their volume on planes 20 degrees apart (the aorta runs out of them)
        for (int label : new int[] {PhantomClasses.LIVER, PhantomClasses.SPLEEN, PhantomClasses.RIGHT_KIDNEY,
                PhantomClasses.LEFT_KIDNEY, PhantomClasses.PORTAL_VEIN}) {
            double va = axial.labels().histogram()[label], vt = tilted.labels().histogram()[label];
            assertEquals(va, vt, 0.01 * va, "label " + label);
        }
        assertTrue(!java.util.Arrays.equals(axial.labels().labels(), tilted.labels().labels()));
        assertEquals(noise(axial), noise(tilted), 1.5, "noise over the liver");
    }

    /** SD of HU over the liver of the middle slice: its noise, plus a little partial volume at its edge. */
    private static double noise(Phantom p) {
        int n = p.ct().geometry().nx(), z = p.ct().geometry().nz() / 2;
        double s = 0, s2 = 0;
        int c = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = (z * n + y) * n + x;
                if (p.labels().labels()[i] != PhantomClasses.LIVER) continue;
                s += p.ct().data()[i];
                s2 += p.ct().data()[i] * p.ct().data()[i];
                c++;
            }
        }
        double mean = s / c;
        return Math.sqrt(s2 / c - mean * mean);
    }
}
