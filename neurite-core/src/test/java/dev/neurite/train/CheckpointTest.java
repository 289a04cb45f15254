package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.data.Dataset;
import dev.neurite.model.Network;
import dev.neurite.optim.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    private static final String SPEC = "10-d0.2-32relu-d0.3-16tanh-3softmax";

    private static Trainer.Builder settings() {
        return Trainer.builder().epochs(6).batchSize(16).seed(4).optimizer(Adam.of(0.01)).l2(1e-4).earlyStopping(50, true);
    }

    /** Thrown by a listener to cut a run short, as a crash would. */
    private static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aRunCutShortAndResumedEndsWithTheSameWeights() throws IOException {
        Dataset train = Dataset.classification(TestData.uniform(200, 10, -1, 1, 1), TestData.labels(200, 3, 2), 3);
        Dataset val = Dataset.classification(TestData.uniform(50, 10, -1, 1, 3), TestData.labels(50, 3, 4), 3);
        Network straight = Network.of(SPEC, 7);
        History full = settings().build().fit(straight, train, val);

        for (int crashAt : new int[] {5, 13, 26, 40}) {   // mid-epoch and right after an epoch's last batch
            Path ckpt = dir.resolve("run" + crashAt);
            Network cut = Network.of(SPEC, 7);
            int[] steps = {0};
            Trainer withCheckpoints = settings().checkpoints(ckpt, 3).build();
            assertThrows(Crash.class, () -> withCheckpoints.fit(cut, train, val, new TrainingListener() {
                @Override
                public void onBatch(BatchStats s) {
                    if (++steps[0] == crashAt) {
                        throw new Crash();
                    }
                }
            }));
            Network resumed = Network.of(SPEC, 99);          // other initial weights: the checkpoint replaces them
            History rest = withCheckpoints.resume(ckpt, resumed, train, val);
            float[][] a = straight.snapshot(), b = resumed.snapshot();
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], "crash at step " + crashAt + ", tensor " + i);
            }
            assertEquals(full.epochs().size(), rest.epochs().size());
            assertEquals(full.last().validationLoss(), rest.last().validationLoss());
            assertEquals(full.last().trainLoss(), rest.last().trainLoss());
        }
    }

    @Test
    void aCheckpointOfAnotherRunOrACorruptedOneIsRefused() throws IOException {
        Dataset train = Dataset.classification(TestData.uniform(64, 10, -1, 1, 1), TestData.labels(64, 3, 2), 3);
        Path ckpt = dir.resolve("c");
        settings().epochs(1).checkpoints(ckpt, 0).build().fit(Network.of(SPEC, 7), train);
        Path file = ckpt.resolve(Checkpoint.FILE_NAME);
        assertTrue(Files.isRegularFile(file));
        var other = assertThrows(IOException.class, () -> settings().seed(5).build().resume(ckpt, Network.of(SPEC, 7), train, null));
        assertTrue(other.getMessage().contains("was written by another run"), other.getMessage());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        var corrupt = assertThrows(IOException.class, () -> settings().build().resume(ckpt, Network.of(SPEC, 7), train, null));
        assertTrue(corrupt.getMessage().endsWith("the checkpoint is corrupted (SHA-256 mismatch); resume from another one"),
                corrupt.getMessage());
        Files.write(file, new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> settings().build().resume(ckpt, Network.of(SPEC, 7), train, null));
    }
}
