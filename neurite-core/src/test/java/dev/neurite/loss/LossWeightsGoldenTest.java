package dev.neurite.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.check.GradientCheck;
import dev.neurite.data.OneHot;
import dev.neurite.model.Network;
import dev.neurite.tensor.Matrix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Class weights, example weights and label smoothing against PyTorch's numbers on fixed logits
 * (tools/torch-goldens/training_control.py: {@code cross_entropy(weight=, label_smoothing=)},
 * {@code binary_cross_entropy_with_logits(weight=)}, {@code mse_loss}; values and gradients w.r.t. the
 * logits), and gradient-checked through networks for every loss.
 */
class LossWeightsGoldenTest {
    static final double[][] Z = {{1.5, -0.25, 0.75}, {-1.0, 2.0, 0.5}, {0.125, 0.25, -2.5}, {3.0, -1.5, 0.0},
        {0.5, 0.5, 0.5}};
    static final int[] LABELS = {0, 1, 2, 2, 1};
    static final double[] CLASS_WEIGHTS = {0.5, 2.0, 1.25};
    static final float[] EXAMPLE_WEIGHTS = {1.0f, 0.5f, 2.0f, 1.5f, 0.25f};
    static final double EPSILON = 0.1;
    static final double[][] ZB = {{0.75}, {-1.25}, {2.5}, {-0.5}, {0.0}};
    static final int[] LABELS_B = {1, 0, 1, 1, 0};
    static final double[] CLASS_WEIGHTS_B = {0.75, 3.0};

    static final double CE_CLASS_WEIGHTS_LOSS = 2.204589812241315;
    static final double[] CE_CLASS_WEIGHTS_GRAD = {-0.03925184379379415, 0.010556446661296024, 0.02869539713249813, 0.01564502930827498, -0.08576118616428965, 0.07011615685601467, 0.11334844775423558, 0.12844061823023803, -0.24178906598447364, 0.23564985135666996, 0.0026178333829585602, -0.2382676847396285, 0.13333333333333333, -0.26666666666666666, 0.13333333333333333};
    static final double CE_CLASS_WEIGHTS_TORCH_MEAN = 1.5747070087437964;
    static final double CE_SMOOTHING_LOSS = 1.6635263674565315;
    static final double[] CE_SMOOTHING_GRAD = {-0.06517035425425498, 0.014446226655925376, 0.05072412759832958, 0.001155847987470822, -0.029547259748811505, 0.028391411761340666, 0.08401209153672179, 0.09608582791752375, -0.18009791945424555, 0.18185321441866928, -0.004572399960299818, -0.17728081445836943, 0.059999999999999984, -0.12, 0.059999999999999984};
    static final double CE_EXAMPLE_WEIGHTS_LOSS = 2.4628802977395;
    static final double[] CE_EXAMPLE_WEIGHTS_GRAD = {-0.0785036875875883, 0.021112893322592047, 0.05739079426499626, 0.003911257327068745, -0.021440296541072414, 0.01752903921400367, 0.18135751640677694, 0.20550498916838086, -0.38686250557515783, 0.282779821628004, 0.0031414000595502726, -0.28592122168755424, 0.016666666666666666, -0.03333333333333333, 0.016666666666666666};
    static final double CE_ALL_LOSS = 2.9931316620372437;
    static final double[] CE_ALL_GRAD = {-0.032585177127127496, 0.007223113327962689, 0.025362063799164794, 0.0011558479874708221, -0.029547259748811512, 0.02839141176134067, 0.2100302288418045, 0.2402145697938094, -0.45024479863561395, 0.340974777035005, -0.00857324992556216, -0.33240152710944276, 0.029999999999999995, -0.06000000000000001, 0.029999999999999995};
    static final double BCE_ALL_LOSS = 1.403034770953996;
    static final double[] BCE_ALL_GRAD = {-0.16249278049476426, 0.01295251041189816, -0.031029816025492218, -0.5152133980816692, 0.016875};
    static final double MSE_ALL_LOSS = 3.7901041666666666;
    static final double[] MSE_ALL_GRAD = {0.03333333333333333, -0.016666666666666666, 0.05, -0.13333333333333333, 0.13333333333333333, 0.06666666666666667, 0.041666666666666664, 0.08333333333333333, -1.1666666666666665, 0.75, -0.375, -0.25, 0.03333333333333333, -0.03333333333333333, 0.03333333333333333};
    static final double SSE_ALL_LOSS = 56.8515625;
    static final double[] SSE_ALL_GRAD = {0.5, -0.25, 0.75, -2.0, 2.0, 1.0, 0.625, 1.25, -17.5, 11.25, -5.625, -3.75, 0.5, -0.5, 0.5};

