package org.atrous.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.atrous.dicom.Geometry;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class GlobalNoiseLevelTest {

    @Test
    void whiteNoiseOnFlatTissueReadsItsStandardDeviation() {
        int nx = 160, ny = 120, nz = 3;
        float[] hu = new float[nx * ny * nz];
        Random r = new Random(3);
        for (int i = 0; i < hu.length; i++) hu[i] = (float) (50 + 12 * r.nextGaussian());
        assertEquals(12, GlobalNoiseLevel.measure(hu, nx, ny, nz, 0.8, 0.8), 0.6);
    }

    @Test
    void structureDoesNotRaiseItButNoiseDoes() {
        // Tissue halves of 20 and 80 HU: windows on their edge deviate by about 30 HU, yet the
        // flat tissue on both sides sets the mode.
        int nx = 200, ny = 100;
        float[] hu = new float[nx * ny];
        Random r = new Random(5);
        for (int i = 0; i < hu.length; i++) hu[i] = (float) ((i % nx < nx / 2 ? 20 : 80) + 6 * r.nextGaussian());
        assertEquals(6, GlobalNoiseLevel.measure(hu, nx, ny, 1, 1, 1), 0.5);
    }

    @Test
    void phantomNoiseLevelsAreOrderedAndNearTheirNominalValue() {
        double[] gnl = new double[3];
        double[] nominal = {5, 15, 25};
        for (int k = 0; k < 3; k++) {
            var ct = AbdomenPhantom.generate(new PhantomOptions(11, 128, 8, 0, 5, 5, 0, nominal[k], false),
                    ProgressListener.NONE).ct();
            Geometry g = ct.geometry();
            gnl[k] = GlobalNoiseLevel.measure(ct.data(), g.nx(), g.ny(), g.nz(), g.spacing()[0], g.spacing()[1]);
            // the phantom's noise is correlated over about a pixel, so local windows read it a little low
            assertTrue(gnl[k] > 0.75 * nominal[k] && gnl[k] < 1.05 * nominal[k], "GNL " + gnl[k] + " at " + nominal[k] + " HU");
        }
        assertTrue(gnl[0] < gnl[1] && gnl[1] < gnl[2]);
    }

    @Test
    void theModeLiesBetweenBinsWhenTwoAreEquallyFull() {
        long[] h = new long[GlobalNoiseLevel.BINS];
        h[20] = 5000;
        h[21] = 5000;
        // bin 20 spans 10.0-10.5 HU, bin 21 10.5-11.0: the peak is at their shared edge
        assertEquals(10.5, GlobalNoiseLevel.mode(h), 1e-9);
        h[21] = 0;
        assertEquals(10.25, GlobalNoiseLevel.mode(h), 1e-9);
    }

    @Test
    void noSoftTissueGivesNoEstimate() {
        float[] air = new float[64 * 64 * 2];
        java.util.Arrays.fill(air, -1000);
        assertTrue(Double.isNaN(GlobalNoiseLevel.measure(air, 64, 64, 2, 1, 1)));
    }

    @Test
    void refusesInconsistentInput() {
        assertThrows(IllegalArgumentException.class, () -> GlobalNoiseLevel.measure(new float[10], 4, 4, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> GlobalNoiseLevel.measure(new float[16], 4, 4, 1, 0, 1));
    }
}
