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

    /**
     * After a step: a checkpoint every {@code every} steps, or now when a listener {@code asked}, with the weights
     * checked finite first. True when a request falls on the epoch's last step: the epoch's own checkpoint then
     * answers it, even if training stops there.
     */
    boolean afterStep(TrainingState state, int batchesPerEpoch, double lr, boolean asked) throws IOException {
        boolean due = every > 0 && ++steps % every == 0;
        if (file == null || !(due || asked)) {
            return false;
        }
        if (state.nextBatch >= batchesPerEpoch) {
            return asked;
        }
        DivergenceGuard.checkWeights(state.network.params(), "in epoch " + (state.epoch + 1) + ", batch "
                + state.nextBatch, lr);
        Checkpoint.of(state, fingerprint).write(file);
        return false;
    }

    /** After an epoch the run goes on from (its weights already checked by the divergence guard). */
    void afterEpoch(TrainingState state) throws IOException {
        if (file != null) {
            Checkpoint.of(state, fingerprint).write(file);
        }
    }
}
