package org.atrous.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

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
}
