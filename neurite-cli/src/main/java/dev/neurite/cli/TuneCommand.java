package dev.neurite.cli;

import dev.neurite.data.Dataset;
import dev.neurite.data.Folds;
import dev.neurite.data.Split;
import dev.neurite.infer.Predictor;
import dev.neurite.io.ModelFile;
import dev.neurite.io.SavedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite tune}: random or grid search over a declared space of train options, each trial scored on a
 * validation split or by k-fold cross-validation, with early stopping; a leaderboard, every trial in a JSON
 * file (resumable) and the best model.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "neurite tune (--trials N | --grid) --space FILE --output FILE [--folds K] [--metric NAME] [TRAIN OPTIONS]",
        description = {"Search hyper-parameters: train one network per trial with the train options plus the trial's values from"
                + " --space, score it on a validation split (--validation-split, default 0.2) or by --folds K cross-validation,"
                + " and keep every trial in --output, which a rerun with the same options resumes. Trials stop early"
                + " (--patience, default 5). With --out MODEL, the best trial's options are trained once more and saved."},
        footer = {"", "The space is JSON: {\"lr\": {\"log_uniform\": [1e-4, 0.1]}, \"hidden\": [[8], [16], [32, 16]], \"dropout\": [0.0, 0.2]}."
                + " Each key is a train option (lr, hidden, dropout, l2, batch-size, ...); a list is a choice, an object names"
                + " a distribution: log_uniform, uniform or int_uniform [low, high]. Limits: 10,000 trials, a 1 MiB space of"
                + " at most 64 keys and 100 choices each, a grid of 10,000 points.",
                "TRAIN OPTIONS are those of 'neurite train --help', except --test, --test-targets, --unknown-category,"
                + " --report, --checkpoint-dir, --checkpoint-every, --resume, --history, --dashboard and --json."})
final class TuneCommand implements Callable<Integer> {
    static final int MAX_TRIALS = 10_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--trials", paramLabel = "N", description = "Trials to run (random search; with --grid, the first N points).")
    Integer trials;

    @Option(names = "--grid", description = "Try every combination of the space's lists, in order (the last key varies fastest).")
    boolean grid;

