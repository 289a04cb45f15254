package dev.neurite.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.Dataset;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import dev.neurite.tensor.Matrix;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {
    /** ŷ = 2x, no bias. */
    private static Network doubling() {
        Network net = Network.builder(1).bias(false).dense(1, dev.neurite.layer.Activation.Function.IDENTITY).build(1);
        net.params().get(0).value().data()[0] = 2f;
        return net;
    }

    @Test
    void rmseMaeAndR2ByHand() {
        // ŷ = 2, 4, 6 against y = 2, 5, 5: errors 0, −1, 1; ȳ = 4, Σ(y − ȳ)² = 4 + 1 + 1 = 6
        Dataset data = Dataset.regression(Matrix.of(new double[][] {{1}, {2}, {3}}), Matrix.of(new double[][] {{2}, {5}, {5}}));
        Evaluation ev = Evaluation.of(doubling(), data, Loss.meanSquaredError());
        assertTrue(ev.isRegression());
        assertEquals(Math.sqrt(2.0 / 3), ev.rmse(), 1e-12);
        assertEquals(2.0 / 3, ev.mae(), 1e-12);
        assertEquals(1 - 2.0 / 6, ev.r2(), 1e-12);
        assertEquals(2.0 / 3, ev.loss(), 1e-12);
        assertTrue(Double.isNaN(ev.accuracy()));
    }

    @Test
    void r2AveragesOverTargetsAndIsNaNForAConstantTarget() {
        Network net = Network.builder(1).bias(false).dense(2, dev.neurite.layer.Activation.Function.IDENTITY).build(1);
        System.arraycopy(new float[] {1, -1}, 0, net.params().get(0).value().data(), 0, 2);   // ŷ = (x, −x)
        Matrix x = Matrix.of(new double[][] {{1}, {2}, {3}, {4}});
        // target 1: y = x exactly (R² 1); target 2: y = −x + (1, −1, 1, −1) → Σres = 4, ȳ = −2.5, Σtot = 6.25+0.25+0.25+6.25 = 13
        Matrix y = Matrix.of(new double[][] {{1, 0}, {2, -3}, {3, -2}, {4, -5}});
        Evaluation ev = Evaluation.of(net, Dataset.regression(x, y), Loss.meanSquaredError());
        assertEquals((1 + (1 - 4.0 / 13)) / 2, ev.r2(), 1e-12);
        assertEquals(Math.sqrt(4.0 / 8), ev.rmse(), 1e-12);
        assertEquals(4.0 / 8, ev.mae(), 1e-12);
        Matrix constant = Matrix.of(new double[][] {{1, 7}, {2, 7}, {3, 7}, {4, 7}});
        assertTrue(Double.isNaN(Evaluation.of(net, Dataset.regression(x, constant), Loss.meanSquaredError()).r2()));
    }

    @Test
    void aLabelledSetHasNoRegressionFigures() {
        Dataset data = Dataset.classification(Matrix.of(new double[][] {{1, 0}, {0, 1}}), new int[] {0, 1}, 2);
        Evaluation ev = Evaluation.of(Network.of("2-2softmax", 1), data);
        assertFalse(ev.isRegression());
        assertTrue(Double.isNaN(ev.rmse()) && Double.isNaN(ev.mae()) && Double.isNaN(ev.r2()));
    }
}
