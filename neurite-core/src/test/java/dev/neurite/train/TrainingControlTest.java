package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.data.Dataset;
import dev.neurite.loss.LossWeights;
import dev.neurite.model.Network;
import dev.neurite.optim.Adam;
import dev.neurite.optim.GradientClipping;
import dev.neurite.optim.LearningRateSchedule;
import dev.neurite.optim.Sgd;
import dev.neurite.tensor.Matrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listeners that act, ReduceOnPlateau, per-step rates, clipping in the trainer, and exact resume with all of them. */
class TrainingControlTest {
    @TempDir
    Path dir;

    /** Four Gaussian blobs in 20 dimensions, with example weights in [0.5, 2). */
    static Dataset blobs(int n) {
        Matrix x = TestData.uniform(n, 20, -1, 1, 3);
        int[] y = TestData.labels(n, 4, 4);
        for (int i = 0; i < n; i++) {
            x.set(i, y[i], x.get(i, y[i]) + 2);
        }
        return Dataset.classification(x, y, 4);
    }

    static Dataset weighted(Dataset d) {
        Matrix w = TestData.uniform(d.size(), 1, 0.5, 2, 9);
        return d.withExampleWeights(Arrays.copyOf(w.data(), d.size()));
    }

    /** The rate of every step, as the listeners saw it. */
    static final class Rates implements TrainingListener {
        final List<Double> rates = new ArrayList<>();

        @Override
        public void onBatch(BatchStats s) { rates.add(s.learningRate()); }
    }

    @Test
    void aListenerScalesTheRateOfLaterStepsAndStops() {
        Rates rates = new Rates();
        TrainingListener actor = new TrainingListener() {
            @Override
            public void onBatch(BatchStats s, TrainingControl control) {
                if (s.epoch() == 0 && s.batch() == 2) {
                    control.scaleLearningRate(0.5);
                }
                if (s.epoch() == 1 && s.batch() == 3) {
                    control.requestStop();
                }
            }
        };
        TrainingState state = Trainer.builder().epochs(5).batchSize(50).seed(1).optimizer(Sgd.plain(0.1)).build()
                .start(Network.of("20-8tanh-4softmax", 1));
        History h = Trainer.builder().epochs(5).batchSize(50).seed(1).optimizer(Sgd.plain(0.1)).build()
                .fit(state, blobs(400), rates, actor);
        assertEquals(List.of(0.1, 0.1, 0.1, 0.05, 0.05), rates.rates.subList(0, 5));
        assertEquals(8 + 4, rates.rates.size(), "stopped after epoch 2's fourth batch");
        assertTrue(h.stoppedEarly());
        assertEquals(0.5, state.learningRateFactor());
        assertThrows(IllegalArgumentException.class, () -> new TrainingControl(state, false).scaleLearningRate(0));
        assertThrows(IllegalArgumentException.class, () -> new TrainingControl(state, false).scaleLearningRate(Double.NaN));
    }

    @Test
    void aListenerAsksForACheckpoint() throws Exception {
        TrainingListener asker = new TrainingListener() {
            @Override
            public void onBatch(BatchStats s, TrainingControl control) {
                if (s.epoch() == 1 && s.batch() == 2) {
                    control.requestCheckpoint();
                    control.requestStop();
                }
            }
        };
        Network net = Network.of("20-8tanh-4softmax", 1);
        Trainer.builder().epochs(5).batchSize(50).seed(1).optimizer(Sgd.plain(0.1)).checkpoints(dir, 0).build()
                .fit(net, blobs(400), asker);
        TrainingState saved = TrainingState.fromBytes(Files.readAllBytes(dir.resolve("checkpoint.nrtckpt")), "ckpt",
                Network.of("20-8tanh-4softmax", 2), Sgd.plain(0.1));
        assertEquals(1, saved.epoch());
        assertEquals(3, saved.nextBatch());
        var e = assertThrows(IllegalStateException.class, () -> Trainer.builder().epochs(2).batchSize(50).build()
                .fit(Network.of("20-8tanh-4softmax", 1), blobs(400), asker));
        assertTrue(e.getMessage().contains("no checkpoint folder"), e.getMessage());
    }