    private static void assertCase(double loss, double[] grad, LossWeights w, Loss l, double[][] z, Matrix y, float[] s) {
        Matrix out = Matrix.of(z);
        Matrix dOut = Matrix.zeros(out.rows(), out.cols());
        double value = w.evaluate(l, out, y, s, dOut);
        assertEquals(loss, value, 1e-12 * Math.max(1, Math.abs(loss)));
        assertEquals(value, w.value(l, out, y, s), 0);
        for (int i = 0; i < grad.length; i++) {
            assertEquals(grad[i], dOut.data()[i], 1e-7 * Math.max(1, Math.abs(grad[i])), "gradient entry " + i);
        }
    }

    private static Matrix y() { return OneHot.encode(LABELS, 3); }

    @Test
    void classWeightedCrossEntropyIsPyTorchsSumOverTheBatchSize() {
        assertCase(CE_CLASS_WEIGHTS_LOSS, CE_CLASS_WEIGHTS_GRAD, LossWeights.NONE.classWeights(CLASS_WEIGHTS),
                Loss.crossEntropy(), Z, y(), null);
        // PyTorch's default 'mean' divides by the sum of the rows' class weights instead: documented, not ours
        double sumOfRowWeights = 0.5 + 2.0 + 1.25 + 1.25 + 2.0;
        assertEquals(CE_CLASS_WEIGHTS_TORCH_MEAN, CE_CLASS_WEIGHTS_LOSS * 5 / sumOfRowWeights, 1e-12);
    }

    @Test
    void labelSmoothingIsPyTorchs() {
        assertCase(CE_SMOOTHING_LOSS, CE_SMOOTHING_GRAD, LossWeights.NONE.labelSmoothing(EPSILON), Loss.crossEntropy(), Z, y(),
                null);
    }

    @Test
    void exampleWeightsMultiplyEachRowsLoss() {
        assertCase(CE_EXAMPLE_WEIGHTS_LOSS, CE_EXAMPLE_WEIGHTS_GRAD, LossWeights.NONE, Loss.crossEntropy(), Z, y(),
                EXAMPLE_WEIGHTS);
    }

    @Test
    void allThreeTogetherInEveryLoss() {
        LossWeights all = LossWeights.NONE.classWeights(CLASS_WEIGHTS).labelSmoothing(EPSILON);
        assertCase(CE_ALL_LOSS, CE_ALL_GRAD, all, Loss.crossEntropy(), Z, y(), EXAMPLE_WEIGHTS);
        Matrix yb = Matrix.zeros(5, 1);
        for (int i = 0; i < 5; i++) {
            yb.set(i, 0, LABELS_B[i]);
        }
        assertCase(BCE_ALL_LOSS, BCE_ALL_GRAD, LossWeights.NONE.classWeights(CLASS_WEIGHTS_B).labelSmoothing(EPSILON),
                Loss.binaryCrossEntropy(), ZB, yb, EXAMPLE_WEIGHTS);
        LossWeights classes = LossWeights.NONE.classWeights(CLASS_WEIGHTS);
        assertCase(MSE_ALL_LOSS, MSE_ALL_GRAD, classes, Loss.meanSquaredError(), Z, y(), EXAMPLE_WEIGHTS);
        assertCase(SSE_ALL_LOSS, SSE_ALL_GRAD, classes, Loss.sumOfSquares(), Z, y(), EXAMPLE_WEIGHTS);
    }

    @Test
    void unitWeightsGiveThePlainLossOfEveryKind() {
        float[] ones = {1, 1, 1, 1, 1};
        LossWeights unit = LossWeights.NONE.classWeights(1, 1, 1);
        for (Loss l : new Loss[] {Loss.crossEntropy(), Loss.binaryCrossEntropy(), Loss.meanSquaredError(), Loss.sumOfSquares()}) {
            Matrix out = Matrix.of(Z), plain = Matrix.zeros(5, 3), weighted = Matrix.zeros(5, 3);
            double a = l.evaluate(out, y(), plain), b = unit.evaluate(l, out, y(), ones, weighted);
            assertEquals(a, b, 1e-12 * Math.abs(a), l.cliName());
            for (int i = 0; i < plain.size(); i++) {
                assertEquals(plain.data()[i], weighted.data()[i], 1e-7f * Math.max(1, Math.abs(plain.data()[i])), l.cliName());
            }
        }
    }

