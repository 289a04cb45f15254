package dev.neurite.spark.cli;

import dev.neurite.io.AtomicFile;
import dev.neurite.io.ModelFile;
import dev.neurite.io.SavedModel;
import dev.neurite.spark.NeuriteClassificationModel;
import dev.neurite.spark.NeuriteClassifier;
import dev.neurite.spark.NeuriteEstimator;
import dev.neurite.spark.NeuriteModel;
import dev.neurite.spark.NeuriteRegressionModel;
import dev.neurite.spark.NeuriteRegressor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code neurite-spark} command: {@code train} a model on Spark and write its Neurite model file, or
 * {@code predict} a Parquet/CSV file into a Parquet file. Bad arguments and bad input exit with status 2
 * and one line.
 */
public final class SparkCli {
    private static final Set<String> TRAIN_OPTIONS = Set.of("--master", "--data", "--label", "--out", "--hidden", "--activation",
            "--dropout", "--input-dropout", "--init", "--optimizer", "--lr", "--schedule", "--decay", "--momentum", "--l1",
            "--l2", "--max-norm", "--normalize", "--epochs", "--batch-size", "--seed", "--workers", "--averaging-period",
            "--strategy", "--checkpoint-dir", "--checkpoint-every");
    private static final Set<String> TRAIN_FLAGS = Set.of("--no-bias", "--no-shuffle", "--regression");
    private static final Set<String> PREDICT_OPTIONS = Set.of("--master", "--model", "--input", "--output", "--label");
    static final String USAGE = "usage: neurite-spark train --master URL --data mnist|DIR|FILE.parquet|FILE.csv [options] --out MODEL"
            + " | neurite-spark predict --master URL --model MODEL --input FILE.parquet|FILE.csv --output OUT.parquet";

