package dev.neurite.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.data.Dataset;
import dev.neurite.layer.Activation;
import dev.neurite.loss.Loss;
import dev.neurite.tensor.Matrix;
import dev.neurite.train.Trainer;
import org.junit.jupiter.api.Test;

class OutputHeadTest {
    @Test
    void theTaskFollowsTheOutputAndTheLoss() {
        assertEquals(OutputHead.Task.CLASSIFICATION, OutputHead.of(Network.of("3-4softmax", 1), Loss.crossEntropy()).task());
        assertEquals(OutputHead.Task.CLASSIFICATION, OutputHead.of(Network.of("3-1sigmoid", 1), Loss.sumOfSquares()).task());
        assertEquals(OutputHead.Task.CLASSIFICATION, OutputHead.of(Network.of("3-4", 1), Loss.crossEntropy()).task());
        assertEquals(OutputHead.Task.REGRESSION, OutputHead.of(Network.of("3-2", 1), Loss.meanSquaredError()).task());
        assertEquals(OutputHead.Task.REGRESSION, OutputHead.of(Network.of("3-5tanh-1tanh", 1), Loss.sumOfSquares()).task());
        assertEquals(OutputHead.Task.REGRESSION, OutputHead.of(Network.of("3-1", 1)).task());
    }

    @Test
    void itSaysWhatTheLossFusesAndWhatPredictStillNeeds() {
        OutputHead softmax = OutputHead.of(Network.of("3-4softmax", 1), Loss.crossEntropy());
        assertTrue(OutputHead.skipsFinalActivation(Network.of("3-4softmax", 1), Loss.crossEntropy()));
        assertFalse(softmax.predictionsAreLogits());
        assertEquals(Activation.Function.SOFTMAX, softmax.activation());
        OutputHead linear = OutputHead.of(Network.of("3-4", 1), Loss.crossEntropy());
        assertFalse(OutputHead.skipsFinalActivation(Network.of("3-4", 1), Loss.crossEntropy()));
        assertTrue(linear.predictionsAreLogits());
        assertEquals(Activation.Function.SOFTMAX, linear.activation());
        assertEquals(Activation.Function.IDENTITY, linear.networkActivation());
        assertFalse(OutputHead.skipsFinalActivation(Network.of("3-4softmax", 1), Loss.meanSquaredError()));
        assertEquals(Loss.binaryCrossEntropy().cliName(), OutputHead.defaultLoss(Network.of("3-1sigmoid", 1)).cliName());
        assertEquals("mse", OutputHead.defaultLoss(Network.of("3-2relu", 1)).cliName());
    }

    @Test
    void aSingleOutputIsClassOneAtHalfAProbabilityOrAZeroLogit() {
        Matrix out = Matrix.of(new double[][] {{0.5}, {0.49}, {0}, {-0.01}});
        OutputHead probabilities = OutputHead.of(Network.of("2-1sigmoid", 1), Loss.binaryCrossEntropy());
        // the loss reads logits: 0 is the boundary; the network's output is a probability: 0.5 is
        assertArrayEquals(new int[] {1, 1, 1, 0}, classes(out, probabilities, true));
        assertArrayEquals(new int[] {1, 0, 0, 0}, classes(out, probabilities, false));
        OutputHead linear = OutputHead.of(Network.of("2-1", 1), Loss.binaryCrossEntropy());
        assertArrayEquals(new int[] {1, 1, 1, 0}, classes(out, linear, false), "a linear network's output is a logit");
    }

    private static int[] classes(Matrix out, OutputHead head, boolean lossInput) {
        int[] c = new int[out.rows()];
        for (int r = 0; r < c.length; r++) {
            c[r] = lossInput ? head.classOfLossInput(out, r) : head.classOfOutput(out, r);
        }
        return c;
    }

    @Test
    void finishSquashesOnlyWhatTheNetworkLeftAsLogits() {
        Matrix z = Matrix.of(new double[][] {{1, 2, 3}});
        OutputHead.of(Network.of("2-3softmax", 1), Loss.crossEntropy()).finish(z);
        assertArrayEquals(new float[] {1, 2, 3}, z.row(0));
        OutputHead.of(Network.of("2-3", 1), Loss.crossEntropy()).finish(z);
        double e = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(3) / e, z.get(0, 2), 1e-6);
        assertEquals(1.0, z.get(0, 0) + z.get(0, 1) + z.get(0, 2), 1e-6);
    }

    @Test
    void theTrainerChecksOnceThatLossAndNetworkFitAndNamesBoth() {
        Dataset data = Dataset.classification(TestData.uniform(8, 4, -1, 1, 1), TestData.labels(8, 3, 2), 3);
        Network net = Network.of("4-3sigmoid", 1);
        float[][] before = net.snapshot();
        var e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder().epochs(1).loss(Loss.crossEntropy()).build().fit(net, data));
        assertEquals("the loss cross-entropy does not fit the network 4-3sigmoid: cross-entropy applies softmax itself:"
                + " the network must end in softmax or be linear, it ends in sigmoid", e.getMessage());
        assertArrayEquals(before[0], net.snapshot()[0], "nothing trained");
    }

    @Test
    void theOutputActivationFollowsTheLossAndTheTask() {
        assertEquals(Activation.Function.SOFTMAX, OutputHead.outputActivationFor(Loss.crossEntropy(), true));
        assertEquals(Activation.Function.SIGMOID, OutputHead.outputActivationFor(Loss.binaryCrossEntropy(), true));
        assertEquals(Activation.Function.SIGMOID, OutputHead.outputActivationFor(Loss.meanSquaredError(), true));
        assertEquals(Activation.Function.IDENTITY, OutputHead.outputActivationFor(Loss.meanSquaredError(), false));
    }

    @Test
    void labelsAreNamesOrIndices() {
        OutputHead head = OutputHead.of(Network.of("2-3softmax", 1)).named(java.util.List.of("a", "b", "c"));
        assertEquals("b", head.label(1));
        assertEquals("2", OutputHead.of(Network.of("2-3softmax", 1)).label(2));
        assertEquals(2, OutputHead.of(Network.of("2-1sigmoid", 1)).classes());
        assertThrows(IllegalStateException.class, () -> OutputHead.of(Network.of("2-1", 1)).classes());
    }
}