    @Test
    void reduceOnPlateauScalesTheRateAfterPatienceEpochsWithoutImprovement() {
        // a min-delta no epoch can beat: every epoch after the first is a plateau
        Trainer t = Trainer.builder().epochs(7).batchSize(50).seed(1).optimizer(Sgd.plain(0.1))
                .reduceOnPlateau(new ReduceOnPlateau(0.5, 2, 100)).build();
        History h = t.fit(Network.of("20-8tanh-4softmax", 1), blobs(200));
        double[] rates = h.epochs().stream().mapToDouble(EpochStats::learningRate).toArray();
        assertEquals(List.of(0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025), Arrays.stream(rates).boxed().toList());
        assertThrows(IllegalArgumentException.class, () -> new ReduceOnPlateau(1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReduceOnPlateau(0.5, 0, 0));
    }

    @Test
    void thePlateauIsWatchedOnTheValidationLoss() {
        Dataset train = blobs(400);
        Matrix vx = TestData.uniform(200, 20, -1, 1, 8);
        Dataset noise = Dataset.classification(vx, TestData.labels(200, 4, 9), 4);   // labels the features do not predict
        Trainer t = Trainer.builder().epochs(6).batchSize(50).seed(1).optimizer(Adam.of(0.01))
                .reduceOnPlateau(new ReduceOnPlateau(0.5, 1, 0)).build();
        History onTraining = t.fit(Network.of("20-16relu-4softmax", 1), train);
        for (int e = 1; e < 6; e++) {
            assertTrue(onTraining.epochs().get(e).trainLoss() < onTraining.epochs().get(e - 1).trainLoss(), "" + onTraining.epochs());
        }
        assertEquals(0.01, onTraining.last().learningRate(), 0, "the training loss fell every epoch: no reduction");
        History onValidation = t.fit(Network.of("20-16relu-4softmax", 1), train, noise);
        assertTrue(onValidation.last().learningRate() < 0.01, "the validation loss rose: " + onValidation.epochs());
    }

    /** Every control together: warm-up before one-cycle, clipping, class and example weights, smoothing, a plateau, a listener. */
    private static Trainer.Builder everything(int epochs) {
        return Trainer.builder().epochs(epochs).batchSize(32).seed(3).optimizer(Adam.of(0.01))
                .schedule(LearningRateSchedule.warmupSteps(9, LearningRateSchedule.oneCycle(4)))
                .clipping(new GradientClipping(0.5, 0.05)).lossWeights(LossWeights.NONE.labelSmoothing(0.1))
                .balancedClassWeights().reduceOnPlateau(new ReduceOnPlateau(0.7, 1, 0.05));
    }

    /** Halves the rate at fixed positions: its action lives in the state, so a resumed run need not repeat it. */
    static final class Halver implements TrainingListener {
        @Override
        public void onBatch(BatchStats s, TrainingControl control) {
            if ((s.epoch() == 0 && s.batch() == 4) || (s.epoch() == 2 && s.batch() == 1)) {
                control.scaleLearningRate(0.5);
            }
        }
    }

    @Test
    void aRunWithEveryControlResumesBitIdentically() throws Exception {
        Dataset data = weighted(blobs(300));
        Network whole = Network.of("20-d0.1-12relu-4softmax", 5);
        History uninterrupted = everything(4).build().fit(whole, data, new Halver());

        Network cut = Network.of("20-d0.1-12relu-4softmax", 5);
        TrainingListener stopper = new TrainingListener() {
            @Override
            public void onBatch(BatchStats s, TrainingControl control) {
                if (s.epoch() == 1 && s.batch() == 5) {
                    control.requestCheckpoint();
                    control.requestStop();
                }
            }
        };
        everything(4).checkpoints(dir, 0).build().fit(cut, data, new Halver(), stopper);
        Network resumed = Network.of("20-d0.1-12relu-4softmax", 5);
        History h = everything(4).checkpoints(dir, 0).build().resume(dir, resumed, data, null, new Halver());
        float[][] a = whole.snapshot(), b = resumed.snapshot();
        for (int i = 0; i < a.length; i++) {
            assertEquals(0, Arrays.compare(a[i], b[i]), "tensor " + i);
        }
        assertEquals(uninterrupted.epochs().stream().map(EpochStats::learningRate).toList(),
                h.epochs().stream().map(EpochStats::learningRate).toList());
        assertTrue(h.epochs().get(3).learningRate() < 0.01 * 0.5 * 0.5, "the halvings and the plateau: " + h.epochs());
    }

    @Test
    void clippingBoundsTheUpdateAndIsOffBitForBitWhenItNeverBites() {
        Dataset data = blobs(200);
        Network plain = Network.of("20-8tanh-4softmax", 1), loose = Network.of("20-8tanh-4softmax", 1);
        Trainer.builder().epochs(2).batchSize(20).seed(1).optimizer(Sgd.plain(0.1)).build().fit(plain, data);
        Trainer.builder().epochs(2).batchSize(20).seed(1).optimizer(Sgd.plain(0.1)).clipping(GradientClipping.byNorm(1e9))
                .build().fit(loose, data);
        float[][] a = plain.snapshot(), b = loose.snapshot();
        for (int i = 0; i < a.length; i++) {
            assertEquals(0, Arrays.compare(a[i], b[i]));
        }
        Network net = Network.of("20-8tanh-4softmax", 1);
        TrainingState state = TrainingState.start(net, Sgd.plain(1.0), 1);
        TrainingStep step = TrainingStep.of(net, dev.neurite.loss.Loss.crossEntropy(), dev.neurite.optim.Regularization.NONE,
                GradientClipping.byNorm(0.01), LossWeights.NONE);
        float[][] before = net.snapshot();
        step.run(state, data.x(), data.y(), 1.0);
        assertTrue(Math.sqrt(GradientClipping.sumOfSquares(net.params())) <= 0.01 * (1 + 1e-6));
        double moved = 0;
        float[][] after = net.snapshot();
        for (int i = 0; i < after.length; i++) {
            for (int k = 0; k < after[i].length; k++) {
                moved += Math.pow(after[i][k] - before[i][k], 2);
            }
        }
        assertEquals(0.01, Math.sqrt(moved), 1e-4, "plain SGD at rate 1 moves the weights by the clipped norm");
    }

    @Test
    void aBlowUpStopsWithinTheEpochItShowsIn() {
        Network net = Network.of("20-64relu-4softmax", 1);
        Trainer t = Trainer.builder().epochs(5).batchSize(32).seed(1).optimizer(Adam.of(1e6)).build();
        var e = assertThrows(TrainingDivergedException.class, () -> t.fit(net, blobs(1000)));
        assertTrue(e.getMessage().matches("training diverged: in epoch 1, batch \\d+ the training loss is .*"), e.getMessage());
    }

    @Test
    void theHistoryFileHoldsEveryEpochAsCsvOrJson() throws Exception {
        Dataset data = blobs(300);
        Path csv = dir.resolve("h.csv"), json = dir.resolve("h.json");
        History h = Trainer.builder().epochs(3).batchSize(50).seed(1).optimizer(Sgd.plain(0.1)).build()
                .fit(Network.of("20-8tanh-4softmax", 1), data.head(200), data.subset(java.util.stream.IntStream.range(200, 300)
                        .toArray()), Listeners.history(csv), Listeners.history(json, s -> java.util.Map.of("double_epoch",
                        2.0 * s.epoch(), "nothing", Double.NaN)));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds", lines.get(0));
        assertEquals(4, lines.size());
        for (int e = 0; e < 3; e++) {
            String[] cells = lines.get(e + 1).split(",");
            EpochStats s = h.epochs().get(e);
            assertEquals(Integer.toString(e + 1), cells[0]);
            assertEquals(s.trainLoss(), Double.parseDouble(cells[1]), 0);
            assertEquals(s.validationAccuracy(), Double.parseDouble(cells[4]), 0);
            assertEquals(s.learningRate(), Double.parseDouble(cells[5]), 0);
        }
        String text = Files.readString(json);
        assertTrue(text.startsWith("[{\"epoch\":1,\"loss\":"), text);
        assertTrue(text.contains("\"double_epoch\":4") && !text.contains("nothing"), text);
        assertThrows(IllegalArgumentException.class, () -> Listeners.history(dir.resolve("h.txt")));
    }
}
