package dev.neurite.cli;

import dev.neurite.data.Dataset;
import dev.neurite.data.TargetScaling;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import dev.neurite.train.Trainer;

/**
 * What {@code neurite train}'s options build for one training set: the network, its loss and the trainer, with
 * every option that shapes the run applied (network and optimizer options, schedule, L1/L2/max-norm,
 * {@code --patience}, the training controls and class weights of {@link ControlOptions}, checkpoints).
 * {@code train} builds its run here, and so does {@link TrainRun} for every fold and trial of {@code cv} and
 * {@code tune}, so an option means the same in all three commands.
 */
record TrainSetup(Network network, Loss loss, Trainer trainer) {
    /**
     * The network (its weights drawn from --seed), loss and trainer the options of {@code t} give for
     * {@code train}, the data as the network will see it (split, scaled and normalised).
     */
    static TrainSetup of(TrainCommand t, Dataset train) {
        Network network = t.net.build(train, t.seed, t.batchSize);
        Loss loss = t.net.loss(train);
        Trainer.Builder builder = Trainer.builder().epochs(t.epochs).batchSize(t.batchSize).seed(t.seed)
                .optimizer(t.net.optimizer()).loss(loss).l1(t.net.l1).l2(t.net.l2).maxNorm(t.net.maxNorm)
                .schedule(t.net.schedule(t.epochs)).threads(t.threads);
        if (t.patience != null) {
            builder.earlyStopping(t.patience, true);
        }
        t.control.configure(builder, train, loss, t.net.schedule(t.epochs));
        if (t.checkpointDir != null) {
            builder.checkpoints(t.checkpointDir, t.checkpointEvery);
        }
        return new TrainSetup(network, loss, builder.build());
    }

    /**
     * The standardisation of a regression's targets that {@code t} asks for (--target-scaling, standard by
     * default but with --no-bias), fitted on {@code train}; null for class labels or none.
     */
    static TargetScaling targetScaling(TrainCommand t, Dataset train) {
        return train.kind() == Dataset.Kind.REGRESSION && t.preprocess.scalesTargets(t.net.noBias)
                ? TargetScaling.fit(train.y()) : null;
    }

    /** The optimizer as the commands print and save it: {@code Adam(learningRate=0.001, …)}. */
    String optimizerText() {
        return trainer.optimizer().toString().replace("[", "(").replace("]", ")");
    }
}
