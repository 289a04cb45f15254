package dev.neurite.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.data.OneHot;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import dev.neurite.optim.Regularization;
import dev.neurite.tensor.Matrix;
import org.junit.jupiter.api.Test;

public class GradientCheckTest {
    /** The bound every check in the suite uses: a float32 backward pass against double-precision differences. */
    public static final double TOLERANCE = 1e-3;

    /** Checks and fails with the full per-parameter report. */
    public static GradientCheck.Result assertGradientsMatch(Network net, Loss loss, Regularization reg, Matrix x, Matrix y) {
        GradientCheck.Result r = GradientCheck.defaults().check(net, loss, reg, x, y, 11);
        assertTrue(r.passed(TOLERANCE), () -> "gradient check failed for " + net + " with " + loss.cliName() + ":\n" + r);
        return r;
    }

    @Test
    void threeHiddenLayerNetworkWithDropoutMatchesNumericGradient() {
        Network net = Network.of("6-d0.2-9tanh-d0.3-8sigmoid-d0.25-7lrelu-4softmax", 3);
        Matrix x = TestData.uniform(5, 6, -1, 1, 1);
        Matrix y = OneHot.encode(TestData.labels(5, 4, 2), 4);
        GradientCheck.Result r = assertGradientsMatch(net, Loss.crossEntropy(), new Regularization(1e-3, 1e-2, 0), x, y);
        assertEquals(8, r.params().size()); // 4 weights, 4 biases
    }

    @Test
    void checkLeavesWeightsUnchanged() {
        Network net = Network.of("3-4tanh-2", 1);
        float[][] before = net.snapshot();
        GradientCheck.defaults().check(net, Loss.meanSquaredError(), TestData.uniform(3, 3, -1, 1, 2),
                TestData.uniform(3, 2, -1, 1, 3));
        float[][] after = net.snapshot();
        for (int i = 0; i < before.length; i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(before[i], after[i]);
        }
    }

    @Test
    void findsAWrongGradientAndSaysWhere() {
        Network net = Network.of("4-5tanh-3softmax", 2);
        Matrix x = TestData.uniform(6, 4, -1, 1, 1);
        Matrix y = OneHot.encode(TestData.labels(6, 3, 2), 3);
        GradientCheck check = GradientCheck.defaults();
        GradientCheck.Result good = check.check(net, Loss.crossEntropy(), Regularization.NONE, x, y, 0);
        assertTrue(good.passed(TOLERANCE), good.toString());
        float[][] analytic = new float[net.params().size()][];
        for (int i = 0; i < analytic.length; i++) {
            analytic[i] = java.util.Arrays.copyOf(net.params().get(i).grad().data(), net.params().get(i).size());
        }
        analytic[2][7] *= 1.05f; // a 5% error in one entry of the second weight
        GradientCheck.Result bad = check.compare(net, analytic, Loss.crossEntropy(), Regularization.NONE, x, y, 0);
        assertTrue(!bad.passed(TOLERANCE), bad.toString());
        assertEquals("2.weight", bad.params().stream().max(java.util.Comparator.comparingDouble(
                GradientCheck.ParamReport::maxRelativeError)).orElseThrow().name());
        assertEquals(7, bad.params().get(2).worstIndex());
        assertEquals(0.05 / 2.05, bad.params().get(2).maxRelativeError(), 1e-3);
    }

    @Test
    void checksTheInputGradientThroughEveryLayerKind() {
        // input dropout first: dX passes through a layer without parameters before the first dense one
        Network net = Network.of("6-d0.2-9tanh-d0.3-8sigmoid-7lrelu-5relu-4softmax", 5);
        Matrix x = TestData.uniform(5, 6, -1, 1, 4);
        Matrix y = OneHot.encode(TestData.labels(5, 4, 6), 4);
        Matrix before = x.copy();
        GradientCheck.Result r = assertGradientsMatch(net, Loss.crossEntropy(), Regularization.NONE, x, y);
        assertEquals("input", r.input().name());
        assertEquals(30, r.input().checked(), "every entry of the (5, 6) input");
        assertTrue(r.input().maxRelativeError() <= TOLERANCE, r.toString());
        assertTrue(r.toString().contains("input"), r.toString());
        assertTrue(x.contentEquals(before), "x is left as it was");
    }

    @Test
    void findsAWrongInputGradientAndSaysWhere() {
        Network net = Network.of("4-5tanh-3softmax", 2);
        Matrix x = TestData.uniform(6, 4, -1, 1, 1);
        Matrix y = OneHot.encode(TestData.labels(6, 3, 2), 3);
        Matrix out = net.forward(x, dev.neurite.layer.Mode.training(new dev.neurite.tensor.Rng(0)), Loss.crossEntropy());
        Matrix dOut = Matrix.zeros(out.rows(), out.cols());
        Loss.crossEntropy().evaluate(out, y, dOut);
        float[] dX = java.util.Arrays.copyOf(net.backwardToInput(dOut, Loss.crossEntropy()).data(), x.size());
        float[][] analytic = new float[net.params().size()][];
        for (int i = 0; i < analytic.length; i++) {
            analytic[i] = java.util.Arrays.copyOf(net.params().get(i).grad().data(), net.params().get(i).size());
        }
        GradientCheck check = GradientCheck.defaults();
        GradientCheck.Result good = check.compare(net, analytic, dX, Loss.crossEntropy(), Regularization.NONE, x, y, 0);
        assertTrue(good.passed(TOLERANCE), good.toString());
        dX[13] *= 1.05f; // a 5% error in one entry of the input gradient
        GradientCheck.Result bad = check.compare(net, analytic, dX, Loss.crossEntropy(), Regularization.NONE, x, y, 0);
        assertTrue(!bad.passed(TOLERANCE), bad.toString());
        for (GradientCheck.ParamReport p : bad.params()) {
            assertTrue(p.maxRelativeError() <= TOLERANCE, "the parameters are still right: " + bad);
        }
        assertEquals(13, bad.input().worstIndex());
        assertEquals(0.05 / 2.05, bad.input().maxRelativeError(), 1e-3);
        var e = assertThrows(IllegalArgumentException.class, () -> check.compare(net, analytic, new float[23],
                Loss.crossEntropy(), Regularization.NONE, x, y, 0));
        assertEquals("the input gradient has 23 values, x has 24", e.getMessage());
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GradientCheck(0, 1e-4, 10));
        assertThrows(IllegalArgumentException.class, () -> new GradientCheck(1e-3, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> new GradientCheck(1e-3, 1e-4, 0));
    }
}
