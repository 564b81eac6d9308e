package org.atrous.model.train;

/** One epoch of training: mean loss, validation Dice per foreground class, and its duration. */
public record EpochRecord(int epoch, double loss, double[] validationDice, double meanDice, double seconds) {
}
