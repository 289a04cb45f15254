package dev.neurite.cli;

import dev.neurite.io.Json;
import dev.neurite.data.Dataset;
import dev.neurite.data.FeatureSchema;
import dev.neurite.infer.Predictor;
import dev.neurite.model.Fits;
import dev.neurite.onnx.Models;
import dev.neurite.io.SavedModel;
import dev.neurite.metrics.ClassMetrics;
import dev.neurite.metrics.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neurite evaluate}: a saved classifier's loss, accuracy, confusion matrix and per-class figures, or a
 * regression model's RMSE, MAE and R², through a {@link Predictor}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure a saved model on test data: loss, accuracy, confusion matrix, precision, recall and F1 per class,"
                + " their macro and weighted averages, log-loss, top-k accuracy, ROC AUC and average precision;"
                + " RMSE, MAE and R\u00b2 for a regression model.")
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model file written by 'neurite train --out', or an ONNX file (docs/onnx.md).")
    Path model;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Mixin
    WeightColumnOption weightColumn = new WeightColumnOption();

    @Option(names = "--json", description = "End with one JSON line: accuracy, loss, confusion, per-class figures, metrics (scikit-learn's scorer names;"
            + " null when undefined); a regression: rmse, mae, r2, loss.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        SavedModel saved = Models.load(model);
        Predictor predictor = Predictor.of(saved);
        boolean regression = predictor.head().isRegression();
        if (dataOptions.regression && !regression) {
            throw new IllegalArgumentException("--regression: the model " + model + " is a classifier ("
                    + predictor.head() + "); leave --regression out to evaluate it on class labels");
        }
        dataOptions.csv.check();
        FeatureSchema schema;
        try {
            schema = saved.schema();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(model + ": " + e.getMessage(), e);
        }
        dataOptions.weightColumn = weightColumn.name;         // refused with --data, as train refuses it
        Dataset test = dataOptions.forEvaluation(out, saved.classNames(), regression, schema, weightColumn.resolve(model, saved, schema),
                spec.commandLine().getErr());
        Fits.dataset("the model " + model, predictor.inputSize(), predictor.outputSize(),
                dataOptions.testCsv != null ? dataOptions.testCsv.toString() : "the test data of " + dataOptions.data, test);
        Evaluation ev = predictor.evaluate(test);
        out.printf(Locale.ROOT, "%s on %d examples: ", model, test.size());
        if (regression) {
            out.printf(Locale.ROOT, "rmse %.4f, mae %.4f, r2 %.4f, loss %.4f%n", ev.rmse(), ev.mae(), ev.r2(), ev.loss());
            TargetFigures.print(out, ev, predictor.head().names());
            if (json) {
                Json j = new Json().put("rmse", ev.rmse()).put("mae", ev.mae()).put("r2", ev.r2()).put("loss", ev.loss())
                        .put("count", test.size());
                if (ev.targets() > 1) {
                    j.put("targets", TargetFigures.json(ev, predictor.head().names()));
                }
                out.println(j);
            }
            out.flush();
            return 0;
        }
        out.printf(Locale.ROOT, "loss %.4f", ev.loss());
        out.printf(Locale.ROOT, ", accuracy %.4f%n%n", ev.accuracy());
        List<String> names = classNames(saved, ev.confusion().length);
        printTable(out, ev, names);
        out.println();
        ClassMetrics scores = ClassScores.of(predictor, test);
        ClassScores.print(out, scores);
        if (json) {
            List<Json> perClass = new java.util.ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                perClass.add(new Json().put("class", names.get(c)).put("precision", ev.precision(c)).put("recall", ev.recall(c))
                        .put("f1", ev.f1(c)));
            }
            out.println(new Json().put("accuracy", ev.accuracy()).put("loss", ev.loss()).put("count", test.size())
                    .put("confusion", ev.confusion()).put("classes", perClass).put("metrics", scores.all()));
        }
        out.flush();
        return 0;
    }

    private static List<String> classNames(SavedModel saved, int classes) {
        if (saved.classNames() != null) {
            return saved.classNames();
        }
        return java.util.stream.IntStream.range(0, classes).mapToObj(Integer::toString).toList();
    }

    private static void printTable(PrintWriter out, Evaluation ev, List<String> names) {
        long[][] confusion = ev.confusion();
        int w = Math.max(5, names.stream().mapToInt(String::length).max().orElse(1));
        out.printf(Locale.ROOT, "%" + w + "s  %9s  %9s  %9s  %7s%n", "class", "precision", "recall", "f1", "support");
        for (int c = 0; c < names.size(); c++) {
            long support = java.util.Arrays.stream(confusion[c]).sum();
            out.printf(Locale.ROOT, "%" + w + "s  %9.4f  %9.4f  %9.4f  %7d%n", names.get(c), ev.precision(c), ev.recall(c),
                    ev.f1(c), support);
        }
        out.println();
        out.println("confusion matrix (rows: true class, columns: predicted)");
        int cw = 1;
        for (long[] row : confusion) {
            for (long v : row) {
                cw = Math.max(cw, Long.toString(v).length());
            }
        }
        cw = Math.max(cw, names.stream().mapToInt(String::length).max().orElse(1));
        StringBuilder head = new StringBuilder(String.format("%" + w + "s", ""));
        for (String n : names) {
            head.append(String.format(" %" + cw + "s", n));
        }
        out.println(head);
        for (int r = 0; r < confusion.length; r++) {
            StringBuilder line = new StringBuilder(String.format("%" + w + "s", names.get(r)));
            for (long v : confusion[r]) {
                line.append(String.format(" %" + cw + "d", v));
            }
            out.println(line);
        }
    }
}
