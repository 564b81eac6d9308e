package org.atrous.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.atrous.crf.CrfMode;
import org.atrous.crf.CrfParams;
import org.atrous.dicom.CodedConcept;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;
import org.atrous.model.IntensityWindow;
import org.atrous.model.PixelClassifier;
import org.atrous.model.Preprocessing;
import org.atrous.model.Segmenter;
import org.atrous.progress.ProgressListener;
import org.atrous.quality.NoiseRange;
import org.junit.jupiter.api.Test;

/** The pipeline measures a CT's noise level and warns outside the model's validated range. */
class PipelineNoiseCheckTest {

    private static final List<SegmentClass> ORGAN = List.of(new SegmentClass(1, "liver", new int[] {255, 0, 0},
            SegmentClass.ANATOMICAL_STRUCTURE, CodedConcept.sct("10200004", "Liver")));

    /** Calls everything background: the check does not depend on the network. */
    private static final PixelClassifier BACKGROUND = new PixelClassifier() {
        @Override public int classes() { return 2; }
        @Override public float[] predict(float[] in, int batch, int channels, int h, int w) {
            float[] out = new float[batch * 2 * h * w];
            for (int b = 0; b < batch; b++) java.util.Arrays.fill(out, b * 2 * h * w, b * 2 * h * w + h * w, 1f);
            return out;
        }
    };

    private static Volume tissue(double noiseSd) {
        return tissue(noiseSd, 2, 5);
    }

    private static Volume tissue(double noiseSd, int nz, double sliceMm) {
        int n = 96;
        float[] d = new float[n * n * nz];
        Random r = new Random(2);
        for (int i = 0; i < d.length; i++) d[i] = (float) (50 + noiseSd * r.nextGaussian());
        return Volume.of(d, Geometry.axial(n, n, nz, 0.8, 0.8, sliceMm), "CT");
    }

    private static PipelineResult run(Volume v, NoiseRange range, List<String> log) {
        return run(v, new Preprocessing(List.of(new IntensityWindow(40, 400)), false, 0, 64, 16, 0), range, log);
    }

    private static PipelineResult run(Volume v, Preprocessing pre, NoiseRange range, List<String> log) {
        return run(v, pre, range, null, log);
    }

    private static PipelineResult run(Volume v, Preprocessing pre, NoiseRange range, String orientation, List<String> log) {
        return run(v, pre, range, orientation, null, log);
    }

    private static PipelineResult run(Volume v, Preprocessing pre, NoiseRange range, String orientation, String modality,
                                      List<String> log) {
        Segmenter s = new Segmenter(BACKGROUND, pre, ORGAN, 4).withNoiseRange(range, "test-model 1.0")
                .withOrientation(orientation).withModality(modality);
        ProgressListener listener = new ProgressListener() {
            @Override public void progress(String stage, double fraction) { }
            @Override public void log(String message) { log.add(message); }
        };
        return new Pipeline(s, new PipelineOptions(CrfMode.OFF, CrfParams.defaults(), 4)).run(v, listener);
    }

    /** The HU figure of "noise level 12.3 HU ...". */
    private static double level(String message) {
        return Double.parseDouble(message.substring("noise level ".length(), message.indexOf(" HU")));
    }

    @Test
    void aNoisierSeriesIsSegmentedWithAWarning() {
        List<String> log = new ArrayList<>();
        PipelineResult r = run(tissue(30), new NoiseRange(9, 18), log);
        assertEquals(1, r.warnings().size());
        String w = r.warnings().get(0);
        assertEquals(30, level(w), 1.5, w);
        assertTrue(w.contains("is above the 9.0-18.0 HU that test-model 1.0 was validated on"), w);
        assertTrue(log.contains("warning: " + w), log.toString());
        assertEquals(96 * 96 * 2, r.labels().labels().length, "still segmented");
    }

    @Test
    void aSeriesInsideTheRangeOnlyLogsItsLevel() {
        List<String> log = new ArrayList<>();
        PipelineResult r = run(tissue(12), new NoiseRange(9, 18), log);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        String line = log.stream().filter(m -> m.startsWith("noise level")).findFirst().orElseThrow();
        assertEquals(12, level(line), 1, line);
        assertTrue(line.endsWith("(test-model 1.0 validated on 9.0-18.0 HU)"), line);
        assertEquals(level(line), r.noiseLevelHu(), 0.05);
        List<String> below = new ArrayList<>();
        assertTrue(run(tissue(4), new NoiseRange(9, 18), below).warnings().get(0).contains("below"));
    }

    @Test
    void withoutARangeACtIsMeasuredWithoutWarningAndAnMrNotAtAll() {
        List<String> log = new ArrayList<>();
        PipelineResult ct = run(tissue(30), null, log);
        assertTrue(ct.warnings().isEmpty());
        assertEquals(30, ct.noiseLevelHu(), 1.5);
        assertTrue(log.contains(String.format(java.util.Locale.ROOT, "noise level %.1f HU", ct.noiseLevelHu())), log.toString());
        Volume t = tissue(30);
        Volume mr = Volume.of(t.data(), t.geometry(), "MR");
        List<String> mrLog = new ArrayList<>();
        assertTrue(Double.isNaN(run(mr, null, mrLog).noiseLevelHu()));
        assertTrue(mrLog.stream().noneMatch(m -> m.contains("noise level")), mrLog.toString());
    }

