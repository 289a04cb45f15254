package dev.neurite.layer;

import static dev.neurite.check.GradientCheckTest.assertGradientsMatch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurite.TestData;
import dev.neurite.layer.Activation.Function;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import dev.neurite.optim.Regularization;
import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Rng;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LayerTest {
    @Test
    void denseForwardGolden() {
        Dense d = new Dense(0, 2, 3, true, Init.UNIT_UNIFORM, new Rng(1));
        System.arraycopy(new float[] {1, 2, 3, 4, 5, 6}, 0, d.weight().value().data(), 0, 6); // W: (2,3)
        System.arraycopy(new float[] {0.5f, -1, 0}, 0, d.bias().value().data(), 0, 3);
        Matrix z = d.forward(Matrix.of(new double[][] {{1, 1}, {2, -1}}), Mode.INFERENCE);
        assertArrayEquals(new float[] {5.5f, 6, 9, -1.5f, -2, 0}, Arrays.copyOf(z.data(), 6));
        Matrix dX = d.backward(Matrix.of(new double[][] {{1, 0, 0}, {0, 0, 1}}), true);
        assertArrayEquals(new float[] {1, 4, 3, 6}, Arrays.copyOf(dX.data(), 4));      // dZ · Wᵀ
        assertArrayEquals(new float[] {1, 0, 2, 1, 0, -1}, Arrays.copyOf(d.weight().grad().data(), 6)); // xᵀ · dZ
        assertArrayEquals(new float[] {1, 0, 1}, Arrays.copyOf(d.bias().grad().data(), 3));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7})
    void denseHandlesBatchOfOneAndOddBatches(int batch) {
        Dense d = new Dense(0, 5, 3, false, Init.XAVIER_UNIFORM, new Rng(2));
        Matrix z = d.forward(TestData.uniform(batch, 5, -1, 1, 3), Mode.INFERENCE);
        assertEquals(batch, z.rows());
        assertEquals(3, z.cols());
        assertEquals(batch, d.backward(Matrix.zeros(batch, 3), true).rows());
        assertNull(d.bias());
        assertNull(d.backward(Matrix.zeros(batch, 3), false));
    }

    @Test
    void denseGradientsMatchNumeric() {
        Network net = Network.builder(4).dense(3, Function.IDENTITY).build(5);
        assertGradientsMatch(net, Loss.meanSquaredError(), Regularization.NONE, TestData.uniform(6, 4, -1, 1, 1),
                TestData.uniform(6, 3, -1, 1, 2));
        Network noBias = Network.builder(4).bias(false).dense(3, Function.IDENTITY).build(5);
        assertGradientsMatch(noBias, Loss.sumOfSquares(), Regularization.NONE, TestData.uniform(3, 4, -1, 1, 1),
                TestData.uniform(3, 3, -1, 1, 2));
    }

    @ParameterizedTest
    @EnumSource(Function.class)
    void everyActivationGradientMatchesNumeric(Function f) {
        // dense → f → dense, so that the activation's backward feeds a parameter's gradient
        Network net = Network.builder(3).dense(5, f).dense(2, Function.IDENTITY).build(9);
        assertGradientsMatch(net, Loss.meanSquaredError(), Regularization.NONE, TestData.uniform(4, 3, -1, 1, 4),
                TestData.uniform(4, 2, -1, 1, 5));
    }

    @Test
    void activationGoldenValues() {
        Matrix z = Matrix.of(new double[][] {{-2, 0, 1.5}});
        assertArrayEquals(new float[] {0.11920292f, 0.5f, 0.81757448f}, out(Function.SIGMOID, z), 1e-7f);
        assertArrayEquals(new float[] {-0.96402758f, 0f, 0.90514825f}, out(Function.TANH, z), 1e-7f);
        assertArrayEquals(new float[] {0f, 0f, 1.5f}, out(Function.RELU, z));
        assertArrayEquals(new float[] {-0.02f, 0f, 1.5f}, out(Function.LEAKY_RELU, z));
        assertArrayEquals(new float[] {-2f, 0f, 1.5f}, out(Function.IDENTITY, z));
        assertArrayEquals(new float[] {0.0240937682868484f, 0.17803020550615903f, 0.7978760262069925f}, out(Function.SOFTMAX, z), 1e-7f);
    }

    private static float[] out(Function f, Matrix z) {
        return Arrays.copyOf(new Activation(f, 3).forward(z, Mode.INFERENCE).data(), 3);
    }

    @Test
    void dropoutKeepsTheExpectedMeanAndDropsTheRate() {
        Dropout d = new Dropout(1000, 0.3);
        Matrix x = Matrix.zeros(100, 1000).fill(2f);
        Matrix out = d.forward(x, Mode.training(new Rng(1)));
        double sum = 0;
        int zeros = 0;
        for (int i = 0; i < out.size(); i++) {
            sum += out.data()[i];
            zeros += out.data()[i] == 0f ? 1 : 0;
            if (out.data()[i] != 0f) {
                assertEquals(2f / 0.7f, out.data()[i], 1e-6);
            }
        }
        assertEquals(2.0, sum / out.size(), 0.01);
        assertEquals(0.3, (double) zeros / out.size(), 0.005);
    }

    @Test
    void dropoutIsTheIdentityAtInference() {
        Dropout d = new Dropout(4, 0.5);
        Matrix x = TestData.uniform(3, 4, -1, 1, 2);
        assertSame(x, d.forward(x, Mode.INFERENCE));
        Matrix g = TestData.uniform(3, 4, -1, 1, 3);
        assertSame(g, d.backward(g, true));
    }

    @Test
    void dropoutMaskIsFixedBySeed() {
        Matrix x = TestData.uniform(8, 16, -1, 1, 2);
        float[] a = new Dropout(16, 0.5).forward(x, Mode.training(new Rng(4))).data().clone();
        float[] b = new Dropout(16, 0.5).forward(x, Mode.training(new Rng(4))).data().clone();
        assertArrayEquals(a, b);
    }

    @Test
    void dropoutGradientMatchesNumeric() {
        Network net = Network.of("5-d0.4-6tanh-d0.5-3", 2);
        assertGradientsMatch(net, Loss.meanSquaredError(), Regularization.NONE, TestData.uniform(7, 5, -1, 1, 1),
                TestData.uniform(7, 3, -1, 1, 2));
    }

    @Test
    void backwardBeforeForwardThrows() {
        assertThrows(IllegalStateException.class,
                () -> new Dense(0, 2, 2, true, Init.HE_NORMAL, new Rng(1)).backward(Matrix.zeros(1, 2), true));
        assertThrows(IllegalStateException.class, () -> new Activation(Function.TANH, 2).backward(Matrix.zeros(1, 2), true));
        assertThrows(IllegalStateException.class, () -> new Dropout(2, 0.1).backward(Matrix.zeros(1, 2), true));
    }

    @Test
    void badArgumentsNameTheValue() {
        assertEquals("dense layer sizes must be > 0, was in=0, out=3", assertThrows(IllegalArgumentException.class,
                () -> new Dense(0, 0, 3, true, Init.HE_NORMAL, new Rng(1))).getMessage());
        assertEquals("dropout rate must be in [0, 1), was 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Dropout(3, 1.0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(3, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(3, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Activation(Function.TANH, -1));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Dense(0, 3, 2, true, Init.HE_NORMAL, new Rng(1)).forward(Matrix.zeros(2, 4), Mode.INFERENCE));
        assertEquals("dense input has 4 columns, expected 3 (shape (2, 4))", e.getMessage());
    }
}
