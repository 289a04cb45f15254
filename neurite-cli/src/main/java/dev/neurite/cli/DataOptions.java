package dev.neurite.cli;

import dev.neurite.data.FeatureSchema;
import dev.neurite.data.Tabular;
import dev.neurite.data.Dataset;
import dev.neurite.data.Mnist;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the data comes from: MNIST (fetched and cached), a folder of IDX files, or CSV files. The
 * options common to {@code train} and {@code evaluate}; {@code train} adds {@code --train} itself, so
 * that {@code evaluate --help} lists only what evaluate accepts.
 */
final class DataOptions {
    @Option(names = "--data", paramLabel = "mnist|DIR",
            description = "'mnist' (fetched once into the cache and verified) or a folder holding the four MNIST IDX files"
                    + " (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; raw or .gz).")
    String data;

    @Option(names = "--test", paramLabel = "FILE.csv", description = "Test data as CSV with a header row, the same columns as the training file.")
    Path testCsv;

    @Option(names = "--label", paramLabel = "NAME|INDEX[,...]", description = "The CSV label column, by header name or 0-based"
            + " index (default: the last column); with --regression several target columns, separated by commas.")
    String label;

    @Option(names = "--test-targets", paramLabel = "FILE", description = "The label columns of --test come from this file, row by row.")
    Path testTargets;

    @Mixin
    CsvReadOptions csv = new CsvReadOptions();

    @Option(names = "--regression", description = "The CSV label column holds real-valued targets (default: class labels).")
    boolean regression;

    /**
     * Training and test sets (test may be null for CSV without --test), a short description, and the feature
     * schema fitted on a training CSV (null for image data).
     */
    record Loaded(Dataset train, Dataset test, String description, FeatureSchema schema) {}

    /** The CSV column of example weights (train's --weight-column), or null. */
    String weightColumn;

    /** For training: --data, or the CSV {@code trainCsv} (--train) with an optional --test; MNIST without either. */
    Loaded forTraining(Path trainCsv, PrintWriter log) throws IOException {
        return forTraining(trainCsv, log, new PreprocessOptions(), log);
    }

    /** The labels option as a list of names or indices, or null for the default. */
    List<String> labels() {
        return label == null ? null : List.of(label.split(",", -1));
    }

    /** For training, with the preprocessing {@code pre} fitted on the training CSV; warnings go to {@code err}. */
    Loaded forTraining(Path trainCsv, PrintWriter log, PreprocessOptions pre, PrintWriter err) throws IOException {
        if (data != null && (trainCsv != null || testCsv != null)) {
            throw new IllegalArgumentException("give either --data or --train/--test, not both");
        }
        if (data == null && trainCsv == null) {
            data = "mnist";
        }
        if (data != null) {
            return idx(log);
        }
        Tabular trainReader = csv.reader(err).labels(labels()).regression(regression);
        Tabular.Fitted fitted = pre.apply(weightColumn == null ? trainReader : trainReader.weightColumn(weightColumn)).fit(trainCsv);
        Dataset train = fitted.data();
        Tabular reader = csv.reader(err).schema(fitted.schema()).regression(regression).classNames(train.classNames())
                .weightColumn(weightColumn);
        Dataset test = testCsv == null ? null : (testTargets == null ? reader : reader.targets(testTargets)).read(testCsv);
        return new Loaded(train, test, trainCsv.toString(), fitted.schema());
    }

    /**
     * For evaluation: the test part of --data, or --test read with the model's class names (its label column
     * read as real-valued targets when the model is a regression, with or without --regression).
     */
    Dataset forEvaluation(PrintWriter log, List<String> classNames, boolean regressionModel) throws IOException {
        return forEvaluation(log, classNames, regressionModel, null, null, log);
    }

    /**
     * For evaluation of a model with the feature {@code schema} it was trained with: --test's columns matched
     * by name (null: a model saved without one, whose columns are read by position), its column of example
     * weights {@code weights} (may be null) dropped.
     */
    Dataset forEvaluation(PrintWriter log, List<String> classNames, boolean regressionModel, FeatureSchema schema,
                          String weights, PrintWriter err) throws IOException {
        if (data != null && testCsv != null) {
            throw new IllegalArgumentException("give either --data or --test, not both");
        }
        if (data == null && testCsv == null) {
            throw new IllegalArgumentException("say what to evaluate on: --data mnist, --data DIR or --test FILE.csv");
        }
        if (data != null) {
            return idx(log).test();
        }
        Tabular reader = csv.reader(err).regression(regression || regressionModel).classNames(classNames);
        reader = testTargets == null ? reader : reader.targets(testTargets);
        if (schema == null) {
            return reader.labels(labels()).fit(testCsv).data();       // by position, as the model was saved
        }
        if (labels() != null && !labels().equals(schema.labels())) {
            throw new IllegalArgumentException("--label " + label + ": the model reads its label" + (schema.labels().size() > 1
                    ? "s from the columns " : " from the column ") + String.join(",", schema.labels()) + "; leave --label out");
        }
        return reader.schema(schema).weightColumn(weights).read(testCsv);
    }

    private Loaded idx(PrintWriter log) throws IOException {
        if (label != null || regression || testTargets != null || weightColumn != null) {
            throw new IllegalArgumentException("--label, --regression, --test-targets and --weight-column are for CSV files, not --data " + data);
        }
        Path folder = data.equals("mnist") ? null : Path.of(data);
        Mnist m = Mnist.load(folder, line -> {
            log.println(line);
            log.flush();
        });
        return new Loaded(m.train(), m.test(), folder == null ? "mnist" : folder.toString(), null);
    }
}
