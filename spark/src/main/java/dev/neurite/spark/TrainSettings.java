package dev.neurite.spark;

import dev.neurite.data.Batching;
import dev.neurite.layer.Activation;
import dev.neurite.layer.Init;
import dev.neurite.loss.Loss;
import dev.neurite.model.Architecture;
import dev.neurite.model.LayerSpec;
import dev.neurite.model.OutputHead;
import dev.neurite.optim.Adam;
import dev.neurite.optim.AdamW;
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
 * @param init            the initialiser's name, or "" for the architecture's default
 * @param optimizer       sgd, momentum, nesterov, adam or adamw
 * @param learningRate    the step size
 * @param momentum        momentum and nesterov's constant
 * @param l2              penalty (l2/2)·Σw² on weights
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
record TrainSettings(int[] hidden, String activation, double dropout, String init, String optimizer, double learningRate,
                     double momentum, double l2, int epochs, int batchSize, long seed, boolean shuffle, int workers,
                     int averagingPeriod, String strategy, String checkpointDir, int checkpointEvery) implements Serializable {
    private static final long serialVersionUID = 1L;

    static final List<String> ACTIVATIONS = List.of("tanh", "sigmoid", "relu", "leaky-relu");
    static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "nesterov", "adam", "adamw");
    static final List<String> STRATEGIES = List.of("average", "weights");
    static final List<String> INITS = List.of("", "seed-uniform", "unit-uniform", "xavier", "xavier-normal", "he", "he-normal");

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
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
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
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be >= 0 and finite, was " + l2);
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
        Activation.Function f = Activation.Function.parse(activation);
        for (int units : hidden) {
            layers.add(new LayerSpec.Dense(units, f));
            if (dropout > 0) {
                layers.add(new LayerSpec.Dropout(dropout));
            }
        }
        layers.add(new LayerSpec.Dense(outputs, OutputHead.outputActivationFor(loss(classes), classes)));
        return new Architecture(inputs, layers, true, init.isEmpty() ? null : Init.parse(init));
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
        return new Regularization(0, l2, 0);
    }

    Batching batching() {
        return shuffle ? Batching.shuffled(batchSize) : Batching.sequential(batchSize);
    }

    /** What makes a checkpoint this run's: every setting that shapes the weights (not the epoch count). */
    String fingerprint() {
        return String.join(" | ", Arrays.toString(hidden), activation, "dropout=" + dropout, "init=" + init, optimizer,
                "lr=" + learningRate, "momentum=" + momentum, "l2=" + l2, "batch=" + batchSize, "seed=" + seed,
                "shuffle=" + shuffle, "workers=" + workers, "K=" + averagingPeriod, strategy);
    }
}