    @Test
    void weightedLossesMatchTheNumericGradientThroughANetwork() {
        Matrix x = TestData.uniform(7, 4, -1, 1, 3);
        int[] labels = {0, 2, 1, 1, 2, 0, 2};
        float[] s = {1f, 0.25f, 3f, 0f, 1.5f, 0.75f, 2f};
        LossWeights w = LossWeights.NONE.classWeights(0.4, 2.5, 1.1);
        Object[][] cases = {
            {"4-6tanh-d0.2-3softmax", Loss.crossEntropy(), w.labelSmoothing(0.2), OneHot.encode(labels, 3)},
            {"4-6tanh-3", Loss.meanSquaredError(), w, OneHot.encode(labels, 3)},
            {"4-6sigmoid-3", Loss.sumOfSquares(), w, OneHot.encode(labels, 3)},
            {"4-5relu-1sigmoid", Loss.binaryCrossEntropy(), LossWeights.NONE.classWeights(0.6, 1.8).labelSmoothing(0.15),
                binary(labels)},
        };
        for (Object[] c : cases) {
            Network net = Network.of((String) c[0], 5);
            GradientCheck.Result r = GradientCheck.defaults().weighted((LossWeights) c[2], s)
                    .check(net, (Loss) c[1], dev.neurite.optim.Regularization.NONE, x, (Matrix) c[3], 9);
            assertTrue(r.passed(dev.neurite.check.GradientCheckTest.TOLERANCE), c[0] + " " + ((Loss) c[1]).cliName() + ":\n" + r);
            assertTrue(r.input().maxRelativeError() < dev.neurite.check.GradientCheckTest.TOLERANCE, r.toString());
        }
    }

    @Test
    void theCheckSeesAWrongWeight() {
        // the numeric side weighs independently: checking with other example weights than the analytic side's fails
        Network net = Network.of("4-6tanh-3softmax", 5);
        Matrix x = TestData.uniform(6, 4, -1, 1, 3);
        Matrix y = OneHot.encode(new int[] {0, 1, 2, 0, 1, 2}, 3);
        float[] s = {1, 2, 3, 1, 2, 3};
        Matrix out = net.forward(x, dev.neurite.layer.Mode.INFERENCE, Loss.crossEntropy());
        Matrix dOut = Matrix.zeros(6, 3);
        LossWeights.NONE.evaluate(Loss.crossEntropy(), out, y, new float[] {1, 1, 1, 1, 1, 1}, dOut);
        net.backward(dOut, Loss.crossEntropy());
        float[][] analytic = new float[net.params().size()][];
        for (int i = 0; i < analytic.length; i++) {
            analytic[i] = Arrays.copyOf(net.params().get(i).grad().data(), net.params().get(i).size());
        }
        GradientCheck.Result r = GradientCheck.defaults().weighted(LossWeights.NONE, s).compare(net, analytic,
                Loss.crossEntropy(), dev.neurite.optim.Regularization.NONE, x, y, 0);
        assertTrue(!r.passed(dev.neurite.check.GradientCheckTest.TOLERANCE), r.toString());
    }

    private static Matrix binary(int[] labels) {
        Matrix y = Matrix.zeros(labels.length, 1);
        for (int i = 0; i < labels.length; i++) {
            y.set(i, 0, labels[i] == 2 ? 1 : 0);
        }
        return y;
    }

    @Test
    void balancedWeightsAreScikitLearns() {
        // tools/torch-goldens/sklearn_balanced.py: compute_class_weight("balanced")
        int[] y = {0, 0, 0, 1, 2, 2, 0, 1, 0, 2, 0, 0};
        assertArrayEquals(new double[] {0.5714285714285714, 2.0, 1.3333333333333333}, LossWeights.balanced(y, 3), 1e-15);
        assertEquals(1.0, LossWeights.balanced(y, 4)[3]);     // a class without examples
    }

    @Test
    void badWeightsAreRefusedNamingTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LossWeights.NONE.classWeights(1, -2))
                .getMessage().contains("class 1 must be >= 0 and finite, was -2.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LossWeights.NONE.classWeights(0, 0))
                .getMessage().contains("at least one must be > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LossWeights.NONE.labelSmoothing(1))
                .getMessage().contains("[0, 1), was 1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LossWeights.NONE.labelSmoothing(0.1)
                .check(Loss.meanSquaredError(), 3)).getMessage().contains("the loss is mse"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LossWeights.NONE.classWeights(1, 2)
                .check(Loss.crossEntropy(), 3)).getMessage().contains("2 class weights for 3 classes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LossWeights.NONE.classWeights(1, 2)
                .check(Loss.meanSquaredError(), 0)).getMessage().contains("regression"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LossWeights.NONE.evaluate(Loss.crossEntropy(),
                Matrix.of(Z), y(), new float[] {1, 2}, Matrix.zeros(5, 3))).getMessage().contains("2 example weights for a batch of 5"));
    }
}
