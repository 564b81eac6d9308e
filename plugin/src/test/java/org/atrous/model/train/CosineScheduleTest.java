package org.atrous.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.nio.file.Path;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.PolySchedule;

class CosineScheduleTest {

    @Test
    void fallsAlongHalfACosineToZero() {
        CosineSchedule s = new CosineSchedule(0.002, 1000);
        assertEquals(0.002, s.valueAt(0, 0), 1e-15);
        assertEquals(0.001, s.valueAt(500, 3), 1e-15);
        assertEquals(0.002 * (1 + Math.cos(Math.PI / 4)) / 2, s.valueAt(250, 0), 1e-15);
        assertEquals(0.0, s.valueAt(1000, 0), 1e-15);
        assertEquals(0.0, s.valueAt(5000, 0), 1e-15);
        assertEquals(s, s.clone());
    }

    @Test
    void badSettingsAndNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse("step"));
        assertEquals(LearningRateSchedule.COSINE, LearningRateSchedule.parse(" Cosine"));
        assertInstanceOf(PolySchedule.class, LearningRateSchedule.POLY.schedule(0.1, 10));
    }

    /** A checkpoint must resume on the same schedule, so it has to survive DL4J's JSON. */
    @Test
    void trainerUsesItAndCheckpointsKeepIt(@TempDir Path dir) throws Exception {
        TrainingOptions poly = TrainerTest.options(dir, 2);
        TrainingOptions cosine = new TrainingOptions(2, 15, 8, 32, 0.01, LearningRateSchedule.COSINE, 1e-4, 1.0, 0.5,
                Augmentation.NONE, 0, 42, dir);
        ComputationGraph g = new Trainer(TrainerTest.PRE, TrainerTest.CLASSES, cosine).prepare(TrainerTest.tinyNet());
        File f = dir.resolve("g.zip").toFile();
        ModelSerializer.writeModel(g, f, true);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(f, true);
        assertEquals(new CosineSchedule(0.01, 30), schedule(back));
        assertInstanceOf(PolySchedule.class,
                schedule(new Trainer(TrainerTest.PRE, TrainerTest.CLASSES, poly).prepare(TrainerTest.tinyNet())));
    }

    private static Object schedule(ComputationGraph g) {
        BaseLayer layer = (BaseLayer) g.getLayer("c1").conf().getLayer();
        return ((Adam) layer.getIUpdater()).getLearningRateSchedule();
    }
}
