package dev.neurite.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * When a run writes its checkpoint ({@code dir/checkpoint.nrtckpt}, each replacing the last): after every
 * epoch and, when {@code every > 0}, every {@code every} steps inside an epoch (a step that ends the epoch
 * is left to the epoch's own checkpoint). Does nothing without a folder.
 */
final class Checkpoints {
    private final Path file;
    private final int every;
    private final String fingerprint;
    private long steps;

    /** @param dir the checkpoint folder, or null for none */
    Checkpoints(Path dir, int every, String fingerprint) {
        this.file = dir == null ? null : dir.resolve(Checkpoint.FILE_NAME);
        this.every = every;
        this.fingerprint = fingerprint;
    }

    /** After a step: a checkpoint every {@code every} steps, with the weights checked finite first. */
    void afterStep(TrainingState state, int batchesPerEpoch, double lr) throws IOException {
        if (file != null && every > 0 && ++steps % every == 0 && state.nextBatch < batchesPerEpoch) {
            DivergenceGuard.checkWeights(state.network.params(), "in epoch " + (state.epoch + 1) + ", batch "
                    + state.nextBatch, lr);
            Checkpoint.of(state, fingerprint).write(file);
        }
    }

    /** After an epoch the run goes on from (its weights already checked by the divergence guard). */
    void afterEpoch(TrainingState state) throws IOException {
        if (file != null) {
            Checkpoint.of(state, fingerprint).write(file);
        }
    }
}
