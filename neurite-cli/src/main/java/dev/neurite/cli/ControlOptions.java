package dev.neurite.cli;

import dev.neurite.data.Dataset;
import dev.neurite.loss.Loss;
import dev.neurite.loss.LossWeights;
import dev.neurite.optim.GradientClipping;
import dev.neurite.optim.LearningRateSchedule;
import dev.neurite.train.Listeners;
import dev.neurite.train.ReduceOnPlateau;
import dev.neurite.train.Trainer;
import dev.neurite.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/**
 * {@code neurite train}'s training-control and imbalanced-data options: gradient clipping, warm-up,
 * ReduceLROnPlateau, the history file, class and example weights, label smoothing. Checked before any data
 * is read ({@link #validate}); applied to the trainer once the data is known ({@link #configure}).
 */
final class ControlOptions {
    @Option(names = "--clip-norm", paramLabel = "X", description = "Clip the gradients to a global L2 norm of at most X before each update (PyTorch's clip_grad_norm_).")
    Double clipNorm;

    @Option(names = "--clip-value", paramLabel = "X", description = "Clip each gradient element to [-X, X] before each update (before --clip-norm when both are given).")
    Double clipValue;

    @Option(names = "--warmup", paramLabel = "STEPS|Ne", description = "Warm the learning rate up linearly over the first STEPS steps ('500') or N epochs ('2e', '0.5e'), in front of any --schedule.")
    String warmup;

    @Option(names = "--reduce-lr-on-plateau", paramLabel = "FACTOR", description = "Multiply the learning rate by FACTOR in (0, 1) after --plateau-patience epochs without a lower validation loss (training loss without --validation-split).")
    Double plateauFactor;

    @Option(names = "--plateau-patience", paramLabel = "N", description = "Epochs without improvement before --reduce-lr-on-plateau acts (default: 5).")
    Integer plateauPatience;

    @Option(names = "--history", paramLabel = "FILE.csv|FILE.json", description = "Write every epoch's figures to this file (CSV or JSON by its name), replaced atomically after each epoch.")
    Path history;

    @Option(names = "--class-weights", paramLabel = "balanced|W0,W1,...", description = "Weigh each class's examples in the training loss: 'balanced' (n / (classes * n_c), scikit-learn's) or one weight per class in class order.")
    String classWeights;

    @Option(names = "--weight-column", paramLabel = "NAME", description = "The CSV column (by header name) holding each example's weight in the training loss; not a feature.")
    String weightColumn;

    @Option(names = "--label-smoothing", paramLabel = "EPS", description = "Label smoothing in [0, 1) for cross-entropy and binary-cross-entropy: targets (1 - EPS) * y + EPS / K.")
    Double labelSmoothing;

    static final int DEFAULT_PLATEAU_PATIENCE = 5;

    /** Checks every value, naming the option; {@code given} tells which options were on the command line. */
    void validate(Predicate<String> given) {
        if (clipNorm != null) {
            OptionChecks.positive("--clip-norm", clipNorm);
        }
        if (clipValue != null) {
            OptionChecks.positive("--clip-value", clipValue);
        }
        if (warmup != null) {
            schedule(LearningRateSchedule.constant());
        }
        if (plateauFactor != null) {
            OptionChecks.openUnit("--reduce-lr-on-plateau", plateauFactor, "the factor the learning rate is multiplied by");
        }
        OptionChecks.ignored(plateauFactor == null && given.test("--plateau-patience"), "--plateau-patience",
                "without --reduce-lr-on-plateau FACTOR");
        if (plateauPatience != null) {
            OptionChecks.positive("--plateau-patience", plateauPatience, "epochs without improvement before the rate is reduced");
        }
        if (classWeights != null && !classWeights.equals("balanced")) {
            weights(classWeights);
        }
        if (labelSmoothing != null) {
            OptionChecks.unit("--label-smoothing", labelSmoothing, "the probability mass spread over the classes");
        }
        if (history != null) {
            String name = history.getFileName() == null ? "" : history.getFileName().toString();
            if (!name.endsWith(".csv") && !name.endsWith(".json")) {
                throw new IllegalArgumentException("--history " + history + " must end in .csv or .json (the file's format)");
            }
        }
    }

