package dev.neurite.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.check.GradientCheck;
import dev.neurite.check.GradientCheckTest;
import dev.neurite.data.Dataset;
import dev.neurite.data.Normalization;
import dev.neurite.data.OneHot;
import dev.neurite.infer.Predictor;
import dev.neurite.io.ModelFile;
import dev.neurite.io.SavedModel;
import dev.neurite.layer.Activation;
import dev.neurite.layer.BatchNorm;
import dev.neurite.layer.Buffer;
import dev.neurite.layer.Param;
import dev.neurite.loss.Loss;
import dev.neurite.metrics.Evaluation;
import dev.neurite.optim.Regularization;
import dev.neurite.optim.Sgd;
import dev.neurite.tensor.Matrix;
import dev.neurite.train.Trainer;
import dev.neurite.train.TrainingState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batch normalisation inside networks: the text form, gradients, training, model files and checkpoints. */
class BatchNormNetworkTest {
    @Test
    void textFormPutsBatchNormBetweenDenseAndActivation() {
        Architecture a = Architecture.parse("784-256bnrelu-d0.2-10softmax");
        assertEquals("784-256bnrelu-d0.2-10softmax", a.toSpec());
        assertEquals(a, Architecture.parse("784-256bn-relu-d0.2-10softmax"), "the issue's spelling 256bn-relu");
        assertEquals(new LayerSpec.Dense(256, Activation.Function.RELU).withBatchNorm(), a.layers().get(0));
        Network net = a.build(1);
        assertEquals(List.of("dense(784→256)", "batchnorm(256)", "relu", "dropout(0.2)", "dense(256→10)", "softmax"),
                net.layers().stream().map(dev.neurite.layer.Layer::describe).toList());
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias"),
                net.params().stream().map(Param::name).toList());
        assertEquals(List.of("1.running_mean", "1.running_var"), net.buffers().stream().map(Buffer::name).toList());
        assertEquals("5-3bn-2lrelu0.2-4bnlrelu0.3", Architecture.parse("5-3bn-2lrelu0.2-4bnlrelu0.3").toSpec());
        assertEquals(net.architecture(), Network.builder(784).denseBatchNorm(256, Activation.Function.RELU).dropout(0.2)
                .dense(10, Activation.Function.SOFTMAX).architecture());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Architecture.parse("5-3bnfoo-2"));
        assertTrue(bad.getMessage().contains("128bnrelu"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Architecture.parse("5-relu-2"), "an activation alone joins a bn layer only");
    }

    @Test
    void trainingModeGradientsMatchNumericOnes() {
        Network net = Network.of("6-5bnrelu-d0.2-4bntanh-3softmax", 3);
        Matrix x = TestData.uniform(7, 6, -1, 1, 1);
        Matrix y = OneHot.encode(TestData.labels(7, 3, 2), 3);
        randomizeBatchNorm(net, 9);
        GradientCheck.Result r = GradientCheck.defaults().check(net, Loss.crossEntropy(), new Regularization(0, 1e-2, 0), x, y, 11);
        for (GradientCheck.ParamReport p : r.params()) {
            if (p.name().equals("0.bias") || p.name().equals("4.bias")) {
                // a bias just before a batchnorm has no effect (the batch mean takes it away): its gradient is 0, and the
                // float path leaves rounding of the order of 1e-8, which the relative error's floor of 1e-6 magnifies
                assertEquals(0, p.numeric(), 1e-9, r.toString());
                assertEquals(0, p.analytic(), 1e-7, r.toString());
            } else {
                assertTrue(p.maxRelativeError() <= GradientCheckTest.TOLERANCE, p.name() + " failed:\n" + r);
            }
        }
        assertTrue(r.input().maxRelativeError() <= GradientCheckTest.TOLERANCE, "dX failed:\n" + r);
        assertTrue(r.params().stream().anyMatch(p -> p.name().equals("1.weight")), "dGamma is checked: " + r);
        assertTrue(r.params().stream().anyMatch(p -> p.name().equals("5.bias")), "dBeta is checked: " + r);
        assertTrue(r.input() != null && r.input().checked() > 0, "dX is checked");

        Network regression = Architecture.parse("4-6bnsigmoid-2bn", false, null).build(5);  // no bias, a normalised linear output
        randomizeBatchNorm(regression, 3);
        GradientCheckTest.assertGradientsMatch(regression, Loss.meanSquaredError(), Regularization.NONE,
                TestData.uniform(5, 4, -2, 2, 6), TestData.uniform(5, 2, -1, 1, 7));
    }

    /** γ and β away from 1 and 0, so their gradients are not trivially symmetric. */
    static void randomizeBatchNorm(Network net, long seed) {
        for (dev.neurite.layer.Layer l : net.layers()) {
            if (l instanceof BatchNorm bn) {
                Matrix g = TestData.uniform(1, bn.outputSize(), 0.5, 1.5, seed), b = TestData.uniform(1, bn.outputSize(), -0.5, 0.5, seed + 1);
                System.arraycopy(g.data(), 0, bn.gamma().value().data(), 0, g.size());
                System.arraycopy(b.data(), 0, bn.beta().value().data(), 0, b.size());
            }
        }
    }

    private static Trainer trainer(int epochs, int threads) {
        return Trainer.builder().epochs(epochs).batchSize(16).seed(3).threads(threads).optimizer(Sgd.momentum(0.1, 0.9))
                .loss(Loss.crossEntropy()).build();
    }

    @Test
    void trainsSpiralsAndIsBitIdenticalForOneAndTwoThreads() {
        Dataset spirals = TestData.spirals(60, 3, 4);
        Network one = Network.of("2-32bnrelu-32bnrelu-3softmax", 2), two = Network.of("2-32bnrelu-32bnrelu-3softmax", 2);
        trainer(40, 1).fit(one, spirals);
        trainer(40, 2).fit(two, spirals);
        float[][] a = one.snapshot(), b = two.snapshot();
        assertEquals(one.params().size() + 4, a.length, "parameters, then two layers' running mean and variance");
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], one.snapshotName(i));
        }
        double accuracy = Evaluation.of(one, spirals).accuracy();
        assertTrue(accuracy > 0.9, "batch-normalised network learns the spirals: accuracy " + accuracy);
        float[] mean = one.buffers().get(0).value().data();
        assertTrue(java.util.Arrays.stream(new float[][] {mean}).flatMapToDouble(m -> java.util.stream.IntStream
                .range(0, m.length).mapToDouble(k -> Math.abs(m[k]))).sum() > 0, "the running mean moved");
    }

    @Test
    void aModelFileKeepsTheRunningStatisticsAndPredictsTheSameBits() throws Exception {
        Dataset spirals = TestData.spirals(30, 3, 5);
        Network net = Network.of("2-16bnrelu-d0.1-8bntanh-3softmax", 2);
        trainer(5, 1).fit(net, spirals);
        SavedModel model = new SavedModel(net, Loss.crossEntropy(), Normalization.fitStandard(spirals.x()), null, Map.of());
        byte[] bytes = ModelFile.toBytes(model);
        String header = new String(bytes, 8, 2000, java.nio.charset.StandardCharsets.UTF_8);
        for (String name : List.of("\"1.running_mean\"", "\"1.running_var\"", "\"1.weight\"", "\"5.running_var\"")) {
            assertTrue(header.contains(name), name + " in " + header);
        }
        SavedModel back = ModelFile.fromBytes(bytes, "bn model");
        assertEquals("2-16bnrelu-d0.1-8bntanh-3softmax", back.network().architecture().toSpec());
        float[][] a = net.snapshot(), b = back.network().snapshot();
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], net.snapshotName(i));
        }
        Matrix x = Normalization.fitStandard(spirals.x()).applyInPlace(spirals.x().copy());
        assertArrayEquals(net.predict(x).data(), back.network().predict(x).data());
        assertArrayEquals(net.predict(x).data(), Predictor.of(back).predict(spirals.x()).data(), "the predictor normalises");
        assertArrayEquals(bytes, ModelFile.toBytes(back), "saved again: the same bytes");
    }

    @Test
    void trainingStateBytesCarryTheRunningStatisticsAndResumeBitIdentically() throws Exception {
        Dataset spirals = TestData.spirals(30, 3, 6);
        Network whole = Network.of("2-16bnrelu-3softmax", 4);
        trainer(4, 1).fit(whole, spirals);

        Network first = Network.of("2-16bnrelu-3softmax", 4);
        Trainer two = trainer(2, 1);
        TrainingState state = two.start(first);
        two.fit(state, spirals);
        byte[] shipped = state.toBytes();
        Network resumed = Network.of("2-16bnrelu-3softmax", 99);       // other weights and statistics, replaced
        TrainingState back = TrainingState.fromBytes(shipped, "state", resumed, Sgd.momentum(0.1, 0.9));
        assertArrayEquals(first.buffers().get(1).value().data(), resumed.buffers().get(1).value().data());
        two.fit(back, spirals);
        float[][] a = whole.snapshot(), b = resumed.snapshot();
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], whole.snapshotName(i));
        }
    }
}
