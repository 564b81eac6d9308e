package org.atrous.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.junit.jupiter.api.Test;

class PatchSamplerTest {

    private static PatchSampler sampler() {
        return new PatchSampler(List.of(TrainerTest.syntheticCase(1), TrainerTest.syntheticCase(2)), TrainerTest.PRE,
                3, 32, 1.0, Augmentation.NONE);
    }

    private static double shareOfLesion(PatchSampler s) {
        SplittableRandom rnd = new SplittableRandom(9);
        int lesion = 0, draws = 20_000;
        for (int i = 0; i < draws; i++) if (s.randomPresentClass(rnd) == 2) lesion++;
        return lesion / (double) draws;
    }

    @Test
    void foregroundClassesAreDrawnUniformlyByDefault() {
        assertEquals(0.5, shareOfLesion(sampler()), 0.02);
    }

    @Test
    void classWeightsSetTheShareOfPatchesCentredOnEachClass() {
        assertEquals(0.8, shareOfLesion(sampler().classWeight(2, 4)), 0.02);
        assertEquals(0.0, shareOfLesion(sampler().classWeight(2, 0)), 0.0);
        assertEquals(1.0, shareOfLesion(sampler().classWeight(1, 0)), 0.0);
    }

    @Test
    void badWeightsAndUnknownClassNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> sampler().classWeight(3, 1));
        assertThrows(IllegalArgumentException.class, () -> sampler().classWeight(1, -1));
        assertThrows(IllegalArgumentException.class, () -> sampler().classWeight(1, Double.NaN));
        Trainer t = new Trainer(TrainerTest.PRE, TrainerTest.CLASSES, TrainerTest.options(java.nio.file.Path.of("unused"), 1));
        assertThrows(IllegalArgumentException.class, () -> t.classWeights(Map.of("tumour", 2.0)));
        t.classWeights(Map.of("Lesion", 2.0));
    }

    /** A 64×64×8 case: a 16×16×8 lesion near one corner and a 2×2×1 one near the other. */
    private static TrainingCase bigAndSmallLesion() {
        int n = 64, nz = 8;
        float[] img = new float[n * n * nz];
        byte[] lab = new byte[img.length];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    boolean big = x >= 4 && x < 20 && y >= 4 && y < 20;
                    boolean small = z == 3 && x >= 50 && x < 52 && y >= 50 && y < 52;
                    lab[(z * n + y) * n + x] = (byte) (big || small ? 2 : 0);
                }
            }
        }
        Geometry g = Geometry.axial(n, n, nz, 1, 1, 3);
        return new TrainingCase("lesions", Volume.of(img, g, "CT"), new LabelVolume(lab, g, TrainerTest.CLASSES));
    }

    /** Share of patches (all centred on class 2) that hold at most 4 lesion pixels: the small lesion's. */
    private static double shareOnSmallLesion(PatchSampler s) {
        int patch = 16, pp = patch * patch, draws = 400, small = 0;
        SplittableRandom rnd = new SplittableRandom(4);
        for (int b = 0; b < draws / 8; b++) {
            float[] out = s.batch(rnd, 8)[1];
            for (int i = 0; i < 8; i++) {
                int lesionPixels = 0;
                for (int p = 0; p < pp; p++) if (out[(i * 3 + 2) * pp + p] > 0.5f) lesionPixels++;
                if (lesionPixels > 0 && lesionPixels <= 4) small++;
            }
        }
        return small / (double) draws;
    }

    @Test
    void perLesionSamplingCentresSmallLesionsAsOftenAsLargeOnes() {
        List<TrainingCase> one = List.of(bigAndSmallLesion());
        PatchSampler bySlice = new PatchSampler(one, TrainerTest.PRE, 3, 16, 1.0, Augmentation.NONE);
        PatchSampler byLesion = new PatchSampler(one, TrainerTest.PRE, 3, 16, 1.0, Augmentation.NONE).perLesion(2);
        assertEquals(-1, bySlice.lesionCount(2));
        assertEquals(2, byLesion.lesionCount(2));
        // by slice: the small lesion is 4 of 2052 voxels on one of 8 slices
        assertEquals(0.0, shareOnSmallLesion(bySlice), 0.02);
        assertEquals(0.5, shareOnSmallLesion(byLesion), 0.08);
        assertThrows(IllegalArgumentException.class, () -> bySlice.perLesion(3));
    }

    /** A stack outlined on some slices: patches come from those only; validation scores those only. */
    @Test
    void onlyAnnotatedSlicesAreDrawnAndScored() {
        TrainingCase whole = TrainerTest.syntheticCase(1);
        int nz = whole.image().geometry().nz();
        boolean[] on = new boolean[nz];
        on[0] = on[nz - 1] = true;
        TrainingCase sparse = new TrainingCase("sparse", whole.image(), whole.labels(), on);
        assertEquals(nz, new PatchSampler(List.of(whole), TrainerTest.PRE, 3, 16, 0.5, Augmentation.NONE).slicesToDraw());
        assertEquals(2, new PatchSampler(List.of(sparse), TrainerTest.PRE, 3, 16, 0.5, Augmentation.NONE).slicesToDraw());
        byte[] cleared = sparse.onAnnotated(whole.labels().labels());
        int plane = whole.image().geometry().nx() * whole.image().geometry().ny();
        for (int z = 0; z < nz; z++) {
            for (int i = z * plane; i < (z + 1) * plane; i++) {
                assertEquals(on[z] ? whole.labels().labels()[i] : 0, cleared[i]);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> sparse.viewedAlong(org.atrous.model.SliceAxis.X),
                "a sparsely annotated stack trains across z only");
    }
}
