/**
 * Training: a {@link dev.neurite.train.TrainingStep} trains one minibatch (forward, loss, backward,
 * regularisation, optimizer step, constraints) on a {@link dev.neurite.train.TrainingState}, which holds
 * everything a run changes (weights, optimizer state, RNG streams, position, running sums, history,
 * early stopping) and can be snapshotted in memory ({@link dev.neurite.train.Checkpoint}) or as bytes.
 * {@link dev.neurite.train.Trainer} runs the loop around the steps: epochs of minibatches, validation
 * after each epoch, {@link dev.neurite.train.TrainingListener}s told about every batch and epoch (acting
 * through a {@link dev.neurite.train.TrainingControl}: stop, scale the rate, ask for a checkpoint),
 * {@link dev.neurite.train.ReduceOnPlateau}, early stopping, checkpoints, and the
 * {@link dev.neurite.train.History} (also written to a file by {@link dev.neurite.train.Listeners#history}). A run that diverges (a non-finite
 * loss, gradient or weight, or a loss grown a thousandfold) stops with
 * {@link dev.neurite.train.TrainingDivergedException}, a non-finite loss or gradient before the weights
 * are touched; checkpoints are validated value by value on resume and their folder is locked while a run
 * writes them.
 *
 * <p>All randomness (shuffling, dropout masks) comes from the configured seed, so the same seed gives
 * bit-identical weights run after run, and a state carried across calls or restored from a snapshot
 * continues with the bits of a run never stopped. Left out: distributed training (the steps and the
 * state's bytes are its seam), mixed precision.
 */
package dev.neurite.train;
