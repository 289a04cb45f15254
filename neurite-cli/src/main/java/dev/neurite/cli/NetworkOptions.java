package dev.neurite.cli;

import dev.neurite.data.Dataset;
import dev.neurite.layer.Activation;
import dev.neurite.layer.Init;
import dev.neurite.loss.Loss;
import dev.neurite.model.Architecture;
import dev.neurite.model.LayerSpec;
import dev.neurite.model.Network;
import dev.neurite.model.OutputHead;
import dev.neurite.optim.Adam;
import dev.neurite.optim.AdamW;
import dev.neurite.optim.LearningRateSchedule;
import dev.neurite.optim.OptimizerConfig;
import dev.neurite.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The network, loss, optimizer and regularisation options of {@code neurite train}. */
final class NetworkOptions {
    @Option(names = "--hidden", split = ",", paramLabel = "N[,N...]", defaultValue = "128",
            description = "Hidden layer sizes (default: ${DEFAULT-VALUE}); 0 for none.")
    List<Integer> hidden;

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "tanh|sigmoid|relu|leaky-relu",
            description = "Hidden activation (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--init", paramLabel = "NAME", description = "seed-uniform (uniform(-1,1), the second article), unit-uniform ([0,1), the first),"
            + " xavier, xavier-normal, he, he-normal (default: he before relu, xavier otherwise).")
    String init;

    @Option(names = "--no-bias", description = "Dense layers without biases.")
    boolean noBias;

    @Option(names = "--loss", paramLabel = "cross-entropy|mse|sse", description = "Loss (default: cross-entropy for classes, mse for --regression).")
    String loss;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "sgd|momentum|nesterov|adam|adamw",
            description = "Optimizer (default: ${DEFAULT-VALUE}); momentum is the second article's.")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default: 0.001 for adam/adamw, 0.1 otherwise).")
    Double lr;

    @Option(names = "--momentum", defaultValue = "0.9", paramLabel = "X", description = "Momentum constant (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "0.01", paramLabel = "X", description = "AdamW's decoupled weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--decay", defaultValue = "0", paramLabel = "X", description = "The second article's decay: each epoch lr <- lr / (1 + X*epoch).")
    double decay;

    @Option(names = "--schedule", paramLabel = "constant|seed-decay|inverse-time|cosine",
            description = "Learning-rate schedule (default: seed-decay with --decay, constant otherwise).")
    String schedule;

    @Option(names = "--l1", defaultValue = "0", paramLabel = "X", description = "L1 penalty X*sum|w| on weights.")
    double l1;

    @Option(names = "--l2", defaultValue = "0", paramLabel = "X", description = "L2 penalty X/2*sum(w^2) on weights.")
    double l2;

    @Option(names = "--dropout", defaultValue = "0", paramLabel = "X", description = "Dropout rate after each hidden layer.")
    double dropout;

    @Option(names = "--input-dropout", defaultValue = "0", paramLabel = "X", description = "Dropout rate on the inputs.")
    double inputDropout;

    @Option(names = "--max-norm", defaultValue = "0", paramLabel = "X", description = "Bound on each unit's incoming weight norm (0: none).")
    double maxNorm;

    /** The network for this data: input and output sizes come from it. */
    Network build(Dataset train, long seed) {
        List<LayerSpec> layers = new ArrayList<>();
        if (inputDropout > 0) {
            layers.add(new LayerSpec.Dropout(inputDropout));
        }
        Activation.Function f = Activation.Function.parse(activation);
        if (f == Activation.Function.SOFTMAX || f == Activation.Function.IDENTITY) {
            throw new IllegalArgumentException("--activation must be tanh, sigmoid, relu or leaky-relu, was " + activation);
        }
        for (int units : hidden) {
            if (units == 0 && hidden.size() == 1) {
                break;
            }
            if (units <= 0) {
                throw new IllegalArgumentException("--hidden sizes must be > 0, was " + units);
            }
            layers.add(new LayerSpec.Dense(units, f));
            if (dropout > 0) {
                layers.add(new LayerSpec.Dropout(dropout));
            }
        }
        layers.add(new LayerSpec.Dense(train.targetSize(), OutputHead.outputActivationFor(loss(train), train.hasLabels())));
        Init initializer = init == null ? null : Init.parse(init);
        return new Architecture(train.inputSize(), layers, !noBias, initializer).build(seed);
    }

    Loss loss(Dataset train) {
        if (loss == null) {
            return train.hasLabels() ? Loss.crossEntropy() : Loss.meanSquaredError();
        }
        Loss l = Loss.parse(loss);
        if (!train.hasLabels() && l.fusedActivation() != null) {
            throw new IllegalArgumentException("--loss " + loss + " needs class labels; with --regression use mse or sse");
        }
        return l;
    }

    OptimizerConfig optimizer() {
        boolean adam = optimizer.equals("adam") || optimizer.equals("adamw");
        double rate = lr != null ? lr : adam ? 0.001 : 0.1;
        return switch (optimizer) {
            case "sgd" -> Sgd.plain(rate);
            case "momentum" -> Sgd.momentum(rate, momentum);
            case "nesterov" -> Sgd.nesterov(rate, momentum);
            case "adam" -> Adam.of(rate);
            case "adamw" -> new AdamW(rate, 0.9, 0.999, 1e-8, weightDecay);
            default -> throw new IllegalArgumentException("--optimizer must be sgd, momentum, nesterov, adam or adamw, was " + optimizer);
        };
    }

    LearningRateSchedule schedule(int epochs) {
        String name = schedule != null ? schedule : decay > 0 ? "seed-decay" : "constant";
        return switch (name) {
            case "constant" -> LearningRateSchedule.constant();
            case "seed-decay" -> LearningRateSchedule.seedDecay(decay);
            case "inverse-time" -> LearningRateSchedule.inverseTime(decay);
            case "cosine" -> LearningRateSchedule.cosine(epochs, 0);
            default -> throw new IllegalArgumentException("--schedule must be constant, seed-decay, inverse-time or cosine, was " + name);
        };
    }
}
