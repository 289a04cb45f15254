package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.data.Batching;
import dev.neurite.data.Dataset;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import dev.neurite.optim.Momentum;
import dev.neurite.optim.Regularization;
import dev.neurite.optim.Sgd;
import dev.neurite.tensor.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TrainingStep used alone: the step the trainer takes, bit for bit, and one that refuses to diverge. */
class TrainingStepTest {
    private static final String SPEC = "4-d0.25-8tanh-3softmax";
    private static final int N = 12, B = 4;
    private static final Momentum OPTIMIZER = Sgd.momentum(0.1, 0.9);
    private static final Regularization REGULARIZATION = new Regularization(1e-4, 1e-3, 1.5);
    private final Dataset data = Dataset.classification(TestData.uniform(N, 4, -1, 1, 5), TestData.labels(N, 3, 6), 3);

    /** Rows {@code [from, from + count)} of {@code m}, as a new matrix. */
    private static Matrix rows(Matrix m, int from, int count) {
        float[] a = Arrays.copyOfRange(m.data(), from * m.cols(), (from + count) * m.cols());
        return Matrix.wrap(a, count, m.cols());
    }

    @Test
    void stepsEqualWhatTheTrainerDoesForTheSameBatches() {
        Network byTrainer = Network.of(SPEC, 3);
        List<BatchStats> seen = new ArrayList<>();
        Trainer.builder().epochs(1).batching(Batching.sequential(B)).seed(9).optimizer(OPTIMIZER)
                .l1(1e-4).l2(1e-3).maxNorm(1.5).build().fit(byTrainer, data, new TrainingListener() {
                    @Override
                    public void onBatch(BatchStats s) {
                        seen.add(s);
                    }
                });

        Network alone = Network.of(SPEC, 3);
        TrainingState state = TrainingState.start(alone, OPTIMIZER, 9);
        TrainingStep step = TrainingStep.of(alone, Loss.crossEntropy(), REGULARIZATION);
        for (int b = 0; b < N / B; b++) {
            TrainingStep.Result r = step.run(state, rows(data.x(), b * B, B), rows(data.y(), b * B, B), 0.1);
            assertEquals(seen.get(b).loss(), r.loss(), "batch " + b + "'s loss, bit for bit");
            assertEquals(seen.get(b).correct(), r.correct(), "batch " + b + "'s right answers");
            assertEquals(B, r.size());
        }
        assertEquals(3, state.steps());
        float[][] a = byTrainer.snapshot(), b = alone.snapshot();
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], "tensor " + i);
        }
    }

    @Test
    void aNonFiniteLossIsRefusedBeforeTheWeightsOrTheOptimizerMove() {
        Network net = Network.of("4-8tanh-3softmax", 1);
        TrainingState state = TrainingState.start(net, OPTIMIZER, 1);
        TrainingStep step = TrainingStep.of(net, Loss.crossEntropy(), Regularization.NONE);
        step.run(state, data.x(), data.y(), 0.1);                   // a velocity to keep
        float[][] before = net.snapshot();
        byte[] stateBefore = state.toBytes();
        Matrix x = rows(data.x(), 0, N);
        x.data()[5] = Float.NaN;
        var e = assertThrows(TrainingDivergedException.class, () -> step.run(state, x, data.y(), 0.1));
        assertEquals("training diverged: the loss became NaN in epoch 1, batch 1: lower the learning rate (0.1)", e.getMessage());
        float[][] after = net.snapshot();
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], "tensor " + i + " untouched");
        }
        assertArrayEquals(stateBefore, state.toBytes(), "the optimizer's state untouched");
    }

    @Test
    void aStepRefusesAnotherNetworksStateAndAMisfitLoss() {
        Network net = Network.of("4-8tanh-3softmax", 1), other = Network.of("4-8tanh-3softmax", 1);
        TrainingStep step = TrainingStep.of(net, Loss.crossEntropy(), Regularization.NONE);
        var e = assertThrows(IllegalArgumentException.class,
                () -> step.run(TrainingState.start(other, OPTIMIZER, 1), data.x(), data.y(), 0.1));
        assertTrue(e.getMessage().startsWith("the state trains another network"), e.getMessage());
        var misfit = assertThrows(IllegalArgumentException.class,
                () -> TrainingStep.of(Network.of("4-8tanh-3sigmoid", 1), Loss.crossEntropy(), Regularization.NONE));
        assertTrue(misfit.getMessage().startsWith("the loss cross-entropy does not fit the network 4-8tanh-3sigmoid"),
                misfit.getMessage());
        var rows = assertThrows(IllegalArgumentException.class,
                () -> step.run(TrainingState.start(net, OPTIMIZER, 1), data.x(), rows(data.y(), 0, 3), 0.1));
        assertEquals("a batch of 12 rows of features needs 12 rows of 3 targets, was 3×3", rows.getMessage());
    }
}
