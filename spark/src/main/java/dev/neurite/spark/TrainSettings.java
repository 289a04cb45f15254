package dev.neurite.spark;

import dev.neurite.data.Batching;
import dev.neurite.data.NormalizationKind;
import dev.neurite.layer.Activation;
import dev.neurite.layer.Init;
import dev.neurite.loss.Loss;
import dev.neurite.model.Architecture;
import dev.neurite.model.LayerSpec;
import dev.neurite.model.OutputHead;
import dev.neurite.optim.Adam;
import dev.neurite.optim.AdamW;
import dev.neurite.optim.LearningRateSchedule;
import dev.neurite.optim.OptimizerConfig;
import dev.neurite.optim.Regularization;
import dev.neurite.optim.Sgd;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything a distributed run needs to rebuild its network, loss, optimizer and batching on any JVM:
 * plain values only, so that it travels in a task's closure. The estimators' Params produce it.
 *
 * @param hidden          hidden layer sizes (empty for none)
 * @param activation      the hidden activation: tanh, sigmoid, relu or leaky-relu
 * @param dropout         dropout rate after each hidden layer, in [0, 1)
 * @param inputDropout    dropout rate on the inputs, in [0, 1)
 * @param init            the initialiser's name, or "" for the architecture's default
 * @param bias            dense layers with biases (false: {@code neurite train --no-bias})
 * @param optimizer       sgd, momentum, nesterov, adam or adamw
 * @param learningRate    the step size (the schedule's base rate)
 * @param schedule        the learning-rate schedule's name, or "" for seed-decay with a decay, constant without
 * @param decay           the decay d of seed-decay and inverse-time
 * @param momentum        momentum and nesterov's constant
 * @param l1              penalty l1·Σ|w| on weights
 * @param l2              penalty (l2/2)·Σw² on weights
 * @param maxNorm         bound on each unit's incoming weight norm, or 0 for none
 * @param normalize       the feature scaling fitted on the training data: none, min-max or standard
 * @param epochs          passes over the data (rounds are counted from them)
 * @param batchSize       examples per local step
 * @param seed            the seed of the initial weights and of every RNG stream
 * @param shuffle         shuffle each shard every epoch (false: its rows in order)
 * @param workers         partitions to train on (0: the data's own partitioning)
 * @param averagingPeriod K, local steps per round (0: one pass over each shard)
 * @param strategy        "average" (weights and optimizer state) or "weights" (weights; the optimizer restarts)
 * @param checkpointDir   the driver's checkpoint folder, or "" for none
 * @param checkpointEvery rounds between checkpoints
 */
record TrainSettings(int[] hidden, String activation, double dropout, double inputDropout, String init, boolean bias,
                     String optimizer, double learningRate, String schedule, double decay, double momentum, double l1,
                     double l2, double maxNorm, String normalize, int epochs, int batchSize, long seed, boolean shuffle,
                     int workers, int averagingPeriod, String strategy, String checkpointDir, int checkpointEvery)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    static final List<String> ACTIVATIONS = List.of("tanh", "sigmoid", "relu", "leaky-relu");
    static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "nesterov", "adam", "adamw");
    static final List<String> STRATEGIES = List.of("average", "weights");
    static final List<String> INITS = List.of("", "seed-uniform", "unit-uniform", "xavier", "xavier-normal", "he", "he-normal");
    static final List<String> SCHEDULES = List.of("", "constant", "seed-decay", "inverse-time", "cosine", "cosine-per-step",
            "one-cycle");

    TrainSettings {
        hidden = hidden.clone();
        for (int units : hidden) {
            if (units <= 0) {
                throw new IllegalArgumentException("hiddenLayers sizes must be > 0, was " + units + " in " + Arrays.toString(hidden));
            }
        }
        oneOf("activation", activation, ACTIVATIONS);
        oneOf("optimizer", optimizer, OPTIMIZERS);
        oneOf("strategy", strategy, STRATEGIES);
        oneOf("init", init, INITS);
        oneOf("schedule", schedule, SCHEDULES);
        oneOf("normalize", normalize, NormalizationKind.names());
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
        }
        if (!(inputDropout >= 0 && inputDropout < 1)) {
            throw new IllegalArgumentException("inputDropout must be in [0, 1) (the probability of dropping an input), was "
                    + inputDropout);
        }
        if (dropout > 0 && hidden.length == 0) {
            throw new IllegalArgumentException("dropout " + dropout + " needs a hidden layer to drop units of");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0 and finite, was " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), was " + momentum);
        }
        nonNegative("l1", l1, "");
        nonNegative("l2", l2, "");
        nonNegative("maxNorm", maxNorm, " (0: none)");
        nonNegative("decay", decay, "");
        boolean decays = schedule.equals("seed-decay") || schedule.equals("inverse-time");
        if (decay > 0 && !decays && !schedule.isEmpty()) {
            throw new IllegalArgumentException("decay " + decay + " is not used by schedule " + schedule
                    + " (only seed-decay and inverse-time use it)");
        }
        if (decays && decay == 0) {
            throw new IllegalArgumentException("schedule " + schedule + " needs decay > 0, was " + decay);
        }
        positive("epochs", epochs);
        positive("batchSize", batchSize);
        positive("checkpointEvery", checkpointEvery);
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be >= 0 (0: the data's partitions), was " + workers);
        }
        if (averagingPeriod < 0) {
            throw new IllegalArgumentException("averagingPeriod must be >= 0 (0: one pass over each shard per round), was "
                    + averagingPeriod);
        }
    }

    private static void oneOf(String name, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(name + " must be one of " + String.join(", ", allowed.stream()
                    .filter(s -> !s.isEmpty()).toList()) + ", was '" + value + "'");
        }
    }

    private static void nonNegative(String name, double value, String note) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be >= 0 and finite" + note + ", was " + value);
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    @Override
    public int[] hidden() { return hidden.clone(); }

    /** The loss: softmax + cross-entropy for classes, mean squared error for a regression. */
    static Loss loss(boolean classes) {
        return classes ? Loss.crossEntropy() : Loss.meanSquaredError();
    }

    /** The network for {@code inputs} features and {@code outputs} classes or targets, as {@code neurite train} builds it. */
    Architecture architecture(int inputs, int outputs, boolean classes) {
        List<LayerSpec> layers = new ArrayList<>();
        if (inputDropout > 0) {
            layers.add(new LayerSpec.Dropout(inputDropout));
        }
        Activation.Function f = Activation.Function.parse(activation);
        for (int units : hidden) {
            layers.add(new LayerSpec.Dense(units, f));
            if (dropout > 0) {
                layers.add(new LayerSpec.Dropout(dropout));
            }
        }
        layers.add(new LayerSpec.Dense(outputs, OutputHead.outputActivationFor(loss(classes), classes)));
        return new Architecture(inputs, layers, bias, init.isEmpty() ? null : Init.parse(init));
    }

    OptimizerConfig optimizerConfig() {
        return switch (optimizer) {
            case "sgd" -> Sgd.plain(learningRate);
            case "momentum" -> Sgd.momentum(learningRate, momentum);
            case "nesterov" -> Sgd.nesterov(learningRate, momentum);
            case "adam" -> Adam.of(learningRate);
            case "adamw" -> AdamW.of(learningRate);
            default -> throw new IllegalStateException(optimizer);
        };
    }

    Regularization regularization() {
        return new Regularization(l1, l2, maxNorm);
    }

    /**
     * The learning-rate schedule, as {@code neurite train --schedule} builds it (over {@code epochs}). A partition
     * takes it at its own epoch and batch, as {@code Trainer} does, so one partition follows it step for step.
     */
    LearningRateSchedule learningRateSchedule() {
        return LearningRateSchedule.named(schedule, decay, epochs);
    }

    NormalizationKind normalization() {
        return NormalizationKind.parse(normalize);
    }

    Batching batching() {
        return shuffle ? Batching.shuffled(batchSize) : Batching.sequential(batchSize);
    }

    /**
     * What makes a checkpoint this run's: every setting that shapes the weights (not the epoch count, unless the
     * schedule runs over it). The settings added after the first release appear only when set, so a checkpoint
     * written before them still resumes.
     */
    String fingerprint() {
        String base = String.join(" | ", Arrays.toString(hidden), activation, "dropout=" + dropout, "init=" + init, optimizer,
                "lr=" + learningRate, "momentum=" + momentum, "l2=" + l2, "batch=" + batchSize, "seed=" + seed,
                "shuffle=" + shuffle, "workers=" + workers, "K=" + averagingPeriod, strategy);
        LearningRateSchedule s = learningRateSchedule();
        return base + (inputDropout > 0 ? " | inputDropout=" + inputDropout : "") + (bias ? "" : " | no bias")
                + (l1 > 0 ? " | l1=" + l1 : "") + (maxNorm > 0 ? " | maxNorm=" + maxNorm : "")
                + (s instanceof LearningRateSchedule.Constant ? "" : " | " + s)
                + (normalize.equals("none") ? "" : " | normalize=" + normalize);
    }
}
