package dev.neurite.train;

import dev.neurite.tensor.Rng;
import java.io.IOException;
import java.util.List;

/**
 * The checks on a checkpoint's values once its bytes have been read and their SHA-256 matched: a valid
 * checksum says the file is the one that was written, not that a run could have written it (a file can be
 * forged with a fresh checksum, or written by a buggy version). Every restored value must be one this
 * run can reach: a position inside this run's epochs and batches, an order that is a permutation of the
 * examples, RNG states a generator can be in, counts between 0 and what the data holds, optimizer state
 * of the optimizer's sizes, and finite weights. Bytes decoded without a run
 * ({@link TrainingState#fromBytes}) are checked against {@link Run#ANY}: every rule that does not need
 * the run's data or settings; {@link Trainer#fit(TrainingState, dev.neurite.data.Dataset,
 * dev.neurite.data.Dataset, TrainingListener...)} checks the position against its data before training.
 */
final class CheckpointCheck {
    private CheckpointCheck() {}

    /**
     * What the run resuming a checkpoint has: its number of training examples (-1 when not known), its
     * epochs and its batches per epoch.
     */
    record Run(int examples, int epochs, int batchesPerEpoch) {
        static final Run ANY = new Run(-1, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    static void validate(Checkpoint c, String file, Run run, List<float[]> optimizer) throws IOException {
        int epochs = run.epochs(), batchesPerEpoch = run.batchesPerEpoch();
        long examples = run.examples() >= 0 ? run.examples() : c.order.length > 0 ? c.order.length : Long.MAX_VALUE;
        if (c.epoch < 0) {
            throw bad(file, "its epoch is " + c.epoch);
        }
        if (c.epoch > epochs) {
            throw new IOException(file + ": the checkpoint is at epoch " + c.epoch + ", past this run's " + epochs
                    + " epochs: resume with --epochs " + c.epoch + " or more (a larger count continues the run)");
        }
        if (c.nextBatch < 0 || c.nextBatch >= batchesPerEpoch) {
            throw bad(file, "its next batch is " + c.nextBatch + ", outside the epoch's " + batchesPerEpoch + " batches");
        }
        if (c.nextBatch > 0 && c.order.length == 0) {
            throw bad(file, "its next batch is " + c.nextBatch + " but it holds no order of examples for the epoch");
        }
        boolean[] seen = new boolean[c.order.length];
        for (int i = 0; i < c.order.length; i++) {
            if (seen[c.order[i]]) {
                throw bad(file, "its order of examples holds example " + c.order[i] + " twice (at position " + i
                        + "); it must hold each of the " + c.order.length + " once");
            }
            seen[c.order[i]] = true;
        }
        for (long[] state : List.of(c.shuffleRng, c.dropoutRng)) {
            try {
                Rng.fromState(state);
            } catch (IllegalArgumentException e) {
                throw bad(file, e.getMessage());
            }
        }
        if (c.optimizerSteps < 0) {
            throw bad(file, "its optimizer has taken " + c.optimizerSteps + " steps");
        }
        for (int i = 0; i < optimizer.size(); i++) {
            if (c.optimizerState.get(i).length != optimizer.get(i).length) {
                throw bad(file, "its optimizer array " + i + " has " + c.optimizerState.get(i).length
                        + " values, this optimizer's has " + optimizer.get(i).length);
            }
            finite(file, "optimizer array " + i, c.optimizerState.get(i));
        }
        for (int i = 0; i < c.weights.length; i++) {
            finite(file, "weight tensor " + i, c.weights[i]);
        }
        if (!(c.lossSum >= 0) || Double.isInfinite(c.lossSum) || c.seen < 0 || c.seen > examples
                || c.correct < 0 || c.correct > c.seen) {
            throw bad(file, "its running sums (loss " + c.lossSum + ", " + c.correct + " right of " + c.seen
                    + " seen) are impossible for " + (examples == Long.MAX_VALUE ? "any number of" : examples) + " examples");
        }
        if (c.history.size() != c.epoch) {
            throw bad(file, "its history has " + c.history.size() + " epochs at epoch " + c.epoch);
        }
        for (int i = 0; i < c.history.size(); i++) {
            if (c.history.get(i).epoch() != i) {
                throw bad(file, "its history's entry " + i + " is for epoch " + c.history.get(i).epoch());
            }
        }
        if (Double.isNaN(c.best) || c.bestEpoch < -1 || c.bestEpoch >= Math.max(c.epoch, 1) || c.sinceBest < 0
                || c.sinceBest > c.epoch || (c.bestEpoch == -1) != (c.best == Double.POSITIVE_INFINITY)) {
            throw bad(file, "its early-stopping state (best " + c.best + " at epoch " + c.bestEpoch + ", "
                    + c.sinceBest + " since) is impossible at epoch " + c.epoch);
        }
        if (!(c.rateFactor > 0) || !Double.isFinite(c.rateFactor) || Double.isNaN(c.plateauBest) || c.plateauWait < 0
                || c.plateauWait > c.epoch) {
            throw bad(file, "its learning-rate state (factor " + c.rateFactor + ", plateau best " + c.plateauBest + ", "
                    + c.plateauWait + " epochs since) is impossible at epoch " + c.epoch);
        }
        if (c.bestWeights != null) {
            for (int i = 0; i < c.bestWeights.length; i++) {
                finite(file, "best weight tensor " + i, c.bestWeights[i]);
            }
        }
    }

    private static void finite(String file, String what, float[] values) throws IOException {
        for (int k = 0; k < values.length; k++) {
            if (!Float.isFinite(values[k])) {
                throw bad(file, "its " + what + " holds " + values[k] + " at index " + k);
            }
        }
    }

    private static IOException bad(String file, String what) {
        return new IOException(file + ": the checkpoint cannot come from this run: " + what
                + "; resume from another checkpoint or start again");
    }
}
