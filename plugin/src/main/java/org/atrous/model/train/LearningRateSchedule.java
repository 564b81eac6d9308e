package org.atrous.model.train;

import java.util.Locale;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** How the learning rate decays over a run: DeepLab's poly rule or cosine annealing. */
public enum LearningRateSchedule {
    /** {@code lr · (1 − t)^0.9}, as DeepLab and nnU-Net train. */
    POLY,
    /** {@code lr · (1 + cos πt) / 2}. */
    COSINE;

    /** The ND4J schedule for a run of {@code totalIterations} minibatches. */
    public ISchedule schedule(double initial, int totalIterations) {
        return this == POLY ? new PolySchedule(ScheduleType.ITERATION, initial, 0.9, totalIterations)
                : new CosineSchedule(initial, totalIterations);
    }

    /** "poly" or "cosine", any case. */
    public static LearningRateSchedule parse(String name) {
        for (LearningRateSchedule s : values()) if (s.name().equalsIgnoreCase(name.trim())) return s;
        throw new IllegalArgumentException("learning-rate schedule must be poly or cosine, not \"" + name + "\"");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
