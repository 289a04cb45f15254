package dev.neurite.loss;

import static dev.neurite.check.GradientCheckTest.assertGradientsMatch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.data.OneHot;
import dev.neurite.model.Network;
import dev.neurite.optim.Regularization;
import dev.neurite.tensor.Matrix;
import org.junit.jupiter.api.Test;

class LossTest {
    // logits and one-hot targets of golden.py
    private static final Matrix Z = Matrix.of(new double[][] {{2.0, -1.0, 0.5}, {0.1, 0.2, 0.3}});
    private static final Matrix Y = Matrix.of(new double[][] {{0, 0, 1}, {1, 0, 0}});

    private static void assertGolden(Loss loss, double value, double[] grad) {
        Matrix d = Matrix.zeros(2, 3);
        assertEquals(value, loss.evaluate(Z, Y, d), 1e-6);
        assertEquals(value, loss.value(Z, Y), 1e-6);
        for (int i = 0; i < 6; i++) {
            assertEquals(grad[i], d.data()[i], 1e-7, "gradient element " + i);
        }
    }

    @Test
    void crossEntropyGolden() {
        assertGolden(Loss.crossEntropy(), 1.4716270724432006, new double[] {0.39279851729463794, 0.019556286635343728,
            -0.41235480392998164, -0.3496951973221364, 0.16611249676667364, 0.18358270055546275});
    }

    @Test
    void binaryCrossEntropyGolden() {
        assertGolden(Loss.binaryCrossEntropy(), 0.8685262427774983, new double[] {0.14679951299631372,
            0.04482357022833252, -0.0629234447996909, -0.07917013542017666, 0.09163899955207966, 0.09574041946860984});
    }

    @Test
    void squaredErrorsGolden() {
        assertGolden(Loss.sumOfSquares(), 6.19, new double[] {4, -2, -1, -1.8, 0.4, 0.6});
        assertGolden(Loss.meanSquaredError(), 1.0316666666666667,
                new double[] {4 / 6.0, -2 / 6.0, -1 / 6.0, -1.8 / 6.0, 0.4 / 6.0, 0.6 / 6.0});
    }

    @Test
    void fusedLossesAreFiniteAtExtremeLogits() {
        Matrix z = Matrix.of(new double[][] {{1e4, -1e4, 0}, {-1e4, -1e4, 1e4}, {-1e4, 1e4, -1e4}});
        Matrix y = OneHot.encode(new int[] {1, 0, 1}, 3);
        for (Loss loss : new Loss[] {Loss.crossEntropy(), Loss.binaryCrossEntropy()}) {
            Matrix d = Matrix.zeros(3, 3);
            double v = loss.evaluate(z, y, d);
            assertTrue(Double.isFinite(v), loss.cliName() + " gave " + v);
            for (int i = 0; i < 9; i++) {
                assertTrue(Float.isFinite(d.data()[i]), loss.cliName() + " gradient " + i + " = " + d.data()[i]);
            }
        }
        // rows 0 and 1 are confidently wrong by 2e4 each: the loss says so instead of overflowing
        assertEquals(4e4 / 3, Loss.crossEntropy().value(z, y), 1e-6);
    }

    @Test
    void everyLossGradientMatchesNumeric() {
        Matrix x = TestData.uniform(5, 4, -1, 1, 1);
        Matrix onehot = OneHot.encode(TestData.labels(5, 3, 2), 3);
        assertGradientsMatch(Network.of("4-6tanh-3softmax", 1), Loss.crossEntropy(), Regularization.NONE, x, onehot);
        assertGradientsMatch(Network.of("4-6tanh-3", 1), Loss.crossEntropy(), Regularization.NONE, x, onehot);
        assertGradientsMatch(Network.of("4-6tanh-3sigmoid", 1), Loss.binaryCrossEntropy(), Regularization.NONE, x, onehot);
        assertGradientsMatch(Network.of("4-6tanh-3sigmoid", 1), Loss.sumOfSquares(), Regularization.NONE, x, onehot);
        assertGradientsMatch(Network.of("4-6relu-3", 1), Loss.meanSquaredError(), Regularization.NONE, x, onehot);
        // cross-entropy through an explicit softmax layer with a non-fused loss path: MSE on probabilities
        assertGradientsMatch(Network.of("4-6tanh-3softmax", 1), Loss.meanSquaredError(), Regularization.NONE, x, onehot);
    }

    @Test
    void fusedLossRefusesAMismatchedOutput() {
        Network net = Network.of("4-3sigmoid", 1);
        var e = assertThrows(IllegalArgumentException.class,
                () -> net.forward(Matrix.zeros(1, 4), dev.neurite.layer.Mode.INFERENCE, Loss.crossEntropy()));
        assertEquals("cross-entropy applies softmax itself: the network must end in softmax or be linear, it ends in sigmoid",
                e.getMessage());
    }

    @Test
    void shapesMustAgree() {
        var e = assertThrows(IllegalArgumentException.class, () -> Loss.crossEntropy().value(Z, Matrix.zeros(2, 4)));
        assertEquals("output (2, 3) and targets (2, 4) differ in shape", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Loss.meanSquaredError().value(Matrix.zeros(0, 3), Matrix.zeros(0, 3)));
        assertThrows(IllegalArgumentException.class, () -> Loss.parse("hinge"));
        assertEquals(Loss.crossEntropy(), Loss.parse("cross-entropy"));
    }
}
