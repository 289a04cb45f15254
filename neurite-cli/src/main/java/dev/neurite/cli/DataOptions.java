package dev.neurite.cli;

import dev.neurite.data.Csv;
import dev.neurite.data.Dataset;
import dev.neurite.data.Mnist;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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

    @Option(names = "--label", paramLabel = "NAME|INDEX", description = "The CSV label column, by header name or 0-based index (default: the last column).")
    String label;

    @Option(names = "--regression", description = "The CSV label column holds real-valued targets (default: class labels).")
    boolean regression;

    /** The CSV column of example weights (train's --weight-column), or null. */
    String weightColumn;

    /** Training and test sets (test may be null for CSV without --test), and a short description. */
    record Loaded(Dataset train, Dataset test, String description) {}

    /** For training: --data, or the CSV {@code trainCsv} (--train) with an optional --test; MNIST without either. */
    Loaded forTraining(Path trainCsv, PrintWriter log) throws IOException {
        if (data != null && (trainCsv != null || testCsv != null)) {
            throw new IllegalArgumentException("give either --data or --train/--test, not both");
        }
        if (data == null && trainCsv == null) {
            data = "mnist";
        }
        if (data != null) {
            return idx(log);
        }
        Csv csv = Csv.reader().label(label).regression(regression).weightColumn(weightColumn);
        Dataset train = csv.read(trainCsv);
        Dataset test = testCsv == null ? null : csv.classNames(train.classNames()).read(testCsv);
        return new Loaded(train, test, trainCsv.toString());
    }

    /**
     * For evaluation: the test part of --data, or --test read with the model's class names (its label column
     * read as real-valued targets when the model is a regression, with or without --regression).
     */
    Dataset forEvaluation(PrintWriter log, List<String> classNames, boolean regressionModel) throws IOException {
        if (data != null && testCsv != null) {
            throw new IllegalArgumentException("give either --data or --test, not both");
        }
        if (data == null && testCsv == null) {
            throw new IllegalArgumentException("say what to evaluate on: --data mnist, --data DIR or --test FILE.csv");
        }
        if (data != null) {
            return idx(log).test();
        }
        return Csv.reader().label(label).regression(regression || regressionModel).classNames(classNames).read(testCsv);
    }

    private Loaded idx(PrintWriter log) throws IOException {
        if (label != null || regression || weightColumn != null) {
            throw new IllegalArgumentException("--label, --regression and --weight-column are for CSV files, not --data " + data);
        }
        Path folder = data.equals("mnist") ? null : Path.of(data);
        Mnist m = Mnist.load(folder, line -> {
            log.println(line);
            log.flush();
        });
        return new Loaded(m.train(), m.test(), folder == null ? "mnist" : folder.toString());
    }
}
