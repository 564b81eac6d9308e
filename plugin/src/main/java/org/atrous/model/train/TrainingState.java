package org.atrous.model.train;

import java.util.ArrayList;
import java.util.List;

/**
 * What a checkpoint needs besides the weights to resume exactly: the epochs done, the best
 * validation Dice so far and when it was reached. Stored as JSON next to the checkpoint.
 */
public final class TrainingState {
    public int epochsDone;
    public double bestDice = -1;
    public int bestEpoch = -1;
    public long seed;
    public List<EpochRecord> history = new ArrayList<>();
}
