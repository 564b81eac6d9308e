package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.Volume;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class MirroringTest {

    @Test
    void axesParseCaseInsensitivelyAndABadAxisIsNamed() {
        assertEquals(new Mirroring(true, true), Mirroring.parse(List.of("X", "y")));
        assertEquals(Mirroring.NONE, Mirroring.parse(List.of("none")));
        assertEquals(4, new Mirroring(true, true).variants().size());
        assertEquals(Mirroring.NONE, new Mirroring(true, false).variants().get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mirroring.parse(List.of("z")));
        assertTrue(e.getMessage().contains("\"z\""), e.getMessage());
    }

    @Test
    void mirroringFlipsEachPlaneAndUndoesItself() {
        // two planes of 3 x 2: rows (0 1 2 / 3 4 5) and (6 7 8 / 9 10 11)
        float[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        float[] x = a.clone();
        new Mirroring(true, false).apply(x, 0, 2, 3, 2);
        assertArrayEquals(new float[] {2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9}, x);
        float[] y = a.clone();
        new Mirroring(false, true).apply(y, 0, 2, 3, 2);
        assertArrayEquals(new float[] {3, 4, 5, 0, 1, 2, 9, 10, 11, 6, 7, 8}, y);
        float[] xy = a.clone();
        new Mirroring(true, true).apply(xy, 0, 2, 3, 2);
        new Mirroring(true, true).apply(xy, 0, 2, 3, 2);
        assertArrayEquals(a, xy);
    }

    /** A network blind to its input that says "class 1" more the further right a pixel is. */
    static final class RightLeaning implements PixelClassifier {
        @Override public int classes() { return 2; }

        @Override
        public float[] predict(float[] in, int batch, int channels, int h, int w) {
            float[] out = new float[batch * 2 * h * w];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < h * w; i++) {
                    float p = 0.1f + 0.8f * (i % w) / (w - 1);
                    out[(b * 2 + 1) * h * w + i] = p;
                    out[(b * 2) * h * w + i] = 1 - p;
                }
            }
            return out;
        }
    }

    @Test
    void mirroredPredictionsAreFlippedBackBeforeAveraging() {
        // 64 wide (a multiple of the pad size, so the tile is the slice): p(x) + p(63 - x) = 1
        Volume v = Volume.of(new float[64 * 40 * 2], Geometry.axial(64, 40, 2, 1, 1, 1), "CT");
        Preprocessing pre = new Preprocessing(List.of(new IntensityWindow(50, 300)), false, 0, 64, 8, 0);
        Segmenter plain = new Segmenter(new RightLeaning(), pre, SegmenterTest.ONE_CLASS, 4);
        Segmentation once = plain.segment(v, ProgressListener.NONE);
        assertTrue(once.probabilities().get(1, 63) > 0.85f);
        Segmentation both = plain.withMirroring(new Mirroring(true, false)).segment(v, ProgressListener.NONE);
        for (int i = 0; i < 64 * 40 * 2; i++) assertEquals(0.5f, both.probabilities().get(1, i), 1f / 255, "voxel " + i);
        // mirroring rows only leaves a left-right pattern as it was
        Segmentation rows = plain.withMirroring(new Mirroring(false, true)).segment(v, ProgressListener.NONE);
        for (int i = 0; i < 64 * 40 * 2; i++) {
            assertEquals(once.probabilities().get(1, i), rows.probabilities().get(1, i), 1f / 255, "voxel " + i);
        }
    }
}
