package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.data.Dataset;
import dev.neurite.model.Network;
import dev.neurite.optim.Adam;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint whose SHA-256 is valid but whose values no run could have written is refused, never obeyed. */
class CheckpointValidationTest {
    @TempDir
    Path dir;

    private static final String SPEC = "10-d0.2-16relu-3softmax";
    private final Dataset train = Dataset.classification(TestData.uniform(64, 10, -1, 1, 1), TestData.labels(64, 3, 2), 3);

    private static Trainer.Builder settings() {
        return Trainer.builder().epochs(4).batchSize(16).seed(4).optimizer(Adam.of(0.01)).earlyStopping(50, true);
    }

    /** A real checkpoint after two epochs, edited by {@code edit} and written back with a fresh SHA-256. */
    private Path forged(Consumer<Checkpoint> edit) throws IOException {
        Path ckpt = dir.resolve("c");
        settings().epochs(2).checkpoints(ckpt, 0).build().fit(Network.of(SPEC, 7), train);
        Path file = ckpt.resolve(Checkpoint.FILE_NAME);
        String fingerprint;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            in.skipNBytes(8);
            fingerprint = in.readUTF();
        }
        Network net = Network.of(SPEC, 7);
        Checkpoint c = Checkpoint.read(file, fingerprint, net, train.size(), Adam.of(0.01).create(net.params()).state(), 4, 4);
        edit.accept(c);
        c.write(file);
        return ckpt;
    }

    private String refusal(Path ckpt) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IOException.class,
                () -> settings().build().resume(ckpt, Network.of(SPEC, 7), train, null)).getMessage());
    }

    private void refused(Consumer<Checkpoint> edit, String expected) throws IOException {
        String m = refusal(forged(edit));
        assertTrue(m.contains(expected), m);
    }

    @Test
    void anUnforgedCheckpointResumes() throws IOException {
        History h = settings().build().resume(forged(c -> { }), Network.of(SPEC, 7), train, null);
        assertEquals(4, h.epochs().size());
    }

    @Test
    void theAllZeroRngStateIsRefusedInsteadOfSpinningForever() throws IOException {
        String m = refusal(forged(c -> c.shuffleRng = new long[8]));
        assertTrue(m.endsWith("the checkpoint cannot come from this run: an Rng state's four xoshiro words must not all"
                + " be zero; resume from another checkpoint or start again"), m);
    }

    @Test
    void everyImpossibleValueIsNamed() throws IOException {
        refused(c -> c.epoch = 1000, "the checkpoint is at epoch 1000, past this run's 4 epochs");
        refused(c -> c.epoch = -1, "history has 2 epochs at epoch -1");
        refused(c -> c.nextBatch = 4, "its next batch is 4, outside the epoch's 4 batches");
        refused(c -> c.order = new int[64], "holds example 0 twice (at position 1)");
        refused(c -> c.dropoutRng[5] = 7, "flags must be 0 or 1");
        refused(c -> c.optimizerSteps = -3, "its optimizer has taken -3 steps");
        refused(c -> c.optimizerState.set(0, new float[3]), "its optimizer array 0 has 3 values");
        refused(c -> c.weights[1][2] = Float.NaN, "its weight tensor 1 holds NaN at index 2");
        refused(c -> c.seen = 65, "are impossible for 64 examples");
        refused(c -> c.correct = -1, "are impossible for 64 examples");
        refused(c -> c.lossSum = Double.NaN, "are impossible for 64 examples");
        refused(c -> c.epoch = 1, "its history has 2 epochs at epoch 1");
        refused(c -> c.bestEpoch = 2, "its early-stopping state");
        refused(c -> c.sinceBest = -1, "its early-stopping state");
    }

    @Test
    void moreEpochsContinueTheRunFewerAreRefused() throws IOException {
        Path ckpt = dir.resolve("c");
        settings().epochs(2).checkpoints(ckpt, 0).build().fit(Network.of(SPEC, 7), train);
        Network straight = Network.of(SPEC, 7);
        settings().build().fit(straight, train);
        Network resumed = Network.of(SPEC, 1);
        assertEquals(4, settings().build().resume(ckpt, resumed, train, null).epochs().size());
        float[][] a = straight.snapshot(), b = resumed.snapshot();
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], "2 epochs, then resumed to 4, equal 4 epochs");
        }
        var e = assertThrows(IOException.class, () -> settings().epochs(1).build().resume(ckpt, Network.of(SPEC, 7), train, null));
        assertTrue(e.getMessage().endsWith("past this run's 1 epochs: resume with --epochs 2 or more (a larger count"
                + " continues the run)"), e.getMessage());
    }

    @Test
    void otherDataWithTheSameShapeIsAnotherRun() throws IOException {
        Path ckpt = dir.resolve("c");
        settings().epochs(1).checkpoints(ckpt, 0).build().fit(Network.of(SPEC, 7), train);
        Dataset scaled = Dataset.classification(TestData.uniform(64, 10, -1, 1, 1), TestData.labels(64, 3, 2), 3);
        scaled.x().data()[5] *= 1.0001f;                        // one value of 640, as another normalisation would
        var e = assertThrows(IOException.class, () -> settings().build().resume(ckpt, Network.of(SPEC, 7), scaled, null));
        assertTrue(e.getMessage().contains("was written by another run"), e.getMessage());
        Dataset relabelled = Dataset.classification(TestData.uniform(64, 10, -1, 1, 1), TestData.labels(64, 3, 3), 3);
        assertThrows(IOException.class, () -> settings().build().resume(ckpt, Network.of(SPEC, 7), relabelled, null));
    }

    @Test
    void aSecondRunOnTheSameFolderIsRefusedWhileTheFirstHoldsIt() throws IOException {
        Path ckpt = dir.resolve("locked");
        Trainer trainer = settings().epochs(1).checkpoints(ckpt, 0).build();
        String[] second = {null};
        trainer.fit(Network.of(SPEC, 7), train, new TrainingListener() {
            @Override
            public void onBatch(BatchStats s) {
                if (second[0] == null) {
                    second[0] = assertThrows(UncheckedIOException.class, () -> trainer.fit(Network.of(SPEC, 7), train))
                            .getMessage();
                }
            }
        });
        assertTrue(second[0].contains(ckpt + ": another training run is writing checkpoints into this folder"), second[0]);
        trainer.fit(Network.of(SPEC, 7), train);                    // released when the first run ended
        Path file = dir.resolve("file");
        Files.writeString(file, "not a folder");
        var e = assertThrows(UncheckedIOException.class, () -> settings().checkpoints(file, 0).build().fit(Network.of(SPEC, 7), train));
        assertTrue(e.getMessage().endsWith(file + ": the checkpoint folder is a file; name a folder (it is created if missing)"),
                e.getMessage());
        assertEquals("not a folder", Files.readString(file));
    }
}