    /** {@code after}, warmed up by --warmup when given. */
    LearningRateSchedule schedule(LearningRateSchedule after) {
        if (warmup == null) {
            return after;
        }
        String w = warmup.trim();
        try {
            if (w.endsWith("e")) {
                double epochs = Double.parseDouble(w.substring(0, w.length() - 1));
                if (epochs > 0 && Double.isFinite(epochs)) {
                    return LearningRateSchedule.warmupEpochs(epochs, after);
                }
            } else if (w.matches("\\d{1,9}") && Integer.parseInt(w) > 0) {
                return LearningRateSchedule.warmupSteps(Integer.parseInt(w), after);
            }
        } catch (NumberFormatException e) {
            // the message below says what is accepted
        }
        throw new IllegalArgumentException("--warmup must be a number of steps > 0 ('500') or of epochs > 0 ('2e', '0.5e'), was '"
                + warmup + "'");
    }

    private static double[] weights(String text) {
        String[] parts = text.split(",", -1);
        double[] w = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                w[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--class-weights must be 'balanced' or numbers separated by commas, was '" + text
                        + "' ('" + parts[i] + "' is not a number)");
            }
            if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                throw new IllegalArgumentException("--class-weights: the weight of class " + i + " must be >= 0 and finite, was "
                        + parts[i].trim());
            }
        }
        if (java.util.Arrays.stream(w).noneMatch(v -> v > 0)) {
            throw new IllegalArgumentException("--class-weights " + text + ": at least one weight must be > 0");
        }
        return w;
    }

    /** Sets clipping, loss weights, ReduceOnPlateau and the warmed-up {@code schedule} for {@code train} and {@code loss}. */
    void configure(Trainer.Builder builder, Dataset train, Loss loss, LearningRateSchedule schedule) {
        builder.schedule(schedule(schedule));
        if (clipNorm != null || clipValue != null) {
            builder.clipping(new GradientClipping(clipNorm == null ? 0 : clipNorm, clipValue == null ? 0 : clipValue));
        }
        LossWeights w = LossWeights.NONE;
        if (labelSmoothing != null && labelSmoothing > 0) {
            if (loss.fusedActivation() == null) {
                throw new IllegalArgumentException("--label-smoothing is for --loss cross-entropy and binary-cross-entropy, the loss is "
                        + loss.cliName());
            }
            w = w.labelSmoothing(labelSmoothing);
        }
        if (classWeights != null && !train.hasLabels()) {
            throw new IllegalArgumentException("--class-weights needs class labels; this is a regression (use --weight-column)");
        }
        if (classWeights != null && classWeights.equals("balanced")) {
            builder.balancedClassWeights();
        } else if (classWeights != null) {
            double[] given = weights(classWeights);
            if (given.length != train.numClasses()) {
                throw new IllegalArgumentException("--class-weights has " + given.length + " weights, the training data has "
                        + train.numClasses() + " classes" + (train.classNames() == null ? "" : " " + train.classNames())
                        + "; give one per class, in that order");
            }
            w = w.classWeights(given);
        }
        builder.lossWeights(w);
        if (plateauFactor != null) {
            builder.reduceOnPlateau(new ReduceOnPlateau(plateauFactor,
                    plateauPatience == null ? DEFAULT_PLATEAU_PATIENCE : plateauPatience, 0));
        }
    }

    /** The listeners these options add: the history file, with {@code extra}'s figures of each epoch. */
    List<TrainingListener> listeners(java.util.function.IntFunction<java.util.Map<String, Double>> extra) {
        List<TrainingListener> l = new ArrayList<>();
        if (history != null) {
            l.add(Listeners.history(history, s -> extra.apply(s.epoch())));
        }
        return l;
    }
}
