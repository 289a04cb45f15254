package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.data.Dataset;
import dev.neurite.model.Network;
import dev.neurite.optim.Adam;
import dev.neurite.optim.Sgd;
import dev.neurite.tensor.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run that blows up stops with TrainingDivergedException, before NaN reaches the weights where it can. */
class DivergenceTest {
    /** Four Gaussian blobs in 20 dimensions: learnable, so a sane optimizer lowers the loss. */
    private static Dataset blobs(int n) {
        Matrix x = TestData.uniform(n, 20, -1, 1, 3);
        int[] y = TestData.labels(n, 4, 4);
        for (int i = 0; i < n; i++) {
            x.set(i, y[i], x.get(i, y[i]) + 2);
        }
        return Dataset.classification(x, y, 4);
    }

    private static boolean allFinite(Network net) {
        for (float[] w : net.snapshot()) {
            for (float v : w) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void aFiniteBlowUpStopsTraining() {
        Network net = Network.of("20-64relu-4softmax", 1);
        Trainer t = Trainer.builder().epochs(5).batchSize(32).seed(1).optimizer(Adam.of(1e6)).build();
        var e = assertThrows(TrainingDivergedException.class, () -> t.fit(net, blobs(1000)));
        assertTrue(e.getMessage().startsWith("training diverged: "), e.getMessage());
        assertTrue(allFinite(net), "the weights never became NaN");
    }

    @Test
    void aHugePenaltyStopsBeforeTheFirstStep() {
        Network net = Network.of("20-8tanh-4softmax", 1);
        float[][] before = net.snapshot();
        Trainer t = Trainer.builder().epochs(1).batchSize(64).l2(1e300).build();
        var e = assertThrows(TrainingDivergedException.class, () -> t.fit(net, blobs(64)));
        assertEquals("training diverged: the gradient of " + net.params().get(0).name() + " became non-finite in epoch 1,"
                + " batch 1: lower the learning rate (0.01) or the regularisation (" + t.regularization() + ")", e.getMessage());
        float[][] after = net.snapshot();
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], "the step that would have written NaN was not taken");
        }
    }

    @Test
    void theLastBatchsBlowUpIsCaught() {
        Network net = Network.of("20-8tanh-4softmax", 1);          // one batch per epoch, one epoch: only the end sees it
        Trainer t = Trainer.builder().epochs(1).batchSize(64).optimizer(Sgd.plain(1e38)).build();
        var e = assertThrows(TrainingDivergedException.class, () -> t.fit(net, blobs(64)));
        assertTrue(e.getMessage().startsWith("training diverged: after epoch 1 the loss on the first 64 training examples is"),
                e.getMessage());
    }

    @Test
    void saneRunsAreNeverStopped() {
        for (Trainer t : List.of(Trainer.builder().epochs(20).batchSize(1).optimizer(Sgd.plain(0.05)).build(),
                Trainer.builder().epochs(20).batchSize(16).optimizer(Adam.of(0.05)).l2(1e-3).build(),
                Trainer.builder().epochs(20).batchSize(8).optimizer(Sgd.momentum(0.1, 0.9)).build())) {
            assertEquals(20, t.fit(Network.of("20-32relu-4softmax", 2), blobs(300)).epochs().size());
        }
        Dataset tiny = Dataset.regression(TestData.uniform(100, 2, -1, 1, 5), Matrix.zeros(100, 1));
        tiny.y().data()[3] = 1e-4f;                             // a loss near zero to start with, and noise
        Trainer mse = Trainer.builder().epochs(20).batchSize(1).optimizer(Sgd.plain(0.01)).loss(dev.neurite.loss.Loss.meanSquaredError()).build();
        assertEquals(20, mse.fit(Network.of("2-8tanh-1", 3), tiny).epochs().size());
    }

    @Test
    void singleClassDataIsRefused() {
        Dataset one = Dataset.classification(TestData.uniform(10, 3, 0, 1, 1), new int[10], 1, List.of("cat"));
        var e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder().build().fit(Network.of("3-1softmax", 1), one));
        assertEquals("the training data has only one class ('cat'): a classifier needs examples of at least two", e.getMessage());
    }
}
