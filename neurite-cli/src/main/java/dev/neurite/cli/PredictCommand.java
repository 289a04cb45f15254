package dev.neurite.cli;

import dev.neurite.data.Csv;
import dev.neurite.data.Idx;
import dev.neurite.io.ModelFile;
import dev.neurite.io.SavedModel;
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
import picocli.CommandLine.Option;

/** {@code neurite predict}: classes and probabilities for new inputs. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict the class of each input with a saved model.",
                "Inputs: a CSV file of feature rows (with a header), an IDX image file (MNIST format), or PNG/JPEG",
                "images (converted to grayscale, scaled to the model's square input, inverted when the background",
                "is light, as MNIST digits are white on black)."})
final class PredictCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model file written by 'neurite train --out'.")
    Path model;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE",
            description = "A CSV file, an IDX image file, or one or more PNG/JPEG images.")
    List<Path> inputs;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write index,class,probabilities as CSV (atomically).")
    Path output;

    @Option(names = "--json", description = "One JSON object per input: {\"index\", \"class\", \"probabilities\"}.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        SavedModel m = ModelFile.load(model);
        Matrix x = read(m.network().inputSize());
        if (x.cols() != m.network().inputSize()) {
            throw new IllegalArgumentException("the model " + model + " takes " + m.network().inputSize()
                    + " inputs but " + inputs.get(0) + " has " + x.cols() + " features per row");
        }
        m.normalization().applyInPlace(x);
        Matrix p = m.network().predict(x);
        int[] classes = m.network().predictClasses(x);
        PrintWriter out = spec.commandLine().getOut();
        for (int r = 0; r < p.rows(); r++) {
            double[] probs = probabilities(p, r);
            if (json) {
                Json j = new Json().put("index", r).put("class", classes[r]);
                if (m.classNames() != null) {
                    j.put("label", m.classNames().get(classes[r]));
                }
                out.println(j.put("probabilities", probs));
            } else {
                String name = m.classNames() == null ? Integer.toString(classes[r]) : m.classNames().get(classes[r]);
                out.printf(Locale.ROOT, "%d\t%s\t%.4f%s%n", r, name, probs[classes[r]],
                        inputs.size() > 1 ? "\t" + inputs.get(r) : "");
            }
        }
        if (output != null) {
            AtomicFiles.writeText(output, w -> {
                StringBuilder head = new StringBuilder("index,class");
                for (int c = 0; c < probabilities(p, 0).length; c++) {
                    head.append(",p").append(m.classNames() == null ? Integer.toString(c) : m.classNames().get(c));
                }
                w.write(head.append('\n').toString());
                for (int r = 0; r < p.rows(); r++) {
                    StringBuilder line = new StringBuilder().append(r).append(',')
                            .append(m.classNames() == null ? Integer.toString(classes[r]) : m.classNames().get(classes[r]));
                    for (double v : probabilities(p, r)) {
                        line.append(',').append(String.format(Locale.ROOT, "%.6g", v));
                    }
                    w.write(line.append('\n').toString());
                }
            });
        }
        out.flush();
        return 0;
    }

    /** The class probabilities of row r: the output row, or (1 − p, p) for a single sigmoid output. */
    private static double[] probabilities(Matrix p, int r) {
        if (p.cols() == 1) {
            return new double[] {1 - p.get(r, 0), p.get(r, 0)};
        }
        double[] out = new double[p.cols()];
        for (int c = 0; c < out.length; c++) {
            out[c] = p.get(r, c);
        }
        return out;
    }

    private Matrix read(int inputSize) throws IOException {
        Path first = inputs.get(0);
        if (!Files.isRegularFile(first)) {
            throw new java.nio.file.NoSuchFileException(first.toString());
        }
        String name = first.getFileName().toString().toLowerCase(Locale.ROOT);
        if (inputs.size() == 1 && name.endsWith(".csv")) {
            return Csv.readFeatures(first);
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
