package dev.neurite.spark.cli;

import dev.neurite.data.Dataset;
import dev.neurite.data.Mnist;
import dev.neurite.spark.NeuriteClassificationModel;
import dev.neurite.spark.NeuriteClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The MNIST measurements of docs/spark.md, printed as a table (run by {@code bench/spark}; {@code --quick}
 * uses 6,000 training images and one epoch, to check that it works, not to measure):
 * <ol>
 *   <li>Neurite on one executor thread ({@code local[1]}, one partition) against two ({@code local[2]}, two
 *       partitions, at batch 64 with the rate as it is and scaled by √2, and at batch 32): seconds per epoch
 *       as the median round of 10-epoch fits with one pass per round (the driver times each round; the first
 *       is left out), pooled over three alternating runs after a warm-up, and test accuracy;</li>
 *   <li>wall time to 95% test accuracy on {@code local[2]}: Neurite (784-30relu-10, Adam, one pass per round,
 *       epoch after epoch through its driver checkpoint) against MLlib's MultilayerPerceptronClassifier
 *       (784-30-10 sigmoid, L-BFGS, maxIter 25, 50, 75, 100 each fitted afresh);</li>
 *   <li>test accuracy by averaging period K ∈ {1, 8, 64, one pass} after the same epochs.</li>
 * </ol>
 */
public final class SparkBench {
    private SparkBench() {}

    public static void main(String[] args) throws IOException {
        boolean quick = List.of(args).contains("--quick");
        // --only executors | mllib: one part of the table (the K table comes with mllib)
        int only = List.of(args).indexOf("--only");
        String part = only >= 0 && only + 1 < args.length ? args[only + 1] : "all";
        if (!List.of("all", "executors", "mllib").contains(part)) {
            System.err.println("bench/spark: --only takes executors or mllib, was " + part);
            System.exit(2);
        }
        // --hidden N: the executors table's hidden layer (default 128); a wider one makes an epoch longer next to a
        // round's fixed cost
        int hiddenAt = List.of(args).indexOf("--hidden");
        int hidden = 128;
        if (hiddenAt >= 0) {
            String value = hiddenAt + 1 < args.length ? args[hiddenAt + 1] : "";
            try {
                hidden = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                hidden = 0;
            }
            if (hidden < 1 || hidden > 4096) {
                System.err.println("bench/spark: --hidden takes a layer size from 1 to 4096, was '" + value + "'");
                System.exit(2);
            }
        }
        Mnist mnist = Mnist.load();
        Dataset train = quick ? mnist.train().head(6000) : mnist.train();
        Dataset test = quick ? mnist.test().head(2000) : mnist.test();
        int epochs = quick ? 2 : 5;
        List<String> table = new ArrayList<>();
        table.add(String.format(Locale.ROOT, "MNIST %d training / %d test images%s", train.size(), test.size(),
                quick ? " (--quick: a check, not a measurement)" : ""));
        table.add("| run | master | seconds per epoch: median round (each run's median) | test accuracy |");
        table.add("|---|---|---|---|");
        // executors, averaging period K (0: one pass), batch size per partition, Adam's rate in 1/10,000s; two
        // partitions at batch 32 make the single machine's global batch of 64 (with K = 1 that is exactly its SGD),
        // at batch 64 twice that, with the rate once as it is and once scaled by √2 for the doubled batch
        int[][] runs = {{1, 0, 64, 10}, {2, 0, 64, 10}, {2, 0, 64, 14}, {2, 0, 32, 10}};
        double[] perEpoch = new double[runs.length], accuracy = new double[runs.length];
        double[][] times = new double[runs.length][REPEATS];
        List<List<Double>> pooled = new ArrayList<>();
        for (int r = 0; r < runs.length; r++) {
            pooled.add(new ArrayList<>());
        }
        int longEpochs = 2 * epochs;
        warmUp(train, test);
        // every run REPEATS times, the order reversed every other time; each figure is the median
        for (int rep = 0; rep < REPEATS && !part.equals("mllib"); rep++) {
            for (int i = 0; i < runs.length; i++) {
                int r = rep % 2 == 0 ? i : runs.length - 1 - i;
                int executors = runs[r][0], k = runs[r][1], batch = runs[r][2];
                double rate = runs[r][3] / 10000.0;
                SparkSession spark = session("local[" + executors + "]");
                try {
                    var frames = frames(spark, train, test);
                    // one pass per round, so a round is an epoch: the driver times each (broadcast to averaged
                    // state); the one-time preparation (the shuffle into contiguous partitions, packing the shards)
                    // comes before the first round. The first round is left out (the shards' first read).
                    NeuriteClassificationModel m = neurite(longEpochs, executors, k).setHiddenLayers(hidden).setBatchSize(batch).setLearningRate(rate)
                            .fit(frames[0]);
                    List<Double> rounds = m.trainingRoundSeconds().subList(1, m.trainingRoundSeconds().size());
                    times[r][rep] = median(rounds.stream().mapToDouble(Double::doubleValue).toArray());
                    pooled.get(r).addAll(rounds);
                    accuracy[r] = accuracy(m.transform(frames[1]));   // the same every time (same seed, same bits)
                } finally {
                    spark.stop();
                }
            }
        }
        for (int r = 0; r < runs.length && !part.equals("mllib"); r++) {
            perEpoch[r] = median(pooled.get(r).stream().mapToDouble(Double::doubleValue).toArray());
            table.add(String.format(Locale.ROOT, "| Neurite 784-%drelu-10, %d epochs, %d partition(s), K = %s, batch %d, rate %s | local[%d] | %.2f (%s) | %.4f |",
                    hidden, 2 * epochs, runs[r][0], runs[r][1] == 0 ? "one pass" : Integer.toString(runs[r][1]), runs[r][2], runs[r][3] / 10000.0,
                    runs[r][0], perEpoch[r], seconds(times[r]), accuracy[r]));
        }
        for (int r = 1; r < runs.length && !part.equals("mllib"); r++) {
            table.add(String.format(Locale.ROOT, "two executors (K = %s, batch %d, rate %s) against one: %.2fx faster per epoch, test accuracy %+.2f points",
                    runs[r][1] == 0 ? "one pass" : Integer.toString(runs[r][1]), runs[r][2], runs[r][3] / 10000.0,
                    perEpoch[0] / perEpoch[r], 100 * (accuracy[r] - accuracy[0])));
        }
        table.add("");
        if (part.equals("executors")) {
            table.forEach(System.out::println);
            return;
        }
        SparkSession spark = session("local[2]");
        try {
            var frames = frames(spark, train, test);
            Path dir = Files.createTempDirectory("neurite-spark-bench");
            double total = 0, acc = 0;
            int e = 0;
            while (acc < 0.95 && e < (quick ? 2 : 20)) {
                e++;
                long t = System.nanoTime();
                NeuriteClassificationModel m = neurite(e, 2, 0).setHiddenLayers(30).setCheckpointDir(dir.toString())
                        .fit(frames[0]);
                total += (System.nanoTime() - t) / 1e9;
                acc = accuracy(m.transform(frames[1]));
            }
            table.add("| run to 95% | master | seconds | test accuracy |");
            table.add("|---|---|---|---|");
            table.add(String.format(Locale.ROOT, "| Neurite 784-30relu-10, epochs until 95%% (at most %d): %d | local[2] | %.1f | %.4f |",
                    quick ? 2 : 20, e, total, acc));
            double neurite = total;
            for (int iters : quick ? new int[] {5} : new int[] {25, 50, 75, 100}) {
                long t = System.nanoTime();
                MultilayerPerceptronClassificationModel m = new MultilayerPerceptronClassifier().setLayers(new int[] {784, 30, 10})
                        .setMaxIter(iters).setSeed(1).fit(frames[0]);
                double s = (System.nanoTime() - t) / 1e9;
                double a = accuracy(m.transform(frames[1]));
                table.add(String.format(Locale.ROOT, "| MLlib MLP 784-30-10, L-BFGS %d iterations | local[2] | %.1f | %.4f |", iters, s, a));
                if (a >= 0.95) {
                    table.add(String.format(Locale.ROOT, "to 95%%: Neurite %.1f s, MLlib %.1f s: %.1fx", neurite, s, s / neurite));
                    break;
                }
            }
            table.add("");
            table.add("| averaging period K | rounds | test accuracy after " + epochs + " epochs |");
            table.add("|---|---|---|");
            for (int k : quick ? new int[] {8, 0} : new int[] {1, 8, 64, 0}) {
                NeuriteClassificationModel m = neurite(epochs, 2, k).fit(frames[0]);
                table.add(String.format(Locale.ROOT, "| %s | %d | %.4f |", k == 0 ? "one pass" : Integer.toString(k),
                        m.trainingLoss().size(), accuracy(m.transform(frames[1]))));
            }
        } finally {
            spark.stop();
        }
        table.forEach(System.out::println);
    }

