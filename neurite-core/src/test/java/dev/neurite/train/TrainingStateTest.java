package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.data.Dataset;
import dev.neurite.model.Network;
import dev.neurite.optim.Adam;
import dev.neurite.optim.LearningRateSchedule;
import dev.neurite.optim.Sgd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TrainingState carries a run across fit calls, snapshots, bytes and checkpoint files, bit for bit. */
class TrainingStateTest {
    @TempDir
    Path dir;

    private static final String SPEC = "10-d0.2-24relu-d0.3-12tanh-3softmax";
    private final Dataset train = Dataset.classification(TestData.uniform(150, 10, -1, 1, 1), TestData.labels(150, 3, 2), 3);
    private final Dataset val = Dataset.classification(TestData.uniform(40, 10, -1, 1, 3), TestData.labels(40, 3, 4), 3);

    /** Shuffling, dropout, Adam's moments, L2, a schedule by epoch and early stopping: every part of the state matters. */
    private static Trainer trainer(int epochs) {
        return Trainer.builder().epochs(epochs).batchSize(16).seed(4).optimizer(Adam.of(0.01)).l2(1e-4)
                .schedule(LearningRateSchedule.step(3, 0.5)).earlyStopping(50, false).build();
    }

    private static void sameWeights(Network expected, Network actual, String what) {
        float[][] a = expected.snapshot(), b = actual.snapshot();
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], what + ", tensor " + i);
        }
    }

    /** The figures of each epoch, without its wall-clock seconds. */
    private static List<String> figures(History h) {
        return h.epochs().stream().map(s -> Arrays.toString(new double[] {s.epoch(), s.trainLoss(), s.trainAccuracy(),
            s.validationLoss(), s.validationAccuracy(), s.learningRate()})).toList();
    }

    @Test
    void aSnapshotOfAnotherArchitectureOrOptimizerKindIsRefusedThoughItsSizesFit() throws IOException {
        Network tanh = Network.of("4-3tanh-2softmax", 1), relu = Network.of("4-3relu-2softmax", 1);
        Checkpoint momentum = TrainingState.start(tanh, Sgd.momentum(0.1, 0.9), 1).snapshot();
        IllegalArgumentException arch = assertThrows(IllegalArgumentException.class,
                () -> TrainingState.start(relu, Sgd.momentum(0.1, 0.9), 1).restore(momentum));
        assertTrue(arch.getMessage().contains("4-3tanh-2softmax"), arch.getMessage());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> TrainingState.start(tanh, Sgd.nesterov(0.1, 0.9), 1).restore(momentum));
        assertTrue(kind.getMessage().contains("Nesterov"), kind.getMessage());
        byte[] bytes = TrainingState.start(tanh, Sgd.momentum(0.1, 0.9), 1).toBytes();
        IOException e = assertThrows(IOException.class,
                () -> TrainingState.fromBytes(bytes, "partition 3", Network.of("4-3relu-2softmax", 1), Sgd.momentum(0.1, 0.9)));
        assertTrue(e.getMessage().startsWith("partition 3: "), e.getMessage());
        TrainingState.start(tanh, Sgd.momentum(0.05, 0.5), 1).restore(momentum);       // other rates: the same kind
    }

    @Test
    void twoFitsOfFiveEpochsOnOneStateEqualOneFitOfTen() {
        Network once = Network.of(SPEC, 7);
        History ten = trainer(10).fit(once, train, val);

        Network twice = Network.of(SPEC, 7);
        Trainer five = trainer(5);
        TrainingState state = five.start(twice);
        assertEquals(5, five.fit(state, train, val).epochs().size());
        assertEquals(5, state.epoch());
        History second = five.fit(state, train, val);
        sameWeights(once, twice, "5 + 5 epochs against 10");
        assertEquals(figures(ten), figures(second), "the state's history is the whole run's");
        assertEquals(10L * 10, state.steps(), "10 batches per epoch, the optimizer's count carried");
    }

    @Test
    void aSnapshotRestoredInMemoryContinuesIdentically() {
        Network net = Network.of(SPEC, 7);
        Trainer two = trainer(2);
        TrainingState state = two.start(net);
        two.fit(state, train, val);
        Checkpoint saved = state.snapshot();
        two.fit(state, train, val);
        float[][] first = net.snapshot();
        List<String> firstHistory = figures(new History(state.history(), false, 0));

        state.restore(saved);
        assertEquals(2, state.epoch());
        assertEquals(2, state.history().size());
        two.fit(state, train, val);
        float[][] again = net.snapshot();
        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(first[i], again[i], "tensor " + i);
        }
        assertEquals(firstHistory, figures(new History(state.history(), false, 0)));
        assertEquals(2, saved.epoch(), "the snapshot did not move with the state");
    }

    @Test
    void bytesRestoreIntoAnotherNetworkMidEpochAndContinueIdentically() throws IOException {
        Network straight = Network.of(SPEC, 7);
        trainer(4).fit(straight, train, val);

        Network cut = Network.of(SPEC, 7);
        Trainer four = trainer(4);
        TrainingState state = four.start(cut);
        byte[][] taken = {null};
        four.fit(state, train, val, new TrainingListener() {
            @Override
            public void onBatch(BatchStats s) {
                if (state.steps() == 17) {                               // inside the second epoch
                    assertEquals(1, state.epoch());
                    assertEquals(7, state.nextBatch());
                    taken[0] = state.toBytes();
                }
            }
        });
        sameWeights(straight, cut, "a listener reading the state changes nothing");
        byte[] bytes = taken[0];

        Network elsewhere = Network.of(SPEC, 99);                       // other weights: the bytes replace them
        TrainingState shipped = TrainingState.fromBytes(bytes, "partition 3", elsewhere, Adam.of(0.01));
        assertEquals(17, shipped.steps());
        trainer(3).fit(shipped, train, val);                            // the rest of epoch 2, then 3 and 4
        sameWeights(straight, elsewhere, "stopped after 17 steps, shipped as bytes, continued");
        assertArrayEquals(bytes, TrainingState.fromBytes(bytes, "again", Network.of(SPEC, 1), Adam.of(0.01)).toBytes(),
                "bytes → state → bytes is the identity");
    }

    @Test
    void aTrainersCheckpointFileReadsAsStateBytes() throws IOException {
        Network net = Network.of(SPEC, 7);
        Path ckpt = dir.resolve("c");
        Trainer.builder().epochs(2).batchSize(16).seed(4).optimizer(Adam.of(0.01)).l2(1e-4)
                .schedule(LearningRateSchedule.step(3, 0.5)).earlyStopping(50, false).checkpoints(ckpt, 0).build()
                .fit(net, train, val);
        Network restored = Network.of(SPEC, 1);
        TrainingState state = TrainingState.fromBytes(Files.readAllBytes(ckpt.resolve(Checkpoint.FILE_NAME)), "ckpt",
                restored, Adam.of(0.01));
        assertEquals(2, state.epoch());
        sameWeights(net, restored, "the file's weights");
    }

    @Test
    void damagedOrForeignBytesAreRefusedNamingTheirSource() throws IOException {
        Network net = Network.of(SPEC, 7);
        TrainingState state = trainer(1).start(net);
        trainer(1).fit(state, train);
        byte[] bytes = state.toBytes();

        byte[] flipped = bytes.clone();
        flipped[flipped.length / 2] ^= 4;
        var e = assertThrows(IOException.class, () -> TrainingState.fromBytes(flipped, "shard-2.state", Network.of(SPEC, 7),
                Adam.of(0.01)));
        assertEquals("shard-2.state: the checkpoint is corrupted (SHA-256 mismatch); resume from another one", e.getMessage());
        e = assertThrows(IOException.class, () -> TrainingState.fromBytes(Arrays.copyOf(bytes, 20), "upload",
                Network.of(SPEC, 7), Adam.of(0.01)));
        assertTrue(e.getMessage().startsWith("upload: "), e.getMessage());
        e = assertThrows(IOException.class, () -> TrainingState.fromBytes(bytes, "upload", Network.of("10-5relu-3softmax", 7),
                Adam.of(0.01)));
        assertEquals("upload: the checkpoint has 12 optimizer arrays, this optimizer 8", e.getMessage());
        e = assertThrows(IOException.class, () -> TrainingState.fromBytes(bytes, "upload", Network.of(SPEC, 7),
                Sgd.momentum(0.1, 0.9)));
        assertEquals("upload: the checkpoint has 12 optimizer arrays, this optimizer 6", e.getMessage());
        e = assertThrows(IOException.class, () -> TrainingState.fromBytes(new byte[0], "empty", Network.of(SPEC, 7),
                Adam.of(0.01)));
        assertEquals("empty: not a Neurite checkpoint (no NRTCKPT1 header)", e.getMessage());
    }

    @Test
    void bytesWithImpossibleValuesAreRefusedAsCheckpointFilesAre() {
        TrainingState fresh = trainer(1).start(Network.of(SPEC, 7));
        Checkpoint zeroRng = fresh.snapshot();
        zeroRng.shuffleRng = new long[8];
        var e = assertThrows(IOException.class, () -> TrainingState.fromBytes(zeroRng.toBytes(), "forged", Network.of(SPEC, 7),
                Adam.of(0.01)));
        assertEquals("forged: the checkpoint cannot come from this run: an Rng state's four xoshiro words must not all be"
                + " zero; resume from another checkpoint or start again", e.getMessage());
        Checkpoint noOrder = fresh.snapshot();
        noOrder.nextBatch = 2;
        e = assertThrows(IOException.class, () -> TrainingState.fromBytes(noOrder.toBytes(), "forged", Network.of(SPEC, 7),
                Adam.of(0.01)));
        assertTrue(e.getMessage().contains("its next batch is 2 but it holds no order of examples"), e.getMessage());
        var other = assertThrows(IllegalArgumentException.class, () -> trainer(1).start(Network.of("10-5relu-3softmax", 1))
                .restore(fresh.snapshot()));
        assertEquals("the checkpoint is of the network " + SPEC + ", this state's is 10-5relu-3softmax", other.getMessage());
    }

    @Test
    void aStateIsRefusedByATrainerOfAnotherOptimizerOrOtherData() {
        Network net = Network.of(SPEC, 7);
        TrainingState state = trainer(1).start(net);
        var e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder().optimizer(Sgd.plain(0.1)).build()
                .fit(state, train));
        assertTrue(e.getMessage().startsWith("the state's optimizer is Adam["), e.getMessage());
        assertThrows(IllegalStateException.class, () -> trainer(1).fit(state, train, new TrainingListener() {
            @Override
            public void onBatch(BatchStats s) {
                if (s.batch() == 2) {
                    throw new IllegalStateException("a crash inside the epoch");
                }
            }
        }));
        Dataset fewer = Dataset.classification(TestData.uniform(40, 10, -1, 1, 1), TestData.labels(40, 3, 2), 3);
        e = assertThrows(IllegalArgumentException.class, () -> trainer(1).fit(state, fewer));
        assertEquals("the state stopped before batch 3 of an epoch over 150 examples; this training data has 40 examples"
                + " in 3 batches: continue it on the data it was trained on", e.getMessage());
    }
}
