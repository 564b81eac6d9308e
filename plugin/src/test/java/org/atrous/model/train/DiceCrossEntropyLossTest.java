package org.atrous.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DiceCrossEntropyLossTest {

    @Test
    void gradientMatchesFiniteDifferencesOfTheScore() {
        checkGradient(new DiceCrossEntropyLoss(0.7));
    }

    @Test
    void withClassWeightsTooAndAllOnesIsTheUnweightedLoss() {
        checkGradient(new DiceCrossEntropyLoss(0.7, new double[] {1, 1, 3.5}));
        INDArray lab = Nd4j.create(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new long[] {3, 3}, 'c');
        INDArray pre = Nd4j.create(new double[] {0.3, -1, 2, 1, 0.2, -0.4, -2, 0.5, 0.1}, new long[] {3, 3}, 'c');
        ActivationSoftmax softmax = new ActivationSoftmax();
        assertEquals(new DiceCrossEntropyLoss(0.7).computeScore(lab, pre, softmax, null, true),
                new DiceCrossEntropyLoss(0.7, new double[] {1, 1, 1}).computeScore(lab, pre, softmax, null, true), 1e-12);
        // a weight of 3 on class 2 triples its pixel's cross-entropy: the third row's
        double plain = new DiceCrossEntropyLoss(0).computeScoreArray(lab, pre, softmax, null).getDouble(2);
        double heavy = new DiceCrossEntropyLoss(0, new double[] {1, 1, 3}).computeScoreArray(lab, pre, softmax, null)
                .getDouble(2);
        assertEquals(3 * plain, heavy, 1e-9);
    }

    private static void checkGradient(DiceCrossEntropyLoss loss) {
        int rows = 7, classes = 3;
        SplittableRandom rnd = new SplittableRandom(11);
        double[] z = new double[rows * classes], y = new double[rows * classes];
        for (int i = 0; i < z.length; i++) z[i] = rnd.nextDouble() * 4 - 2;
        for (int r = 0; r < rows; r++) y[r * classes + rnd.nextInt(classes)] = 1;
        INDArray pre = Nd4j.create(z, new long[] {rows, classes}, 'c');
        INDArray lab = Nd4j.create(y, new long[] {rows, classes}, 'c');
        ActivationSoftmax softmax = new ActivationSoftmax();
        INDArray grad = loss.computeGradient(lab, pre, softmax, null);
        double h = 1e-6;
        for (int i = 0; i < z.length; i++) {
            double[] plus = z.clone(), minus = z.clone();
            plus[i] += h;
            minus[i] -= h;
            double fp = loss.computeScore(lab, Nd4j.create(plus, new long[] {rows, classes}, 'c'), softmax, null, false);
            double fm = loss.computeScore(lab, Nd4j.create(minus, new long[] {rows, classes}, 'c'), softmax, null, false);
            double numeric = (fp - fm) / (2 * h);
            assertEquals(numeric, grad.getDouble(i / classes, i % classes), 1e-5, "element " + i);
        }
    }

    @Test
    void perfectPredictionScoresNearZero() {
        INDArray lab = Nd4j.create(new double[] {1, 0, 0, 1, 0, 1}, new long[] {3, 2}, 'c');
        INDArray pre = lab.mul(40).subi(20); // softmax of ±20: essentially one-hot
        double score = new DiceCrossEntropyLoss(1).computeScore(lab, pre, new ActivationSoftmax(), null, true);
        assertEquals(0, score, 1e-6);
    }
}