    /** Runs of each configuration in the executors table. */
    private static final int REPEATS = 3;

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String seconds(double[] t) {
        StringBuilder b = new StringBuilder();
        for (double v : t) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return b.toString();
    }

    /** One short fit on each master first, so the JIT's compilation is paid before anything is timed. */
    private static void warmUp(Dataset train, Dataset test) {
        for (int executors : new int[] {1, 2}) {
            SparkSession spark = session("local[" + executors + "]");
            try {
                var frames = frames(spark, train, test.head(Math.min(test.size(), 1000)));
                neurite(3, executors, 0).fit(frames[0]).transform(frames[1]).count();
            } finally {
                spark.stop();
            }
        }
    }

    private static NeuriteClassifier neurite(int epochs, int workers, int k) {
        return new NeuriteClassifier().setHiddenLayers(128).setOptimizer("adam").setLearningRate(0.001).setEpochs(epochs)
                .setBatchSize(64).setSeed(1).setWorkers(workers).setAveragingPeriod(k);
    }

    private static SparkSession session(String master) {
        SparkSession spark = SparkSession.builder().master(master).appName("neurite-spark bench").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    @SuppressWarnings("unchecked")
    private static org.apache.spark.sql.Dataset<Row>[] frames(SparkSession spark, Dataset train, Dataset test) {
        org.apache.spark.sql.Dataset<Row> tr = Frames.frame(spark, train).cache(), te = Frames.frame(spark, test).cache();
        tr.count();
        te.count();
        return new org.apache.spark.sql.Dataset[] {tr, te};
    }

    private static double accuracy(org.apache.spark.sql.Dataset<Row> predicted) {
        List<Row> rows = predicted.select("prediction", "label").collectAsList();
        return (double) rows.stream().filter(r -> r.getDouble(0) == r.getDouble(1)).count() / rows.size();
    }
}
