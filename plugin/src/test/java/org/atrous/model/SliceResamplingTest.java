package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class SliceResamplingTest {

    /** 4×3 pixels per slice; every voxel of slice k holds {@code value(k)}. */
    private static Volume slices(Geometry g, java.util.function.IntToDoubleFunction value) {
        int plane = g.nx() * g.ny();
        float[] d = new float[plane * g.nz()];
        for (int k = 0; k < g.nz(); k++) {
            for (int i = 0; i < plane; i++) d[k * plane + i] = (float) value.applyAsDouble(k);
        }
        return Volume.of(d, g, "CT");
    }

    @Test
    void spacingsWithinTenPercentNoModelSpacingAndOneSliceAreLeftAlone() {
        Geometry g = Geometry.axial(4, 3, 10, 0.8, 0.8, 4.6);
        assertFalse(SliceResampling.of(g, 5.0).resamples());
        assertFalse(SliceResampling.of(g, 0).resamples());
        assertFalse(SliceResampling.of(Geometry.axial(4, 3, 1, 0.8, 0.8, 1.25), 5.0).resamples());
        assertTrue(SliceResampling.of(g, 5.2).resamples(), "4.6 mm is more than 10 % thinner than 5.2 mm");
        Volume v = slices(g, k -> k);
        assertSame(v, SliceResampling.of(g, 5.0).toModel(v));
    }

    @Test
    void thinSlicesAreAveragedIntoSlabsCentredOnTheSeries() {
        // 17 slices of 1.25 mm span 20 mm: slabs of 5 mm centred at 0, 5, 10, 15 and 20 mm
        Geometry g = Geometry.axial(4, 3, 17, 0.8, 0.8, 1.25);
        SliceResampling r = SliceResampling.of(g, 5.0);
        Volume m = r.toModel(slices(g, k -> k));
        assertEquals(5, m.geometry().nz());
        assertEquals(5.0, m.geometry().spacing()[2]);
        assertArrayEquals(g.origin(), m.geometry().origin(), 1e-9);
        // a slab inside the series is the overlap-weighted mean of the slices it covers: a ramp
        // stays a ramp (slice index 4 per 5 mm)
        for (int j = 1; j <= 3; j++) assertEquals(4 * j, m.get(2, 1, j), 1e-5);
        // the first slab is clipped to the series: slices 0 and 1 whole, half of slice 2
        assertEquals((0 + 1.25 + 2 * 0.625) / 3.125, m.get(0, 0, 0), 1e-5);
    }

    @Test
    void aSlabOfFourSlicesWorthCutsIndependentNoiseByItsWeights() {
        Geometry g = Geometry.axial(64, 64, 41, 1, 1, 1.25);
        SplittableRandom rng = new SplittableRandom(3);
        float[] d = new float[64 * 64 * 41];
        for (int i = 0; i < d.length; i++) d[i] = (float) (20 * gaussian(rng));
        Volume m = SliceResampling.of(g, 5.0).toModel(Volume.of(d, g, "CT"));
        double sum = 0, sumSq = 0;
        int n = 0, plane = 64 * 64;
        // an inner slab centred on a slice takes it and its two neighbours whole (1/4 each) and
        // half of the next two (1/8): SD 20·sqrt(3/16 + 2/64) = 9.35 HU, about half
        for (int j = 1; j < m.geometry().nz() - 1; j++) {
            for (int i = 0; i < plane; i++) {
                double v = m.data()[j * plane + i];
                sum += v;
                sumSq += v * v;
                n++;
            }
        }
        double sd = Math.sqrt(sumSq / n - (sum / n) * (sum / n));
        assertEquals(20 * Math.sqrt(3.0 / 16 + 2.0 / 64), sd, 0.2);
    }

    @Test
    void thickerSlicesAreReadAsTheyAreAndAnObliqueThinGridKeepsItsCentre() {
        assertFalse(SliceResampling.of(Geometry.axial(4, 3, 5, 0.8, 0.8, 7.5), 5.0).resamples());
        // feet-ward slices of 1 mm along a tilted direction, read as 5 mm slabs
        double c = Math.cos(0.2), s = Math.sin(0.2);
        Geometry g = new Geometry(new int[] {4, 3, 41}, new double[] {0.8, 0.8, 1}, new double[] {10, -20, 30},
                new double[] {1, 0, 0, 0, c, -s, 0, s, -c});
        SliceResampling r = SliceResampling.of(g, 5.0);
        Volume m = r.toModel(slices(g, k -> 100 + 10 * k));
        assertEquals(9, m.geometry().nz());
        for (int j = 1; j < 8; j++) assertEquals(100 + 50 * j, m.get(3, 2, j), 1e-3); // a ramp stays a ramp
        assertArrayEquals(g.slicePosition(0), m.geometry().slicePosition(0), 1e-9);
        assertArrayEquals(g.slicePosition(40), m.geometry().slicePosition(8), 1e-9);
        assertArrayEquals(g.slicePosition(20), m.geometry().slicePosition(4), 1e-9);
        assertEquals(20, r.nearestSourceSlice(4));
    }

    @Test
    void probabilitiesComeBackInterpolatedAtEachSourceSliceWithTheirArgmax() {
        Geometry g = Geometry.axial(4, 3, 17, 0.8, 0.8, 1.25);
        SliceResampling r = SliceResampling.of(g, 5.0);
        Geometry mg = r.modelGrid();
        ProbabilityVolume p = new ProbabilityVolume(mg, 2);
        int plane = 12;
        float[] fg = {0.9f, 0.9f, 0.7f, 0.2f, 0.0f}; // class 1 by slab
        byte[] labels = new byte[plane * 5];
        for (int j = 0; j < 5; j++) {
            for (int i = 0; i < plane; i++) {
                p.set(1, j * plane + i, fg[j]);
                p.set(0, j * plane + i, 1 - fg[j]);
                labels[j * plane + i] = (byte) (fg[j] > 0.5 ? 1 : 0);
            }
        }
        Segmentation back = r.back(new Segmentation(new LabelVolume(labels, mg, SegmenterTest.ONE_CLASS), p));
        assertEquals(g, back.labels().geometry());
        assertEquals(g, back.probabilities().geometry());
        // slice k sits at 1.25k mm: slab 2 (10 mm) is slice 8, slab 3 (15 mm) slice 12
        for (int k = 0; k < 17; k++) {
            double f = k * 1.25 / 5, j0 = Math.floor(f), t = f - j0;
            double expected = (1 - t) * fg[(int) j0] + (j0 + 1 < 5 ? t * fg[(int) j0 + 1] : 0);
            assertEquals(expected, back.probabilities().get(1, k * plane + 5), 1.5 / 255, "slice " + k);
            assertEquals(expected > 0.5 ? 1 : 0, back.labels().labels()[k * plane + 5], "slice " + k);
        }
    }

    @Test
    void aSegmenterWithASliceSpacingReadsTheSlabsAndAnswersOnTheSeriesGrid() {
        // a disc in slices 8..15 of 24 thin slices: a 2.5D model asking for 5 mm sees 7 slabs
        Geometry g = Geometry.axial(40, 30, 24, 1, 1, 1.25);
        float[] d = new float[40 * 30 * 24];
        for (int k = 8; k < 16; k++) {
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) d[(k * 30 + y) * 40 + x] = Math.hypot(x - 20, y - 15) < 8 ? 200 : -100;
            }
        }
        Volume v = Volume.of(d, g, "CT");
        SegmenterTest.Threshold net = new SegmenterTest.Threshold();
        Preprocessing pre = new Preprocessing(List.of(new IntensityWindow(50, 300)), false, 0, 64, 16, 1, SliceAxis.Z, 5.0);
        Segmenter seg = new Segmenter(net, pre, SegmenterTest.ONE_CLASS, 1);
        assertEquals(7, seg.asSeen(v).geometry().nz());
        Segmentation s = seg.segment(v, ProgressListener.NONE);
        assertEquals(7, net.calls);
        assertEquals(g, s.labels().geometry());
        int centre = (15 * 40 + 20);
        // slabs centred at -0.625 + 5j mm; the one at 14.375 mm lies wholly in the disc (slices
        // 8..15, 10–18.75 mm), those at -0.625..4.375 and 24.375..29.375 mm wholly outside it
        assertEquals(1, s.labels().labels()[12 * 1200 + centre]);
        assertEquals(0, s.labels().labels()[2 * 1200 + centre]);
        assertEquals(0, s.labels().labels()[22 * 1200 + centre]);
        assertEquals(0, s.labels().labels()[12 * 1200]); // outside the disc
        // a run may override the card and read the 24 slices as they come
        SegmenterTest.Threshold plain = new SegmenterTest.Threshold();
        new Segmenter(plain, pre, SegmenterTest.ONE_CLASS, 1).withSliceSpacing(0).segment(v, ProgressListener.NONE);
        assertEquals(24, plain.calls);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
