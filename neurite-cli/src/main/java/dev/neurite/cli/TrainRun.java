package dev.neurite.cli;

import dev.neurite.data.Dataset;
import dev.neurite.data.Normalization;
import dev.neurite.data.NormalizationKind;
import dev.neurite.data.Split;
import dev.neurite.data.TargetScaling;
import dev.neurite.infer.Predictor;
import dev.neurite.loss.Loss;
import dev.neurite.metrics.Evaluation;
import dev.neurite.model.Network;
import dev.neurite.train.History;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * One training run with {@code neurite train}'s options on data a caller chose (a fold, a trial's split):
 * the recipe {@code cv} and {@code tune} share. The options are parsed and checked by the train command
 * itself, so every train option (and its messages) works the same in all three commands.
 */
final class TrainRun {
    private TrainRun() {}

    /** What a run produced: the trained network and how it scored on the held-out examples. */
    record Result(Network network, Loss loss, Normalization normalization, TargetScaling scaling, History history,
                  Map<String, Double> scores) {}

    /**
     * {@code args} parsed as {@code neurite train}'s options and checked as train checks them.
     *
     * @param refused train options that have no meaning for {@code command}, each with the reason
     */
    static TrainCommand parse(String command, List<String> args, Map<String, String> refused) {
        return parse(new CommandLine(new TrainCommand()), command, args, refused);
    }

    /**
     * {@link #parse(String, List, Map)} into the TrainCommand of {@code cl}, which picocli resets first: one
     * command line checks many argument lists without building its model again.
     */
    static TrainCommand parse(CommandLine cl, String command, List<String> args, Map<String, String> refused) {
        TrainCommand t = cl.getCommand();
        try {
            cl.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            String hint = "";
            if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                    && u.getUnmatched().get(0).startsWith("--")) {
                hint = NearMiss.hint(u.getUnmatched().get(0).replaceFirst("=.*", ""), cl.getCommandSpec().optionsMap().keySet());
            }
            throw new IllegalArgumentException(e.getMessage() + hint + " (neurite " + command + " takes the options of"
                    + " 'neurite train --help')", e);
        }
        for (Map.Entry<String, String> r : refused.entrySet()) {
            if (cl.getParseResult().hasMatchedOption(r.getKey())) {
                throw new IllegalArgumentException(r.getKey() + " is not an option of neurite " + command + ": " + r.getValue());
            }
        }
        if (cl.isUsageHelpRequested() || cl.isVersionHelpRequested()) {
            throw new IllegalArgumentException("--help and --version go before the train options: neurite " + command + " --help");
        }
        TrainChecks.check(t);
        return t;
    }

    /**
     * The training data of {@code t} (--train or --data) read as train reads it (its preprocessing options and
     * --weight-column; warnings to {@code err}), refused as train refuses it when it cannot train a network.
     */
    static DataOptions.Loaded load(TrainCommand t, java.io.PrintWriter log, java.io.PrintWriter err) throws java.io.IOException {
        t.dataOptions.weightColumn = t.control.weightColumn;
        DataOptions.Loaded data = t.dataOptions.forTraining(t.trainCsv, log, t.preprocess, err);
        Dataset train = data.train();
        if (train.inputSize() == 0) {
            throw new IllegalArgumentException(data.description() + ": no feature columns besides the label;"
                    + " a CSV file needs a header row and columns separated by commas");
        }
        if (train.hasLabels() && train.numClasses() < 2) {
            throw new IllegalArgumentException(data.description() + ": every example has one class; a classifier needs"
                    + " examples of at least two classes (for a numeric target, use --regression)");
        }
        return data;
    }

    /** The feature scaling of {@code t}: --normalize, else standard for CSV and none for image data, as train does. */
    static NormalizationKind normalization(TrainCommand t) {
        return t.normalize != null ? NormalizationKind.parse(t.normalize)
                : t.trainCsv != null ? NormalizationKind.STANDARD : NormalizationKind.NONE;
    }

    /**
     * Trains on a copy of {@code train} (normalised by scaling fitted on it; a regression's targets standardised
     * unless t says not, and restored in the network after training), with {@code validation} (may be null) for
     * early stopping, and scores the result on {@code heldOut} (raw features and targets; may be null).
     */
    static Result fit(TrainCommand t, String name, Dataset train, Dataset validation, Dataset heldOut) {
        train = copy(train);
        validation = validation == null ? null : copy(validation);
        TestSets.check(train, name, validation, "the validation split of " + name, heldOut, "the held-out part of " + name);
        TargetScaling scaling = TrainSetup.targetScaling(t, train);
        if (scaling != null) {                                 // trained on (t − mean)/std, as train does
            train = scaling.standardize(train);
            validation = validation == null ? null : scaling.standardize(validation);
        }
        NormalizationKind kind = normalization(t);
        Normalization norm;
        try {
            norm = Normalization.fit(kind, train.x());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": --normalize " + kind + ": " + e.getMessage(), e);
        }
        norm.applyInPlace(train.x());
        if (validation != null) {
            norm.applyInPlace(validation.x());
        }
        TestSets.checkScale(train, name, kind.cliName());
        TrainSetup setup = TrainSetup.of(t, train);
        History history = setup.trainer().fit(setup.network(), train, validation);
        if (scaling != null) {
            scaling.foldInto(setup.network());                 // scored, and saved, in the targets' own units
        }
        Predictor predictor = Predictor.of(setup.network(), norm, setup.loss());
        return new Result(setup.network(), setup.loss(), norm, scaling, history, heldOut == null ? Map.of() : scores(predictor, heldOut));
    }

    /** A trial's validation part when there is no k-fold: t's --validation-split of {@code data} (stratified for classes). */
    static Split split(TrainCommand t, Dataset data, double fraction) {
        try {
            return Split.of(data, fraction, t.seed, data.hasLabels());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--validation-split " + fraction + ": " + e.getMessage() + "; choose another fraction or use more data", e);
        }
    }

    /** Every figure of the predictor on {@code data}: a classifier's {@link ClassScores} or RMSE, MAE and R², then the loss. */
    static Map<String, Double> scores(Predictor predictor, Dataset data) {
        Evaluation ev = predictor.evaluate(data);
        Map<String, Double> m = new LinkedHashMap<>();
        if (ev.isRegression()) {
            m.put("rmse", ev.rmse());
            m.put("mae", ev.mae());
            m.put("r2", ev.r2());
        } else {
            m.putAll(ClassScores.of(predictor, data).all());
        }
        m.put("loss", ev.loss());
        return m;
    }

    /** The names of the figures {@link #scores} gives for {@code data}, in its order. */
    static List<String> figureNames(Dataset data) {
        if (!data.hasLabels()) {
            return List.of("rmse", "mae", "r2", "loss");
        }
        List<String> names = new java.util.ArrayList<>(List.of("accuracy", "precision_macro", "recall_macro", "f1_macro",
                "precision_weighted", "recall_weighted", "f1_weighted", "log_loss"));
        int k = data.numClasses();
        for (int top : new int[] {2, 5}) {
            if (k > top) {
                names.add("top_" + top + "_accuracy");
            }
        }
        names.addAll(List.of(k == 2 ? "roc_auc" : "roc_auc_ovr", "average_precision", "loss"));
        return names;
    }

    /** Whether a smaller value of the figure {@code name} is better (losses and errors). */
    static boolean lowerIsBetter(String name) {
        return name.equals("loss") || name.equals("log_loss") || name.equals("rmse") || name.equals("mae");
    }

    private static Dataset copy(Dataset d) {
        int[] all = new int[d.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return d.subset(all);
    }
}
