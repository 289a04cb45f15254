package dev.neurite.cli;

import dev.neurite.io.Json;
import dev.neurite.data.Idx;
import dev.neurite.io.AtomicFile;
import dev.neurite.onnx.Models;
import dev.neurite.infer.Classification;
import dev.neurite.infer.Predictor;
import dev.neurite.model.Fits;
import dev.neurite.io.SavedModel;
import dev.neurite.model.OutputHead;
import dev.neurite.tensor.Matrix;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neurite predict}: classes and probabilities (a classifier) or values (a regression) for new inputs, through a {@link Predictor}. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict the class of each input with a saved model (or its value, for a regression model).",
                "Inputs: a CSV file of feature rows (with a header), an IDX image file (MNIST format), or PNG/JPEG",
                "images (converted to grayscale, scaled to the model's square input, inverted when the background",
                "is light, as MNIST digits are white on black)."})
final class PredictCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model file written by 'neurite train --out', or an ONNX file (docs/onnx.md).")
    Path model;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE",
            description = "A CSV file, an IDX image file, or one or more PNG/JPEG images.")
    List<Path> inputs;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write index,class,probabilities (a regression: index and one column per target) as CSV (atomically; through a symlink to its target; '-': to standard output instead of the table).")
    Path output;

    @Option(names = "--json", description = "One JSON object per input: {\"index\", \"class\", \"probabilities\"}, or {\"index\", \"value\"} for a regression.")
    boolean json;

    @Mixin
    CsvReadOptions csv = new CsvReadOptions();

    @Mixin
    WeightColumnOption weightColumn = new WeightColumnOption();

    @Override
    public Integer call() throws IOException {
        csv.check();
        for (Path i : inputs) {
            Outputs.refuseInputs("--output", output, java.util.Map.of("--model", model, "--input", i));
        }
        Outputs.refuseUnwritable("--output", output, false);
        if (weightColumn.name != null && !(inputs.size() == 1 && isTable(inputs.get(0).getFileName().toString().toLowerCase(Locale.ROOT)))) {
            throw new IllegalArgumentException("--weight-column " + weightColumn.name + " is for a CSV input, not " + inputs.get(0)
                    + (inputs.size() > 1 ? " and " + (inputs.size() - 1) + " more" : ""));
        }
        SavedModel m = Models.load(model);
        Predictor predictor = Predictor.of(m);
        dev.neurite.data.FeatureSchema schema = schemaOf(m);
        Matrix x = read(predictor.inputSize(), schema, weightColumn.resolve(model, m, schema));
        Fits.features("the model " + model, predictor.inputSize(), inputs.get(0).toString(), x.cols());
        // with '--output -' the CSV is the standard output, alone
        PrintWriter out = csvToStdout() ? new PrintWriter(java.io.Writer.nullWriter()) : spec.commandLine().getOut();
        if (predictor.head().isRegression()) {
            values(out, predictor.head(), predictor.predict(x));
        } else {
            classes(out, predictor.head(), predictor.classify(x));
        }
        out.flush();
        spec.commandLine().getOut().flush();
        return 0;
    }

    private boolean csvToStdout() {
        return output != null && output.toString().equals("-");
    }

    /** Writes the {@code --output} CSV: to standard output for {@code -}, else atomically to the file. */
    private void writeCsv(AtomicFile.Text csv) throws IOException {
        spec.commandLine().getOut().flush();                 // the table first, if it goes to the same place
        if (csvToStdout()) {
            csv.writeTo(spec.commandLine().getOut());
        } else {
            AtomicFile.writeText(output, csv);
        }
    }

    /** A classifier's answers: class (and label) with its probability, or all probabilities. */
    private void classes(PrintWriter out, OutputHead head, Classification[] answers) throws IOException {
        for (int r = 0; r < answers.length; r++) {
            Classification c = answers[r];
            if (json) {
                Json j = new Json().put("index", r).put("class", c.index());
                if (head.names() != null) {
                    j.put("label", c.label());
                }
                out.println(j.put("probabilities", c.probabilities()));
            } else {
                out.printf(Locale.ROOT, "%d\t%s\t%.4f%s%n", r, c.label(), c.confidence(),
                        inputs.size() > 1 ? "\t" + inputs.get(r) : "");
            }
        }
        if (output != null) {
            writeCsv(w -> {
                StringBuilder columns = new StringBuilder("index,class");
                for (int c = 0; c < head.classes(); c++) {
                    columns.append(",p").append(head.label(c));
                }
                w.write(columns.append('\n').toString());
                for (int r = 0; r < answers.length; r++) {
                    StringBuilder line = new StringBuilder().append(r).append(',').append(answers[r].label());
                    for (double v : answers[r].probabilities()) {
                        line.append(',').append(String.format(Locale.ROOT, "%.6g", v));
                    }
                    w.write(line.append('\n').toString());
                }
            });
        }
    }

    /** A regression's answers: the value of each row, or its values for several targets. */
    private void values(PrintWriter out, OutputHead head, Matrix v) throws IOException {
        int k = v.cols();
        for (int r = 0; r < v.rows(); r++) {
            if (json) {
                Json j = new Json().put("index", r);
                if (k == 1) {
                    j.put("value", shortest(v.get(r, 0)));
                } else {
                    double[] row = new double[k];
                    for (int c = 0; c < k; c++) {
                        row[c] = shortest(v.get(r, c));
                    }
                    j.put("values", row);
                }
                out.println(j);
            } else {
                StringBuilder line = new StringBuilder().append(r);
                for (int c = 0; c < k; c++) {
                    line.append('\t').append(v.get(r, c));
                }
                out.println(line.append(inputs.size() > 1 ? "\t" + inputs.get(r) : ""));
            }
        }
        if (output != null) {
            writeCsv(w -> {
                StringBuilder columns = new StringBuilder("index");
                for (int c = 0; c < k; c++) {
                    columns.append(',').append(head.names() != null ? head.names().get(c) : k == 1 ? "value" : "value" + c);
                }
                w.write(columns.append('\n').toString());
                for (int r = 0; r < v.rows(); r++) {
                    StringBuilder line = new StringBuilder().append(r);
                    for (int c = 0; c < k; c++) {
                        line.append(',').append(v.get(r, c));
                    }
                    w.write(line.append('\n').toString());
                }
            });
        }
    }

    /** The float as the double its shortest decimal form names, so JSON shows {@code 1.25}, not {@code 1.2500000476837158}. */
    private static double shortest(float v) {
        return Double.parseDouble(Float.toString(v));
    }

    private dev.neurite.data.FeatureSchema schemaOf(SavedModel m) {
        try {
            return m.schema();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(model + ": " + e.getMessage(), e);
        }
    }

    /** A table of features: .csv, .tsv or .txt, gzipped or not. */
    static boolean isTable(String name) {
        String n = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        return n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".txt");
    }

    /** The inputs; a CSV read with the model's {@code schema} may carry its label columns and {@code weights}, dropped. */
    private Matrix read(int inputSize, dev.neurite.data.FeatureSchema schema, String weights) throws IOException {
        Path first = inputs.get(0);
        if (!Files.isRegularFile(first)) {
            throw new java.nio.file.NoSuchFileException(first.toString());
        }
        String name = first.getFileName().toString().toLowerCase(Locale.ROOT);
        if (inputs.size() == 1 && isTable(name)) {
            // with the model's schema: columns by name, label and weight columns dropped; a model without one reads by position
            dev.neurite.data.Tabular reader = csv.reader(spec.commandLine().getErr());
            return schema != null ? reader.schema(schema).weightColumn(weights).features(first) : reader.numbers(first);
        }
        if (inputs.size() == 1 && looksLikeIdx(first)) {
            Idx.Array images = Idx.read(first);
            int side = (int) Math.round(Math.sqrt(inputSize));
            if (side * side == inputSize) {
                return Idx.images(images, first, side, side);   // [N,784] or [N,14,56] is not a 28×28 image
            }
            if (images.count() == 0) {
                throw new dev.neurite.data.DataFileException(first, "holds no items: there is nothing to predict");
            }
            return Idx.images(images);
        }
        List<float[]> rows = new ArrayList<>();
        for (Path image : inputs) {
            rows.add(Images.toInput(image, inputSize));
        }
        Matrix x = Matrix.zeros(rows.size(), inputSize);
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, x.data(), r * inputSize, inputSize);
        }
        return x;
    }

    private static boolean looksLikeIdx(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            boolean gzip = head.length >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b;
            return gzip || (head.length == 4 && head[0] == 0 && head[1] == 0 && head[2] == Idx.UBYTE);
        }
    }
}
