package dev.neurite.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurite.data.Dataset;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import dev.neurite.tensor.Matrix;
import org.junit.jupiter.api.Test;

/**
 * RMSE, MAE and R² of each target column against scikit-learn's {@code multioutput="raw_values"}: the
 * numbers are printed by tools/tabular_goldens.py for the same predictions and targets.
 */
class PerTargetMetricsTest {
    static final double[] RMSE_PER_TARGET = {0.2795084971874737, 1.0};
    static final double[] MAE_PER_TARGET = {0.1875, 1.0};
    static final double[] R2_PER_TARGET = {0.9118942731277533, 0.6923076923076923};

    @Test
    void eachTargetsFiguresMatchScikitLearn() {
        Network net = Network.builder(1).bias(false).dense(2, dev.neurite.layer.Activation.Function.IDENTITY).build(1);
        System.arraycopy(new float[] {1, -1}, 0, net.params().get(0).value().data(), 0, 2);   // ŷ = (x, −x)
        Matrix x = Matrix.of(new double[][] {{1}, {2}, {3}, {4}});
        Matrix y = Matrix.of(new double[][] {{1.5, 0}, {2, -3}, {2.75, -2}, {4, -5}});
        Evaluation ev = Evaluation.of(net, Dataset.regression(x, y), Loss.meanSquaredError());
        assertEquals(2, ev.targets());
        for (int k = 0; k < 2; k++) {
            assertEquals(RMSE_PER_TARGET[k], ev.rmse(k), 1e-12);
            assertEquals(MAE_PER_TARGET[k], ev.mae(k), 1e-12);
            assertEquals(R2_PER_TARGET[k], ev.r2(k), 1e-12);
        }
        assertEquals((R2_PER_TARGET[0] + R2_PER_TARGET[1]) / 2, ev.r2(), 1e-12);   // the uniform average, as before
        assertThrows(IllegalArgumentException.class, () -> ev.rmse(2));
    }
}
