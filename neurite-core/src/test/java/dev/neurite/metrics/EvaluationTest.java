package dev.neurite.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurite.data.Dataset;
import dev.neurite.layer.Activation;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import dev.neurite.tensor.Matrix;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    /** A 2-input identity-weight network: it predicts the larger input's index. */
    private static Network argmaxNet() {
        Network net = Network.builder(2).bias(false).dense(2, Activation.Function.SOFTMAX).build(1);
        System.arraycopy(new float[] {1, 0, 0, 1}, 0, net.params().get(0).value().data(), 0, 4);
        return net;
    }

    @Test
    void confusionPrecisionRecallF1() {
        Matrix x = Matrix.of(new double[][] {{1, 0}, {1, 0}, {0, 1}, {0, 1}, {0, 1}});
        Dataset data = Dataset.classification(x, new int[] {0, 1, 1, 1, 0}, 2);
        Evaluation ev = Evaluation.of(argmaxNet(), data);
        assertArrayEquals(new long[] {1, 1}, ev.confusion()[0]);
        assertArrayEquals(new long[] {1, 2}, ev.confusion()[1]);
        assertEquals(0.6, ev.accuracy(), 1e-12);
        assertEquals(0.5, ev.precision(0), 1e-12);
        assertEquals(2.0 / 3, ev.precision(1), 1e-12);
        assertEquals(2.0 / 3, ev.recall(1), 1e-12);
        assertEquals(2.0 / 3, ev.f1(1), 1e-12);
        // the loss is the mean cross-entropy over the five rows
        double p = Math.exp(1) / (Math.exp(1) + 1);
        assertEquals((3 * -Math.log(p) + 2 * -Math.log(1 - p)) / 5, ev.loss(), 1e-6);
    }

    @Test
    void lossIsTheMeanOverChunks() {
        // 2500 rows span three evaluation chunks; the mean must not depend on chunking
        int n = 2500;
        Matrix x = Matrix.zeros(n, 2);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x.set(i, i % 2, 1f);
            y[i] = i % 3 == 0 ? 1 - i % 2 : i % 2;
        }
        Evaluation ev = Evaluation.of(argmaxNet(), Dataset.classification(x, y, 2), Loss.crossEntropy());
        double p = Math.exp(1) / (Math.exp(1) + 1);
        long wrong = 0;
        for (int i = 0; i < n; i++) {
            wrong += i % 3 == 0 ? 1 : 0;
        }
        assertEquals((wrong * -Math.log(1 - p) + (n - wrong) * -Math.log(p)) / n, ev.loss(), 1e-6);
        assertEquals(1 - (double) wrong / n, ev.accuracy(), 1e-12);
    }

    @Test
    void regressionHasNoAccuracyAndMismatchesAreRefused() {
        Network net = Network.of("2-1", 1);
        Evaluation ev = Evaluation.of(net, Dataset.regression(Matrix.zeros(3, 2), Matrix.zeros(3, 1)));
        assertEquals(Double.NaN, ev.accuracy());
        assertThrows(IllegalStateException.class, ev::confusion);
        assertEquals("the network takes 2 inputs but the data has 3 features per row", assertThrows(IllegalArgumentException.class,
                () -> Evaluation.of(net, Dataset.regression(Matrix.zeros(3, 3), Matrix.zeros(3, 1)))).getMessage());
        assertEquals("the network has 1 output but the data has 2 target columns", assertThrows(IllegalArgumentException.class,
                () -> Evaluation.of(net, Dataset.regression(Matrix.zeros(3, 2), Matrix.zeros(3, 2)))).getMessage());
        assertEquals("the network has 1 output but the data has 3 classes", assertThrows(IllegalArgumentException.class,
                () -> Evaluation.of(net, Dataset.classification(Matrix.zeros(3, 2), new int[] {0, 1, 2}, 3))).getMessage());
    }
}
