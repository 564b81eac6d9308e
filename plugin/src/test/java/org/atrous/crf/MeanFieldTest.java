package org.atrous.crf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanFieldTest {

    @Test
    void expOfNonPositiveArgumentsIsWithinTwoTenMillionthsAbsolute() {
        double worst = 0;
        for (int k = 0; k <= 2_000_000; k++) {
            float x = -100f * k / 2_000_000;
            float e = MeanField.expNonPositive(x);
            assertTrue(e >= 0f, "negative e^" + x);
            worst = Math.max(worst, Math.abs(e - Math.exp(x)));
        }
        assertTrue(worst < 2e-7, "largest absolute error " + worst);
        assertEquals(1f, MeanField.expNonPositive(0f));
        assertEquals(Math.exp(-1), MeanField.expNonPositive(-1f), 1e-6 * Math.exp(-1));
    }

    @Test
    void softmaxSumsToOneAndKeepsTheOrderOfLogits() {
        int labels = 3;
        int n = 1000;
        float[] logits = new float[labels * n];
        for (int i = 0; i < logits.length; i++) logits[i] = (float) Math.sin(i * 0.37) * 40f;
        float[] q = new float[logits.length];
        MeanField.softmax(logits, q, labels, n);
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < labels; l++) max = Math.max(max, logits[l * n + i]);
            double z = 0;
            for (int l = 0; l < labels; l++) z += Math.exp(logits[l * n + i] - max);
            for (int l = 0; l < labels; l++) {
                sum += q[l * n + i];
                assertEquals(Math.exp(logits[l * n + i] - max) / z, q[l * n + i], 1e-6);
            }
            assertEquals(1.0, sum, 1e-6);
        }
    }
}