    private SparkCli() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs the command and returns its exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            if (args.isEmpty() || !(args.get(0).equals("train") || args.get(0).equals("predict"))) {
                throw new IllegalArgumentException(args.isEmpty() ? USAGE : "unknown command '" + args.get(0) + "'; " + USAGE);
            }
            List<String> rest = args.subList(1, args.size());
            if (args.get(0).equals("train")) {
                train(new Args("train", rest, TRAIN_OPTIONS, TRAIN_FLAGS), out);
            } else {
                predict(new Args("predict", rest, PREDICT_OPTIONS, Set.of()), out);
            }
            return 0;
        } catch (RuntimeException | IOException e) {
            err.println("neurite-spark: " + message(e));
            return 2;
        }
    }

    /** The message of the innermost argument or input error (a task's error reaches the driver wrapped). */
    static String message(Throwable e) {
        Throwable best = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof IOException || t instanceof UncheckedIOException) {
                best = t;
            }
        }
        String m = String.valueOf(best.getMessage());
        return m.lines().findFirst().orElse(m);
    }

    private static SparkSession session(Args a, String name) {
        String master = a.required("--master", "the Spark master, e.g. local[2] or spark://host:7077");
        return SparkSession.builder().master(master).appName("neurite-spark " + name).getOrCreate();
    }

    private static void train(Args a, PrintStream out) throws IOException {
        Path model = Path.of(a.required("--out", "the model file to write"));
        boolean regression = a.has("--regression");
        NeuriteEstimator<?, ?> estimator = regression ? new NeuriteRegressor() : new NeuriteClassifier();
        String data = a.required("--data", "mnist, a folder of MNIST IDX files, a .parquet or a .csv file");
        boolean images = data.equals("mnist") || Files.isDirectory(Path.of(data));
        settings(estimator, a, images);
        if (!images) {
            Frames.checkFile(data);
        }
        SparkSession spark = session(a, "train");
        try {
            spark.sparkContext().setLogLevel("WARN");
            Frames.Split split = Frames.data(spark, data, a.get("--label", "label"));
            long start = System.nanoTime();
            NeuriteModel<?> fitted = (NeuriteModel<?>) estimator.fit(split.train());
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Double> loss = fitted.trainingLoss();
            for (int r = 0; r < loss.size(); r++) {
                out.printf(Locale.ROOT, "round %d: training loss %.4f%n", r + 1, loss.get(r));
            }
            out.printf(Locale.ROOT, "trained on %s in %.1f s (%d rounds)%n", split.description(), seconds, loss.size());
            if (split.test() != null && fitted instanceof NeuriteClassificationModel c) {
                List<Row> rows = c.transform(split.test()).select("prediction", "label").collectAsList();
                long right = rows.stream().filter(r -> r.getDouble(0) == r.getDouble(1)).count();
                out.printf(Locale.ROOT, "test accuracy %.4f%n", (double) right / rows.size());
            }
            byte[] bytes = fitted.modelBytes();
            AtomicFile.write(model, o -> o.write(bytes));
            out.println("model written to " + model);
        } finally {
            spark.stop();
        }
    }

    /** The estimator's Params from the options; {@code images}: MNIST, whose default --normalize is none (standard otherwise). */
    private static void settings(NeuriteEstimator<?, ?> e, Args a, boolean images) {
        e.setHiddenLayers(a.sizes("--hidden", new int[] {128}));
        e.setActivation(a.get("--activation", "relu"));
        e.setDropout(rate(a, "--dropout", "unit"));
        e.setInputDropout(rate(a, "--input-dropout", "input"));
        e.setInit(a.get("--init", ""));
        e.setNoBias(a.has("--no-bias"));
        e.setOptimizer(a.get("--optimizer", "adam"));
        if (a.has("--lr")) {
            e.setLearningRate(a.number("--lr", 0));
        }
        e.setSchedule(a.get("--schedule", ""));
        e.setDecay(nonNegative(a, "--decay"));
        e.setMomentum(a.number("--momentum", 0.9));
        e.setL1(nonNegative(a, "--l1"));
        e.setL2(nonNegative(a, "--l2"));
        e.setMaxNorm(nonNegative(a, "--max-norm"));
        e.setNormalize(a.get("--normalize", images ? "none" : "standard"));
        e.setEpochs(a.integer("--epochs", 10));
        e.setBatchSize(a.integer("--batch-size", 64));
        e.setSeed(a.longValue("--seed", 1));
        e.setShuffle(!a.has("--no-shuffle"));
        e.setWorkers(a.integer("--workers", 0));
        String k = a.get("--averaging-period", "pass");
        e.setAveragingPeriod(k.equals("pass") ? 0 : a.integer("--averaging-period", 0));
        e.setStrategy(a.get("--strategy", "average"));
        e.setCheckpointDir(a.get("--checkpoint-dir", ""));
        e.setCheckpointEvery(a.integer("--checkpoint-every", 1));
        if (a.has("--checkpoint-every") && !a.has("--checkpoint-dir")) {
            throw new IllegalArgumentException("--checkpoint-every needs --checkpoint-dir (the folder to write them to)");
        }
        e.settingsCheck();
    }

    /** A number option that must be >= 0 (0 when absent), refused naming the option before Spark's Param would. */
    private static double nonNegative(Args a, String name) {
        double v = a.number(name, 0);
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be >= 0 and finite, was " + a.get(name, "0"));
        }
        return v;
    }

    /** A dropout rate option in [0, 1) (0 when absent), refused naming the option. */
    private static double rate(Args a, String name, String what) {
        double v = a.number(name, 0);
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1) (the probability of dropping a" + (what.equals("input")
                    ? "n " : " ") + what + "), was " + a.get(name, "0"));
        }
        return v;
    }

    private static void predict(Args a, PrintStream out) throws IOException {
        String modelPath = a.required("--model", "a Neurite model file, or a model saved by Spark ML");
        Path output = Path.of(a.required("--output", "the Parquet folder to write"));
        String input = a.required("--input", "the .parquet or .csv file to predict");
        if (Files.exists(output)) {
            throw new IllegalArgumentException(output + " exists already; remove it or choose another --output");
        }
        Frames.checkFile(input);
        SparkSession spark = session(a, "predict");
        try {
            spark.sparkContext().setLogLevel("WARN");
            NeuriteModel<?> model = load(modelPath);
            org.apache.spark.sql.Dataset<Row> rows = Frames.file(spark, input, a.get("--label", "label"), false);
            Path partial = output.resolveSibling("." + output.getFileName() + ".partial-" + ProcessHandle.current().pid());
            if (Files.exists(partial, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                // not this run's: never written into, never removed
                throw new IllegalArgumentException(partial + " exists already (another run's?): move it away, then retry");
            }
            try {
                model.transform(rows).write().parquet(partial.toString());
                Files.move(partial, output, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                deleteTree(partial);
            }
            out.println("predictions written to " + output);
        } finally {
            spark.stop();
        }
    }

    /** A Spark ML model folder (its metadata says which class) or a Neurite model file. */
    private static NeuriteModel<?> load(String path) throws IOException {
        Path p = Path.of(path);
        if (Files.isDirectory(p)) {
            String metadata = Files.isDirectory(p.resolve("metadata")) ? String.join("", readAll(p.resolve("metadata"))) : "";
            return metadata.contains(NeuriteRegressionModel.class.getName()) ? NeuriteRegressionModel.load(path)
                    : NeuriteClassificationModel.load(path);
        }
        SavedModel saved = ModelFile.load(p);
        byte[] bytes = ModelFile.toBytes(saved);
        return saved.head().isRegression() ? new NeuriteRegressionModel("neurite-file", bytes)
                : new NeuriteClassificationModel("neurite-file", bytes);
    }

    private static List<String> readAll(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("part-")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

}
