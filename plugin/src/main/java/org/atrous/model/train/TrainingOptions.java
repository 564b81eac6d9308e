package org.atrous.model.train;

import java.nio.file.Path;

/**
 * How to train.
 *
 * @param epochs          most epochs to run
 * @param itersPerEpoch   minibatches per epoch (nnU-Net counts epochs in iterations, not passes)
 * @param batchSize       patches per minibatch
 * @param patchSize       patch side in pixels on the model's grid
 * @param learningRate    initial Adam learning rate
 * @param schedule        how it decays to zero over epochs × itersPerEpoch minibatches
 * @param weightDecay     decoupled weight decay (AdamW), per learning-rate unit
 * @param diceWeight      weight of the soft Dice term next to cross-entropy
 * @param oversample      fraction of patches centred on a foreground class
 * @param augmentation    random changes per patch
 * @param patience        stop after this many epochs without a better validation Dice (0 = never)
 * @param seed            everything random derives from it: same seed, same model
 * @param checkpointDir   where checkpoints and the training state go (resume reads them back)
 */
public record TrainingOptions(int epochs, int itersPerEpoch, int batchSize, int patchSize, double learningRate,
                              LearningRateSchedule schedule,
                              double weightDecay, double diceWeight, double oversample, Augmentation augmentation,
                              int patience, long seed, Path checkpointDir) {

    public TrainingOptions {
        require(epochs > 0, "epochs must be positive");
        require(itersPerEpoch > 0, "iterations per epoch must be positive");
        require(batchSize > 0, "batch size must be positive");
        require(patchSize >= 16, "patch size must be at least 16");
        require(learningRate > 0, "learning rate must be positive");
        require(schedule != null, "a learning-rate schedule is needed");
        require(weightDecay >= 0, "weight decay cannot be negative");
        require(oversample >= 0 && oversample <= 1, "oversample must be in [0, 1]");
        require(patience >= 0, "patience cannot be negative");
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
