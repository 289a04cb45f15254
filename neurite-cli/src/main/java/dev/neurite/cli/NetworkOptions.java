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
    @Option(names = "--hidden", split = ",", paramLabel = "N[,N...]", hideParamSyntax = true, defaultValue = "128",
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

    @Option(names = "--loss", paramLabel = "NAME", description = "cross-entropy (or ce: softmax + cross-entropy),"
            + " binary-cross-entropy (or bce: a sigmoid per output + binary cross-entropy), mse (mean squared error),"
            + " sse (or sum-of-squares) (default: cross-entropy for classes, mse for --regression).")
    String loss;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "sgd|momentum|nesterov|adam|adamw",
            description = "Optimizer (default: ${DEFAULT-VALUE}); momentum is the second article's.")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default: 0.001 for adam/adamw, 0.1 otherwise).")
    Double lr;

    @Option(names = "--momentum", defaultValue = "0.9", paramLabel = "X", description = "Momentum constant of --optimizer momentum and nesterov, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "0.01", paramLabel = "X", description = "Decoupled weight decay of --optimizer adamw (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--decay", defaultValue = "0", paramLabel = "X", description = "Learning-rate decay X >= 0 of the seed-decay (the second article's: each epoch lr <- lr / (1 + X*epoch))"
                    + " and inverse-time schedules; refused with --schedule constant or cosine.")
    double decay;

    @Option(names = "--schedule", paramLabel = "constant|seed-decay|inverse-time|cosine|cosine-per-step|one-cycle",
            description = "Learning-rate schedule: constant; seed-decay and inverse-time (both need --decay);"
                    + " cosine (from --lr down to 0 over --epochs); cosine-per-step (the same, changing every step);"
                    + " one-cycle (PyTorch's OneCycleLR peaking at --lr, per step) (default: seed-decay with --decay, constant otherwise).")
    String schedule;

    @Option(names = "--l1", defaultValue = "0", paramLabel = "X", description = "L1 penalty X*sum|w| on weights.")
    double l1;

    @Option(names = "--l2", defaultValue = "0", paramLabel = "X", description = "L2 penalty X/2*sum(w^2) on weights.")
    double l2;

    @Option(names = "--dropout", defaultValue = "0", paramLabel = "X", description = "Dropout rate in [0, 1) after each hidden layer.")
    double dropout;

    @Option(names = "--input-dropout", defaultValue = "0", paramLabel = "X", description = "Dropout rate in [0, 1) on the inputs.")
    double inputDropout;

    @Option(names = "--batch-norm", description = "Batch normalisation after every hidden dense layer, before its activation"
            + " (784-256bnrelu-10softmax); needs batches of at least 2 examples.")
    boolean batchNorm;

    @Option(names = "--max-norm", defaultValue = "0", paramLabel = "X", description = "Bound on each unit's incoming weight norm (0: none).")
    double maxNorm;

    static final List<String> ACTIVATIONS = List.of("tanh", "sigmoid", "relu", "leaky-relu");
    static final List<String> INITS = List.of("seed-uniform", "unit-uniform", "xavier", "xavier-normal", "he", "he-normal");
    static final List<String> LOSSES = List.of("cross-entropy", "ce", "binary-cross-entropy", "bce", "mse", "sse", "sum-of-squares");
    static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "nesterov", "adam", "adamw");
    static final List<String> SCHEDULES = List.of("constant", "seed-decay", "inverse-time", "cosine", "cosine-per-step", "one-cycle");

    /**
     * Checks every option's value, and refuses options that the others would make ignored, before any
     * configuration is built; {@code given} tells which options were on the command line.
     */
    void validate(java.util.function.Predicate<String> given) {
        OptionChecks.oneOf("--activation", activation, ACTIVATIONS);
        if (init != null) {
            OptionChecks.oneOf("--init", init, INITS);
        }
        if (loss != null) {
            OptionChecks.oneOf("--loss", loss, LOSSES);
        }
        OptionChecks.oneOf("--optimizer", optimizer, OPTIMIZERS);
        if (lr != null) {
            OptionChecks.positive("--lr", lr);
        }
        OptionChecks.unit("--momentum", momentum, "the fraction of the last step kept");
        OptionChecks.ignored(given.test("--momentum") && !optimizer.equals("momentum") && !optimizer.equals("nesterov"),
                "--momentum", "with --optimizer " + optimizer + " (only momentum and nesterov use it)");
        OptionChecks.nonNegative("--weight-decay", weightDecay);
        OptionChecks.ignored(given.test("--weight-decay") && !optimizer.equals("adamw"),
                "--weight-decay", "with --optimizer " + optimizer + " (only adamw uses it; --l2 penalises weights for any optimizer)");
        OptionChecks.nonNegative("--decay", decay);
        if (schedule != null) {
            OptionChecks.oneOf("--schedule", schedule, SCHEDULES);
            boolean decays = schedule.equals("seed-decay") || schedule.equals("inverse-time");
            OptionChecks.ignored(given.test("--decay") && !decays, "--decay", "with --schedule " + schedule
                    + " (only seed-decay and inverse-time use it)");
            if (decays && !(decay > 0)) {
                throw new IllegalArgumentException("--schedule " + schedule + " needs --decay X > 0, was " + decay);
            }
        }
        for (String option : new String[] {"--l1", "--l2", "--max-norm"}) {
            OptionChecks.nonNegative(option, option.equals("--l1") ? l1 : option.equals("--l2") ? l2 : maxNorm);
        }
        OptionChecks.unit("--dropout", dropout, "the probability of dropping a unit");
        OptionChecks.unit("--input-dropout", inputDropout, "the probability of dropping an input");
        for (int units : hidden) {
            if (units < 0 || (units == 0 && hidden.size() > 1)) {
                throw new IllegalArgumentException("--hidden sizes must be > 0 (or a single 0 for no hidden layer), was " + units);
            }
        }
        OptionChecks.ignored(batchNorm && hidden.equals(List.of(0)), "--batch-norm",
                "with --hidden 0 (there is no hidden layer to normalise)");
        OptionChecks.ignored(given.test("--dropout") && dropout > 0 && hidden.equals(List.of(0)), "--dropout",
                "with --hidden 0 (there is no hidden layer to drop units of; --input-dropout drops inputs)");
    }

    /** The architecture for this data (input and output sizes come from it); nothing is allocated yet. */
    Architecture architecture(Dataset train) {
        List<LayerSpec> layers = new ArrayList<>();
        if (inputDropout > 0) {
            layers.add(new LayerSpec.Dropout(inputDropout));
        }
        Activation.Function f = Activation.Function.parse(activation);
        for (int units : hidden) {
            if (units == 0) {
                break;
            }
            LayerSpec.Dense dense = new LayerSpec.Dense(units, f);
            layers.add(batchNorm ? dense.withBatchNorm() : dense);
            if (dropout > 0) {
                layers.add(new LayerSpec.Dropout(dropout));
            }
        }
        layers.add(new LayerSpec.Dense(train.targetSize(), OutputHead.outputActivationFor(loss(train), train.hasLabels())));
        Init initializer = init == null ? null : Init.parse(init);
        return new Architecture(train.inputSize(), layers, !noBias, initializer);
    }

    /** The network for this data, once {@link MemoryBudget} has found that it fits. */
    Network build(Dataset train, long seed, int batchSize) {
        Architecture arch = architecture(train);
        if (batchNorm && train.size() % batchSize == 1) {
            throw new IllegalArgumentException("--batch-norm: with " + train.size() + " training examples and --batch-size "
                    + batchSize + " the last batch of each epoch holds 1 example, and batch normalisation needs at least 2"
                    + " to estimate a variance; choose another --batch-size");
        }
        MemoryBudget.checkTrainable(arch, Math.min(batchSize, train.size()), "--hidden " + hiddenText());
        return arch.build(seed);
    }

    private String hiddenText() {
        return String.join(",", hidden.stream().map(String::valueOf).toList());
    }

    Loss loss(Dataset train) {
        if (loss == null) {
            return train.hasLabels() ? Loss.crossEntropy() : Loss.meanSquaredError();
        }
        Loss l = Loss.parse(loss);
        if (!train.hasLabels() && dev.neurite.model.OutputHead.needsClasses(l)) {
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
        try {
            return LearningRateSchedule.named(schedule, decay, epochs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--schedule: " + e.getMessage());
        }
    }
}
