package org.atrous.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.junit.jupiter.api.Test;

class ElasticFieldTest {

    private static double[] stats(ElasticField f, int size) {
        double largest = 0, step = 0;
        for (int v = 0; v < size; v++) {
            for (int u = 0; u < size; u++) {
                largest = Math.max(largest, Math.hypot(f.dx(u, v), f.dy(u, v)));
                if (u > 0) step = Math.max(step, Math.abs(f.dx(u, v) - f.dx(u - 1, v)));
                if (v > 0) step = Math.max(step, Math.abs(f.dy(u, v) - f.dy(u, v - 1)));
            }
        }
        return new double[] {largest, step};
    }

    @Test
    void largestDisplacementIsTheAmplitudeAndTheFieldIsSmooth() {
        ElasticField f = ElasticField.random(new SplittableRandom(3), 64, 5.0, 8);
        double[] s = stats(f, 64);
        assertEquals(5.0, s[0], 1e-5);
        // neighbours move nearly alike: the patch bends, it does not tear
        assertTrue(s[1] < 1.0, "largest change between neighbours " + s[1]);
        ElasticField rough = ElasticField.random(new SplittableRandom(3), 64, 5.0, 1);
        assertTrue(stats(rough, 64)[1] > s[1] * 2, "a smaller sigma gives a rougher field");
    }

    @Test
    void zeroAmplitudeMovesNothing() {
        assertEquals(0.0, stats(ElasticField.random(new SplittableRandom(3), 32, 0, 8), 32)[0]);
    }

    @Test
    void badElasticSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Augmentation.NONE.withElastic(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.NONE.withElastic(Double.NaN, 10));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.NONE.withElastic(4, 0));
    }

    /** Labels 0/1/2 as rings of −100/0/100 HU: noise-free, so a value names its class. */
    private static TrainingCase rings() {
        int n = 64;
        float[] img = new float[n * n];
        byte[] lab = new byte[img.length];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double r = Math.hypot(x - 31.5, y - 31.5);
                int l = r < 8 ? 2 : r < 20 ? 1 : 0;
                lab[y * n + x] = (byte) l;
                img[y * n + x] = -100 + 100 * l;
            }
        }
        Geometry g = Geometry.axial(n, n, 1, 1, 1, 3);
        return new TrainingCase("rings", Volume.of(img, g, "CT"), new LabelVolume(lab, g, TrainerTest.CLASSES));
    }

    private static float[][] onePatch(Augmentation aug) {
        PatchSampler s = new PatchSampler(List.of(rings()), TrainerTest.PRE, 3, 48, 1.0, aug);
        return s.batch(new SplittableRandom(17), 1);
    }

    @Test
    void imageAndLabelsAreDeformedTogether() {
        float[][] plain = onePatch(Augmentation.NONE), bent = onePatch(Augmentation.NONE.withElastic(6, 6));
        int pp = 48 * 48, changed = 0, checked = 0;
        float[] values = {(float) (50 / 300.0), 0.5f, (float) (250 / 300.0)}; // −100, 0, 100 HU in W300/L0
        for (int i = 0; i < pp; i++) {
            if (plain[1][i] != bent[1][i] || plain[1][pp + i] != bent[1][pp + i]) changed++;
            for (int c = 0; c < 3; c++) {
                // where the image holds a class's exact value, the label must be that class
                if (Math.abs(bent[0][i] - values[c]) < 1e-6) {
                    checked++;
                    assertEquals(1f, bent[1][c * pp + i], "patch pixel " + i);
                }
            }
        }
        assertTrue(changed > 50, "the elastic field moved " + changed + " label pixels");
        assertTrue(checked > pp / 2, "only " + checked + " pixels checked");
    }

    @Test
    void withoutElasticTheRandomSequenceIsUnchanged() {
        PatchSampler a = new PatchSampler(List.of(rings()), TrainerTest.PRE, 3, 32, 0.5, Augmentation.standard(true));
        PatchSampler b = new PatchSampler(List.of(rings()), TrainerTest.PRE, 3, 32, 0.5,
                Augmentation.standard(true).withElastic(0, 10));
        float[][] x = a.batch(new SplittableRandom(5), 4), y = b.batch(new SplittableRandom(5), 4);
        assertArrayEquals(x[0], y[0]);
        assertArrayEquals(x[1], y[1]);
    }
}
