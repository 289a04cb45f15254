package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.data.Batching;
import dev.neurite.data.Dataset;
import dev.neurite.layer.Init;
import dev.neurite.loss.Loss;
import dev.neurite.metrics.Evaluation;
import dev.neurite.model.Architecture;
import dev.neurite.model.Network;
import dev.neurite.optim.Adam;
import dev.neurite.optim.LearningRateSchedule;
import dev.neurite.optim.Sgd;
import dev.neurite.seeds.XorSeed;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {
    static String weightHash(Network net) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (float[] p : net.snapshot()) {
            ByteBuffer b = ByteBuffer.allocate(p.length * 4);
            b.asFloatBuffer().put(p);
            sha.update(b.array());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void xorLearnsAsTheFirstSeedShows() {
        int learned = 0;
        for (long seed = 1; seed <= 10; seed++) {
            XorSeed.Result r = XorSeed.run(seed, XorSeed.ITERATIONS);
            learned += r.learned(0.1) ? 1 : 0;
            // the loss curve falls: the seed's plot starts near 1 and ends near 0
            assertTrue(r.losses()[0] > 0.5, "seed " + seed + " starts at " + r.losses()[0]);
            assertTrue(r.losses()[XorSeed.ITERATIONS - 1] < 0.02, "seed " + seed + " ends at " + r.losses()[XorSeed.ITERATIONS - 1]);
        }
        assertTrue(learned >= 9, "only " + learned + " of 10 seeds learned XOR");
    }

    @Test
    void xorLossCurveIsReproducible() {
        XorSeed.Result a = XorSeed.run(3, 200), b = XorSeed.run(3, 200);
        assertArrayEquals(a.losses(), b.losses());
        for (int i = 1; i < 200; i++) {
            assertTrue(a.losses()[i] <= a.losses()[i - 1] + 1e-3, "the full-batch loss falls step by step, at " + i);
        }
    }

    private static Trainer spiralTrainer(long seed, int epochs) {
        return Trainer.builder().epochs(epochs).batchSize(32).seed(seed)
                .optimizer(Adam.of(0.01)).loss(Loss.crossEntropy()).l2(1e-5).build();
    }

    @Test
    void sameSeedGivesBitIdenticalWeights() throws Exception {
        Dataset data = TestData.spirals(100, 3, 1);
        List<String> hashes = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Network net = Network.of("2-d0.1-32relu-d0.2-32tanh-3softmax", 5);
            spiralTrainer(5, 3).fit(net, data);
            hashes.add(weightHash(net));
        }
        assertEquals(hashes.get(0), hashes.get(1));
        Network other = Network.of("2-d0.1-32relu-d0.2-32tanh-3softmax", 5);
        spiralTrainer(6, 3).fit(other, data);
        assertNotEquals(hashes.get(0), weightHash(other), "another training seed shuffles and drops differently");
    }

    @Test
    void weightsAreBitIdenticalForAnyThreadCount() throws Exception {
        // wide enough that the products are split between threads
        Dataset data = Dataset.classification(TestData.uniform(600, 300, 0, 1, 1), TestData.labels(600, 10, 2), 10);
        List<String> hashes = new ArrayList<>();
        for (int threads : new int[] {1, 2, 3}) {
            Network net = Network.of("300-d0.2-256relu-d0.5-256tanh-10softmax", 3);
            Trainer.builder().epochs(2).batchSize(128).seed(3).threads(threads).optimizer(Sgd.momentum(0.05, 0.9))
                    .build().fit(net, data);
            hashes.add(weightHash(net));
        }
        assertEquals(hashes.get(0), hashes.get(1));
        assertEquals(hashes.get(0), hashes.get(2));
    }

    @Test
    void learnsSpiralsThatNoLinearModelCan() {
        Dataset train = TestData.spirals(200, 3, 1), test = TestData.spirals(100, 3, 2);
        Network net = Network.of("2-64relu-64relu-3softmax", 1);
        History h = spiralTrainer(1, 60).fit(net, train, test);
        assertEquals(60, h.epochs().size());
        assertTrue(h.last().validationAccuracy() > 0.9, "spirals test accuracy " + h.last().validationAccuracy());
        assertTrue(h.last().trainLoss() < h.epochs().get(0).trainLoss() / 3);
        assertEquals(h.last().validationAccuracy(), Evaluation.of(net, test).accuracy(), 1e-12);
    }

    @Test
    void theSecondSeedsRecipeRuns() {
        // uniform(-1,1) with bias units, tanh, softmax + cross-entropy, momentum as the seed writes it,
        // the seed's compounding decay and its array_split batching
        Dataset train = TestData.spirals(100, 2, 3);
        Network net = Architecture.parse("2-30tanh-2softmax", true, Init.SEED_UNIFORM).build(1);
        Trainer t = Trainer.builder().epochs(200).batching(Batching.arraySplit(4)).seed(1)
                .optimizer(Sgd.momentum(0.05, 0.9)).schedule(LearningRateSchedule.seedDecay(1e-4))
                .loss(Loss.crossEntropy()).l1(1e-5).l2(1e-4).build();
        History h = t.fit(net, train);
        assertTrue(h.last().learningRate() < 0.05);
        assertTrue(h.last().trainAccuracy() > 0.85, "accuracy " + h.last().trainAccuracy());
    }

    @Test
    void earlyStoppingRestoresTheBestEpoch() {
        Dataset train = TestData.spirals(30, 2, 1), val = TestData.spirals(30, 2, 9);
        Network net = Network.of("2-64relu-64relu-2softmax", 1);
        // a large rate and a tiny training set overfit fast: validation loss turns up
        Trainer t = Trainer.builder().epochs(300).batchSize(8).seed(1).optimizer(Adam.of(0.05))
                .earlyStopping(5, true).build();
        List<float[][]> weights = new ArrayList<>();
        History h = t.fit(net, train, val, new TrainingListener() {
            @Override
            public void onEpoch(EpochStats s) {
                weights.add(net.snapshot());
            }
        });
        assertTrue(h.stoppedEarly());
        assertEquals(h.bestEpoch() + 6, h.epochs().size(), "stops after 5 epochs without improvement");
        double best = h.epochs().stream().mapToDouble(EpochStats::validationLoss).min().orElseThrow();
        assertEquals(best, h.epochs().get(h.bestEpoch()).validationLoss());
        assertArrayEquals(weights.get(h.bestEpoch())[0], net.snapshot()[0]);
    }

    @Test
    void listenersSeeEveryBatchAndMayStop() {
        Dataset data = TestData.spirals(50, 2, 1);
        List<BatchStats> seen = new ArrayList<>();
        History h = Trainer.builder().epochs(5).batchSize(30).build().fit(Network.of("2-4tanh-2softmax", 1), data,
                new TrainingListener() {
                    @Override
                    public void onBatch(BatchStats s) {
                        seen.add(s);
                    }

                    @Override
                    public boolean stopRequested() {
                        return seen.size() == 6;
                    }
                });
        assertEquals(6, seen.size());
        assertEquals(4, seen.get(0).batchesPerEpoch());
        assertEquals(10, seen.get(3).size(), "100 examples in batches of 30: the last has 10");
        assertEquals(2, h.epochs().size());
        assertTrue(h.stoppedEarly());
    }

    @Test
    void divergenceIsReportedNotHidden() {
        Dataset data = Dataset.regression(TestData.uniform(20, 3, 100, 200, 1), TestData.uniform(20, 1, 1e6, 1e7, 2));
        Trainer t = Trainer.builder().epochs(50).batchSize(20).optimizer(Sgd.plain(10)).loss(Loss.meanSquaredError()).build();
        var e = assertThrows(ArithmeticException.class, () -> t.fit(Network.of("3-8tanh-1", 1), data));
        assertTrue(e.getMessage().contains("lower the learning rate"), e.getMessage());
    }

    @Test
    void mismatchedDataAndBadSettingsAreRefused() {
        Trainer t = Trainer.builder().epochs(1).build();
        var e = assertThrows(IllegalArgumentException.class, () -> t.fit(Network.of("3-2softmax", 1), TestData.spirals(5, 2, 1)));
        assertEquals("the network takes 3 inputs but the training data has 2 features per row", e.getMessage());
        assertEquals("epochs must be > 0, was 0", assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder().epochs(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder().batchSize(-1));
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder().l2(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder().l1(-1));
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder().earlyStopping(0, true));
        assertFalse(Trainer.builder().build().regularization().maxNorm() > 0);
    }
}
