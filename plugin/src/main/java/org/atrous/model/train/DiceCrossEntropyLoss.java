package org.atrous.model.train;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Cross-entropy plus soft Dice, the loss nnU-Net trains with: cross-entropy gives every pixel a
 * gradient, Dice keeps small structures (tumours, hippocampus) from drowning in background.
 * {@code L = mean CE + w · (1 − mean over foreground classes of soft Dice)}, Dice computed over
 * the whole minibatch ("batch Dice"), since DL4J's CNN loss layer hands pixels over as rows
 * of a [pixels, classes] matrix. Works on softmax output only.
 *
 * <p>Cross-entropy may weight classes ({@code w_y · −log p_y} per pixel, the mean still over
 * pixels), so that missing a rare class's pixel (a tumour's) costs more than adding one; by
 * default every class weighs 1.
 */
public class DiceCrossEntropyLoss implements ILossFunction {

    private static final double SMOOTH = 1e-5;
    private static final double CLIP = 1e-10;

    @JsonProperty
    private double diceWeight = 1.0;
    /** Cross-entropy weight per class, background first; null: all 1. */
    @JsonProperty
    private double[] classWeights;

    public DiceCrossEntropyLoss() { }

    public DiceCrossEntropyLoss(@JsonProperty("diceWeight") double diceWeight) {
        this.diceWeight = diceWeight;
    }

    public DiceCrossEntropyLoss(double diceWeight, double[] classWeights) {
        this.diceWeight = diceWeight;
        this.classWeights = classWeights == null ? null : classWeights.clone();
    }

    public double getDiceWeight() { return diceWeight; }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask, boolean average) {
        INDArray p = probabilities(preOutput, fn);
        INDArray y = masked(labels, mask);
        double ce = weighted(crossEntropyRows(y, p), y).sumNumber().doubleValue();
        double rows = rows(labels, mask);
        double score = (average ? ce / rows : ce) + diceWeight * diceLoss(y, p, mask) * (average ? 1 : rows);
        return score;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask) {
        INDArray p = probabilities(preOutput, fn);
        INDArray y = masked(labels, mask);
        return weighted(crossEntropyRows(y, p), y).addi(diceWeight * diceLoss(y, p, mask));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask) {
        INDArray p = probabilities(preOutput, fn);
        INDArray y = masked(labels, mask);
        // d(sum of CE)/dz for softmax is simply p − y; DL4J divides by the minibatch itself.
        INDArray grad = classWeights == null ? p.sub(y) : p.sub(y).muliColumnVector(rowWeights(y));
        if (mask != null) grad.muliColumnVector(mask.reshape(mask.length(), 1).castTo(grad.dataType()));
        INDArray dDice = diceGradient(y, p, mask).muli(diceWeight * rows(labels, mask));
        return grad.addi(softmaxBackprop(p, dDice));
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation fn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, fn, mask, average),
                computeGradient(labels, preOutput, fn, mask));
    }

    @Override
    public String name() {
        return "DiceCrossEntropy(" + diceWeight + (classWeights == null ? "" : ", " + java.util.Arrays.toString(classWeights))
                + ")";
    }

    @Override
    public String toString() { return name(); }

    private static INDArray probabilities(INDArray preOutput, IActivation fn) {
        if (!(fn instanceof ActivationSoftmax)) {
            throw new IllegalStateException("Dice + cross-entropy needs a softmax output, not " + fn);
        }
        return fn.getActivation(preOutput.dup(), true);
    }

    private static INDArray masked(INDArray labels, INDArray mask) {
        if (mask == null) return labels;
        return labels.mulColumnVector(mask.reshape(mask.length(), 1).castTo(labels.dataType()));
    }

    private static double rows(INDArray labels, INDArray mask) {
        return mask == null ? labels.size(0) : Math.max(1, mask.sumNumber().doubleValue());
    }

    /** Each row's value times its class's weight. */
    private INDArray weighted(INDArray perRow, INDArray y) {
        return classWeights == null ? perRow : perRow.muli(rowWeights(y).reshape(perRow.shape()));
    }

    /** w_y per row, as a column. */
    private INDArray rowWeights(INDArray y) {
        if (classWeights.length != y.size(1)) {
            throw new IllegalStateException(classWeights.length + " class weights for " + y.size(1) + " classes");
        }
        INDArray w = Nd4j.createFromArray(classWeights).castTo(y.dataType()).reshape(classWeights.length, 1);
        return y.mmul(w);
    }

    /** −Σ_c y log p per row. */
    private static INDArray crossEntropyRows(INDArray y, INDArray p) {
        return Transforms.log(Transforms.max(p, CLIP, true), false).muli(y).sum(1).negi();
    }

    /** 1 − mean soft Dice over classes 1..C−1, sums taken over all (unmasked) rows. */
    private static double diceLoss(INDArray y, INDArray p, INDArray mask) {
        INDArray pm = mask == null ? p : p.mulColumnVector(mask.reshape(mask.length(), 1).castTo(p.dataType()));
        INDArray inter = pm.mul(y).sum(0), denom = pm.sum(0).addi(y.sum(0));
        long classes = p.size(1);
        double sum = 0;
        for (int c = 1; c < classes; c++) {
            sum += (2 * inter.getDouble(c) + SMOOTH) / (denom.getDouble(c) + SMOOTH);
        }
        return 1 - sum / (classes - 1);
    }

    /** d(dice loss)/dp per element: −(1/(C−1)) dD_c/dp_ic, zero for background and masked rows. */
    private static INDArray diceGradient(INDArray y, INDArray p, INDArray mask) {
        INDArray pm = mask == null ? p : p.mulColumnVector(mask.reshape(mask.length(), 1).castTo(p.dataType()));
        INDArray inter = pm.mul(y).sum(0), denom = pm.sum(0).addi(y.sum(0)).addi(SMOOTH);
        long classes = p.size(1);
        // dD/dp = (2 y S − (2 I + s)) / S²
        INDArray num = y.mul(2).mulRowVector(denom).subiRowVector(inter.mul(2).addi(SMOOTH));
        INDArray g = num.diviRowVector(denom.mul(denom)).muli(-1.0 / (classes - 1));
        g.getColumn(0).assign(0);
        if (mask != null) g.muliColumnVector(mask.reshape(mask.length(), 1).castTo(g.dataType()));
        return g;
    }

    /** Chain rule through softmax: dL/dz_i = p_i (g_i − Σ_j p_j g_j). */
    private static INDArray softmaxBackprop(INDArray p, INDArray g) {
        INDArray dot = p.mul(g).sum(true, 1);
        return g.subColumnVector(dot).muli(p);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiceCrossEntropyLoss d && d.diceWeight == diceWeight
                && java.util.Arrays.equals(d.classWeights, classWeights);
    }

    @Override
    public int hashCode() { return 31 * Double.hashCode(diceWeight) + java.util.Arrays.hashCode(classWeights); }

}
