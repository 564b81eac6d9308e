package org.atrous.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class AugmentationTest {

    /** Only magnification: the draw's cosine is the patch-to-slice scale, 1 when not magnified. */
    private static final Augmentation MAGNIFY_ONLY = new Augmentation(0, 0, false, 0, 0, 0).withMagnification(2);

    @Test
    void halfThePatchesAreEnlargedLogUniformlyUpToTheMagnification() {
        SplittableRandom rnd = new SplittableRandom(3);
        int draws = 20_000, enlarged = 0, belowGeometricMiddle = 0;
        for (int i = 0; i < draws; i++) {
            double scale = MAGNIFY_ONLY.draw(rnd, 32).cos();
            assertTrue(scale > 0.5 - 1e-12 && scale <= 1, "scale " + scale);
            if (scale < 1) {
                enlarged++;
                if (scale < Math.sqrt(0.5)) belowGeometricMiddle++;
            }
        }
        assertEquals(0.5, enlarged / (double) draws, 0.02);
        assertEquals(0.5, belowGeometricMiddle / (double) enlarged, 0.02);
    }

    @Test
    void withoutMagnificationTheDrawsAreThoseOfEarlierVersions() {
        Augmentation before = Augmentation.standard(true), now = before.withMagnification(1);
        SplittableRandom a = new SplittableRandom(11), b = new SplittableRandom(11);
        for (int i = 0; i < 100; i++) assertEquals(before.draw(a, 32), now.draw(b, 32));
    }

    @Test
    void magnificationOutsideOneToFourIsRefused() {
        Augmentation a = Augmentation.standard(false);
        assertThrows(IllegalArgumentException.class, () -> a.withMagnification(0.5));
        assertThrows(IllegalArgumentException.class, () -> a.withMagnification(5));
        assertThrows(IllegalArgumentException.class, () -> a.withMagnification(Double.NaN));
    }
}
