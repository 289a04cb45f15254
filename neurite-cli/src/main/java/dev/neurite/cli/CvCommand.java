package dev.neurite.cli;

import dev.neurite.data.Dataset;
import dev.neurite.data.Folds;
import dev.neurite.data.Split;
import dev.neurite.io.AtomicFile;
import dev.neurite.io.Json;
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
 * {@code neurite cv}: k-fold cross-validation of the network {@code neurite train} would train with the
 * same options; stratified for classes, plain k-fold for regression; the folds and every run are
 * determined by {@code --seed}.
 */
@Command(name = "cv", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "neurite cv --folds K [--output FILE] [--json] [TRAIN OPTIONS]",
        description = {"Cross-validate: split the training data into K folds (stratified by class; plain k-fold for --regression),"
                + " train on K-1 of them and score the held-out fold, K times; print each fold's figures and the mean"
                + " \u00b1 standard deviation of each. The folds and every run follow from --seed."},
        footer = {"", "TRAIN OPTIONS are those of 'neurite train --help' (the data, network, optimizer and run options),"
                + " except " + CvCommand.REFUSED_LIST + ". With --patience, each fold stops early on its --validation-split"
                + " (taken from its training part) or on the training loss."})
final class CvCommand implements Callable<Integer> {
    static final String REFUSED_LIST = "--test, --test-targets, --unknown-category, --out, --report, --checkpoint-dir,"
            + " --checkpoint-every, --resume, --history and --dashboard";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--folds", required = true, paramLabel = "K", description = "Number of folds, at least 2 and at most the size of the smallest class.")
    int folds;

    @Option(names = "--output", paramLabel = "FILE", description = "Write every fold's figures and the summary here as JSON (atomically).")
    Path output;

    @Option(names = "--json", description = "End with the same JSON on one line.")
    boolean json;

    @CommandLine.Unmatched
    List<String> trainArgs = new ArrayList<>();

    /**
     * Train options without meaning for cross-validation and search, and why: refused by name, so that none is
     * accepted and ignored (every other train option acts on each run as it does in train: TrainRun).
     */
    static Map<String, String> refused(String command) {
        Map<String, String> r = new LinkedHashMap<>();
        String none = "neurite " + command + " writes no report";
        String noTest = "it reads no test file (evaluate a saved model on one with neurite evaluate)";
        r.put("--test", "the held-out folds are the test data (evaluate a saved model on a test file with neurite evaluate)");
        r.put("--test-targets", noTest);
        r.put("--unknown-category", noTest + "; every category of the training file is known");
        r.put("--report", none);
        r.put("--checkpoint-dir", "its runs are not checkpointed");
        r.put("--checkpoint-every", "its runs are not checkpointed");
        r.put("--resume", "its runs are not checkpointed");
        r.put("--history", "it trains many models and writes each run's figures to --output, not one history file");
        r.put("--dashboard", "its many runs have no live page (neurite train --dashboard shows one run)");
        return r;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        Map<String, String> refused = refused("cv");
        refused.put("--out", "cross-validation trains K models and keeps none; train the chosen options with neurite train --out");
        TrainCommand t = TrainRun.parse("cv", trainArgs, refused);
        PrintWriter log = t.quiet ? new PrintWriter(java.io.Writer.nullWriter()) : stdout;
        if (folds < 2 || folds > Folds.MAX_FOLDS) {
            throw new IllegalArgumentException("--folds must be in [2, " + Folds.MAX_FOLDS + "], was " + folds);
        }
        Outputs.refuseUnwritable("--output", output, false);
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("--train", t.trainCsv);
        Outputs.refuseInputs("--output", output, inputs);
        DataOptions.Loaded data = TrainRun.load(t, log, spec.commandLine().getErr());
        Dataset all = data.train();
        List<Split> splits;
        try {
            splits = Folds.of(all, folds, t.seed, all.hasLabels());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--folds " + folds + ": " + data.description() + ": " + e.getMessage()
                    + "; use fewer folds", e);
        }
        log.printf(Locale.ROOT, "%s: %d examples in %d %sfolds, seed %d%n", data.description(), all.size(), folds,
                all.hasLabels() ? "stratified " : "", t.seed);
        log.flush();
        List<Json> results = new ArrayList<>();
        List<Map<String, Double>> scores = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            Split s = splits.get(f);
            Dataset validation = null, train = s.train();
            if (t.validationSplit != null) {
                Split inner = TrainRun.split(t, train, t.validationSplit);
                train = inner.train();
                validation = inner.validation();
            }
            String name = data.description() + " fold " + (f + 1);
            TrainRun.Result r = TrainRun.fit(t, name, train, validation, s.validation());
            scores.add(r.scores());
            results.add(new Json().put("fold", f + 1).put("train", train.size()).put("validation", validation == null ? 0 : validation.size())
                    .put("held_out", s.validation().size()).put("epochs", r.history().epochs().size()).put("scores", r.scores()));
            log.printf(Locale.ROOT, "fold %d/%d: %d training examples, %d held out, %d epochs: %s%n", f + 1, folds, train.size(),
                    s.validation().size(), r.history().epochs().size(), brief(r.scores()));
            log.flush();
        }
        Map<String, double[]> summary = summarize(scores);
        stdout.printf(Locale.ROOT, "%d-fold cross-validation of %s (mean \u00b1 standard deviation over the folds)%n", folds, data.description());
        Map<String, Object> summaryJson = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : summary.entrySet()) {
            stdout.printf(Locale.ROOT, "  %-20s %s \u00b1 %s%n", e.getKey(), ClassScores.f4(e.getValue()[0]), ClassScores.f4(e.getValue()[1]));
            summaryJson.put(e.getKey(), new Json().put("mean", e.getValue()[0]).put("std", e.getValue()[1]));
        }
        Json result = new Json().put("folds", folds).put("seed", t.seed).put("data", data.description()).put("examples", all.size())
                .put("stratified", all.hasLabels()).put("train_options", trainArgs).put("summary", summaryJson).put("fold_results", results);
        if (output != null) {
            String text = result + "\n";
            AtomicFile.writeText(output, w -> w.write(text));
            log.println("folds written to " + output);
        }
        if (json) {
            stdout.println(result);
        }
        stdout.flush();
        return 0;
    }

    /** Mean and population standard deviation (numpy's default, as scikit-learn's cv_results_) of each figure. */
    static Map<String, double[]> summarize(List<Map<String, Double>> runs) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String key : runs.get(0).keySet()) {
            double sum = 0;
            for (Map<String, Double> r : runs) {
                sum += r.get(key);
            }
            double mean = sum / runs.size(), squares = 0;
            for (Map<String, Double> r : runs) {
                squares += (r.get(key) - mean) * (r.get(key) - mean);
            }
            out.put(key, new double[] {mean, Math.sqrt(squares / runs.size())});
        }
        return out;
    }

    /** The headline figures of one run: accuracy, macro F1, log-loss and ROC AUC, or RMSE, MAE and R²; then the loss. */
    static String brief(Map<String, Double> scores) {
        StringBuilder sb = new StringBuilder();
        for (String key : new String[] {"accuracy", "f1_macro", "roc_auc", "roc_auc_ovr", "rmse", "mae", "r2", "loss"}) {
            if (scores.containsKey(key)) {
                sb.append(sb.isEmpty() ? "" : ", ").append(key).append(' ').append(ClassScores.f4(scores.get(key)));
            }
        }
        return sb.toString();
    }
}