    @Option(names = "--space", required = true, paramLabel = "FILE", description = "The search space as JSON (see below).")
    Path spaceFile;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "Every trial's parameters, options and scores as JSON, rewritten atomically after each; rerunning resumes it.")
    Path output;

    @Option(names = "--folds", paramLabel = "K", description = "Score each trial by K-fold cross-validation (stratified for classes) instead of a validation split.")
    Integer folds;

    @Option(names = "--metric", paramLabel = "NAME", defaultValue = "loss",
            description = "The held-out figure to optimise: loss, accuracy, f1_macro, log_loss, roc_auc, rmse, r2, ... (default: ${DEFAULT-VALUE});"
                    + " losses and errors are minimised, the rest maximised.")
    String metric;

    @CommandLine.Unmatched
    List<String> trainArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        Map<String, String> refused = CvCommand.refused("tune");
        refused.put("--json", "every trial is written to --output as JSON");
        TrainCommand base = TrainRun.parse("tune", trainArgs, refused);
        PrintWriter log = base.quiet ? new PrintWriter(java.io.Writer.nullWriter()) : stdout;
        List<String> baseArgs = runOptions(trainArgs);
        if (base.patience == null) {
            baseArgs.addAll(List.of("--patience", "5"));
        }
        double fraction = base.validationSplit != null ? base.validationSplit : 0.2;
        if (folds == null && base.validationSplit == null) {
            baseArgs.addAll(List.of("--validation-split", "0.2"));
        }
        if (folds != null && (folds < 2 || folds > Folds.MAX_FOLDS)) {
            throw new IllegalArgumentException("--folds must be in [2, " + Folds.MAX_FOLDS + "], was " + folds);
        }
        SearchSpace space = SearchSpace.read(spaceFile, tunable());
        for (SearchSpace.Dimension d : space.dimensions()) {
            if (baseArgs.contains(d.option())) {
                throw new IllegalArgumentException(d.option() + " is both a train option and a key of " + spaceFile + " ('" + d.key()
                        + "'); leave it out of one of them");
            }
        }
        int count = count(space);
        CommandLine checker = new CommandLine(new TrainCommand());
        for (Map<String, Object> corner : space.corners()) {         // every value checked before any data is read
            TrainRun.parse(checker, "tune", join(baseArgs, space.args(corner)), refused);
        }
        Outputs.refuseUnwritable("--output", output, false);
        Outputs.refuseUnwritable("--out", base.out, false);
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("--train", base.trainCsv);
        inputs.put("--space", spaceFile);
        Outputs.refuseInputs("--output", output, inputs);
        Outputs.refuseInputs("--out", base.out, inputs);
        DataOptions.Loaded data = TrainRun.load(base, log, spec.commandLine().getErr());
        Dataset all = data.train();
        List<String> figures = TrainRun.figureNames(all);
        if (!figures.contains(metric)) {
            throw new IllegalArgumentException("--metric must be one of " + String.join(", ", figures) + " for " + data.description()
                    + ", was '" + metric + "'" + NearMiss.hint(metric, figures));
        }
        boolean lower = TrainRun.lowerIsBetter(metric);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("neurite_tune", 1L);
        settings.put("search", grid ? "grid" : "random");
        settings.put("seed", base.seed);
        settings.put("data", data.description());
        settings.put("validation", folds != null ? folds + " folds" : "split " + fraction);
        settings.put("metric", metric);
        settings.put("goal", lower ? "minimize" : "maximize");
        settings.put("space", space.json());
        settings.put("train_options", baseArgs);
        TrialsFile file = TrialsFile.open(output, settings);
        Trials runner = new Trials(base, data.description(), all, folds, fraction, metric);
        log.printf(Locale.ROOT, "%s: %d examples; %s search, %d trials, scored by %s on %s%n", data.description(), all.size(),
                grid ? "grid" : "random", count, metric, folds != null ? folds + "-fold cross-validation" : "a validation split of " + fraction);
        Leaderboard board = new Leaderboard(lower);
        int resumed = file.size();
        for (int i = 0; i < count; i++) {
            Map<String, Object> params = grid ? space.gridPoint(i) : space.sample(base.seed, i);
            List<String> args = join(baseArgs, space.args(params));
            Map<String, Object> trial;
            if (i < file.size()) {
                trial = file.trial(i);
                if (!TrialsFile.normal(params).equals(trial.get("params"))) {
                    throw new IllegalArgumentException("--output " + output + ": trial " + (i + 1) + " has the parameters "
                            + dev.neurite.io.Json.write(trial.get("params")) + ", this search " + dev.neurite.io.Json.write(params)
                            + "; give another --output");
                }
            } else {
                trial = TrialsFile.normal(runner.run(i, params, TrainRun.parse("tune", args, refused), args));
            }
            board.add(trial);
            if (i >= file.size()) {
                file.add(trial, board.best());
            }
            log.printf(Locale.ROOT, "trial %d/%d%s: %s -> %s %s (%s epochs)%n", i + 1, count, i < file.size() && i < resumed ? " (from "
                    + output + ")" : "", dev.neurite.io.Json.write(params), metric, ClassScores.f4(Leaderboard.score(trial)),
                    dev.neurite.io.Json.write(trial.get("epochs")));
            log.flush();
        }
        board.print(stdout, metric, 10);
        Map<String, Object> best = board.best();
        if (base.out != null && best != null) {
            @SuppressWarnings("unchecked")
            List<String> bestArgs = (List<String>) best.get("options");
            TrainCommand t = TrainRun.parse("tune", bestArgs, refused);
            TrainRun.Result r = runner.refit(t);
            Map<String, String> meta = ModelMetadata.provenance(t.seed, data.description(), r.history().epochs().size());
            meta.put("user.tune_trial", String.valueOf(best.get("trial")));
            meta.put("user.tune_" + metric, String.valueOf(best.get("score")));
            ModelMetadata.data(meta, !all.hasLabels(), all, data.schema(), r.scaling(), base.control.weightColumn);
            ModelFile.save(new SavedModel(r.network(), r.loss(), r.normalization(), all.classNames(), meta), base.out);
            log.println("best model (trial " + best.get("trial") + ") saved to " + base.out);
            if (data.test() != null) {
                Predictor p = Predictor.of(r.network(), r.normalization(), r.loss());
                stdout.println("best model on the test data of " + data.description() + ": " + CvCommand.brief(TrainRun.scores(p, data.test())));
            }
        }
        log.println("trials written to " + output);
        stdout.flush();
        return 0;
    }

    private int count(SearchSpace space) {
        if (trials != null && (trials < 1 || trials > MAX_TRIALS)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--trials must be in [1, %,d], was %d", MAX_TRIALS, trials));
        }
        if (grid) {
            long size = space.gridSize();
            return (int) (trials == null ? size : Math.min(size, trials));
        }
        if (trials == null) {
            throw new IllegalArgumentException("say how many trials to run: --trials N (random search), or --grid for every combination");
        }
        return trials;
    }

    /** train's options that a space may set → whether each is a flag. */
    static Map<String, Boolean> tunable() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (CommandLine.Model.OptionSpec o : new CommandLine(new TrainCommand()).getCommandSpec().options()) {
            if (!SearchSpace.NOT_TUNABLE.contains(o.longestName())) {
                m.put(o.longestName(), o.arity().max() == 0);
            }
        }
        return m;
    }

    /** The train options that shape a trial's result: all but --out (where the best model goes) and --quiet. */
    static List<String> runOptions(List<String> args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--out")) {
                i++;
            } else if (!a.startsWith("--out=") && !a.equals("--quiet")) {
                kept.add(a);
            }
        }
        return kept;
    }

    private static List<String> join(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