    @Test
    void aThinSeriesIsCheckedAsTheModelReadsItAtItsTrainedSliceSpacing() {
        // 1.25 mm slices with 30 HU of independent noise, read by a 2.5D model trained at 5 mm:
        // inner slabs weigh their slices 1/8, 1/4, 1/4, 1/4, 1/8, so the slabs carry about 14 HU
        Preprocessing pre = new Preprocessing(List.of(new IntensityWindow(40, 400)), false, 0, 64, 16, 1,
                org.atrous.model.SliceAxis.Z, 5.0);
        List<String> log = new ArrayList<>();
        PipelineResult r = run(tissue(30, 33, 1.25), pre, new NoiseRange(9, 18), log);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        assertEquals(30 * Math.sqrt(3.0 / 16 + 2.0 / 64), r.noiseLevelHu(), 1.5);
        assertTrue(log.contains("reading 33 slices of 1.25 mm as 9 of 5.00 mm, the spacing test-model 1.0 was trained on"),
                log.toString());
        String acquired = log.stream().filter(m -> m.endsWith("HU as acquired")).findFirst().orElseThrow();
        assertEquals(30, level(acquired), 1.5, acquired);
        assertEquals(96 * 96 * 33, r.labels().labels().length, "labels on the series' own slices");
    }

    @Test
    void aCoronalSeriesIsTurnedToTheModelsOrientationAndSaysSo() {
        // 96 columns (L) x 12 rows of 5 mm (I) x 40 slices of 1.25 mm (P): read as 12 axial slices
        Volume t = tissue(30, 40, 1.25);
        float[] d = java.util.Arrays.copyOf(t.data(), 96 * 12 * 40);
        Geometry coronal = new Geometry(new int[] {96, 12, 40}, new double[] {0.8, 5, 1.25}, new double[3],
                new double[] {1, 0, 0, 0, 0, -1, 0, 1, 0});
        Preprocessing pre = new Preprocessing(List.of(new IntensityWindow(40, 400)), false, 0, 64, 16, 1,
                org.atrous.model.SliceAxis.Z, 5.0);
        List<String> log = new ArrayList<>();
        PipelineResult r = run(Volume.of(d, coronal, "CT"), pre, null, "LPS", log);
        assertTrue(log.contains("turning the series from LIP to LPS, the orientation test-model 1.0 was trained on"),
                log.toString());
        // turned, its axial slices are the 12 rows, 5 mm apart: no slabs needed
        assertTrue(log.stream().noneMatch(m -> m.startsWith("reading")), log.toString());
        assertEquals(coronal, r.labels().geometry());
    }

    /** 96 × 96 × 4 tissue whose rows and slices are turned by {@code degrees} about the x axis. */
    private static Volume tilted(double degrees) {
        double c = Math.cos(Math.toRadians(degrees)), s = Math.sin(Math.toRadians(degrees));
        Volume t = tissue(12, 4, 5);
        return Volume.of(t.data(), new Geometry(new int[] {96, 96, 4}, new double[] {0.8, 0.8, 5}, new double[3],
                new double[] {1, 0, 0, 0, c, -s, 0, s, c}), "CT");
    }

    @Test
    void anObliqueSeriesIsSegmentedWithAWarningWhenTheModelNamesItsOrientation() {
        Preprocessing pre = new Preprocessing(List.of(new IntensityWindow(40, 400)), false, 0, 64, 16, 0);
        List<String> log = new ArrayList<>();
        PipelineResult r = run(tilted(35), pre, null, "LPS", log);
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).startsWith("the series is oblique: its axes lie up to 35 degrees"), r.warnings().get(0));
        assertTrue(log.contains("warning: " + r.warnings().get(0)), log.toString());
        assertTrue(run(tilted(15), pre, null, "LPS", new ArrayList<>()).warnings().isEmpty(), "a gantry tilt of 15 degrees");
        assertTrue(run(tilted(35), pre, null, null, new ArrayList<>()).warnings().isEmpty(), "no orientation on the card");
    }

    @Test
    void aSeriesOfAnotherModalityIsSegmentedWithAWarningAndNoNoiseCheck() {
        Preprocessing pre = new Preprocessing(List.of(new IntensityWindow(40, 400)), false, 0, 64, 16, 0);
        Volume t = tissue(30);
        List<String> log = new ArrayList<>();
        PipelineResult mr = run(Volume.of(t.data(), t.geometry(), "MR"), pre, new NoiseRange(9, 18), null, "CT", log);
        assertEquals(List.of("the series is MR and test-model 1.0 was trained on CT; expect meaningless labels"),
                mr.warnings());
        assertTrue(log.contains("warning: " + mr.warnings().get(0)), log.toString());
        assertTrue(log.stream().noneMatch(m -> m.contains("noise level")), "HU noise of an MR means nothing: " + log);
        assertTrue(Double.isNaN(mr.noiseLevelHu()));
        assertEquals(96 * 96 * 2, mr.labels().labels().length, "still segmented");
        // the model's own modality, a series naming none (NIfTI), and a model naming none: no warning
        assertEquals(1, run(t, pre, new NoiseRange(9, 18), null, "CT", new ArrayList<>()).warnings().size(), "only the noise");
        assertTrue(run(Volume.of(t.data(), t.geometry(), ""), pre, null, null, "CT", new ArrayList<>()).warnings().isEmpty());
        assertTrue(run(Volume.of(t.data(), t.geometry(), "MR"), pre, null, null, null, new ArrayList<>()).warnings().isEmpty());
    }

    @Test
    void aBadRangeIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new NoiseRange(18, 9));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new NoiseRange(-1, 9));
    }
}
