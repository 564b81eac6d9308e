package org.atrous.model.train;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Cosine annealing (Loshchilov and Hutter, SGDR, without restarts): the learning rate falls from
 * its initial value to zero along half a cosine over {@code maxIter} iterations, and stays at
 * zero after. ND4J ships poly, step and exponential schedules but no cosine one. Stored in the
 * model's configuration (the Jackson properties below), so a checkpoint resumes on it.
 */
public final class CosineSchedule implements ISchedule {

    @JsonProperty private final double initialValue;
    @JsonProperty private final int maxIter;

    public CosineSchedule(@JsonProperty("initialValue") double initialValue, @JsonProperty("maxIter") int maxIter) {
        if (!(initialValue > 0) || Double.isInfinite(initialValue)) {
            throw new IllegalArgumentException("initial value must be positive: " + initialValue);
        }
        if (maxIter <= 0) throw new IllegalArgumentException("iterations must be positive: " + maxIter);
        this.initialValue = initialValue;
        this.maxIter = maxIter;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double t = Math.min(1.0, Math.max(0, iteration) / (double) maxIter);
        return initialValue * 0.5 * (1 + Math.cos(Math.PI * t));
    }

    @Override
    public CosineSchedule clone() {
        return new CosineSchedule(initialValue, maxIter);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CosineSchedule c && c.initialValue == initialValue && c.maxIter == maxIter;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(initialValue) * 31 + maxIter;
    }

    @Override
    public String toString() {
        return "CosineSchedule(" + initialValue + ", " + maxIter + ")";
    }
}
