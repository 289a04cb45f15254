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
 *       partitions): seconds per epoch and test accuracy;</li>
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
        Mnist mnist = Mnist.load();
        Dataset train = quick ? mnist.train().head(6000) : mnist.train();
        Dataset test = quick ? mnist.test().head(2000) : mnist.test();
        int epochs = quick ? 1 : 5;
        List<String> table = new ArrayList<>();
        table.add(String.format(Locale.ROOT, "MNIST %d training / %d test images%s", train.size(), test.size(),
                quick ? " (--quick: a check, not a measurement)" : ""));
        table.add("| run | master | seconds | per epoch | test accuracy |");
        table.add("|---|---|---|---|---|");
        double[] perEpoch = new double[3], accuracy = new double[3];
        int[][] runs = {{1, 0}, {2, 0}, {2, 64}};                      // executors, averaging period (0: one pass)
        for (int r = 0; r < runs.length; r++) {
            int executors = runs[r][0], k = runs[r][1];
            SparkSession spark = session("local[" + executors + "]");
            try {
                var frames = frames(spark, train, test);
                long t = System.nanoTime();
                NeuriteClassificationModel m = neurite(epochs, executors, k).fit(frames[0]);
                double s = (System.nanoTime() - t) / 1e9;
                perEpoch[r] = s / epochs;
                accuracy[r] = accuracy(m.transform(frames[1]));
                table.add(String.format(Locale.ROOT, "| Neurite 784-128relu-10, %d epochs, %d partition(s), K = %s | local[%d] | %.1f | %.2f | %.4f |",
                        epochs, executors, k == 0 ? "one pass" : Integer.toString(k), executors, s, perEpoch[r], accuracy[r]));
            } finally {
                spark.stop();
            }
        }
        for (int r = 1; r < runs.length; r++) {
            table.add(String.format(Locale.ROOT, "two executors (K = %s) against one: %.2fx faster per epoch, test accuracy %+.2f points",
                    runs[r][1] == 0 ? "one pass" : Integer.toString(runs[r][1]), perEpoch[0] / perEpoch[r], 100 * (accuracy[r] - accuracy[0])));
        }
        table.add("");
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
            table.add(String.format(Locale.ROOT, "| Neurite 784-30relu-10, epochs until 95%% (at most %d): %d | local[2] | %.1f | | %.4f |",
                    quick ? 2 : 20, e, total, acc));
            double neurite = total;
            for (int iters : quick ? new int[] {5} : new int[] {25, 50, 75, 100}) {
                long t = System.nanoTime();
                MultilayerPerceptronClassificationModel m = new MultilayerPerceptronClassifier().setLayers(new int[] {784, 30, 10})
                        .setMaxIter(iters).setSeed(1).fit(frames[0]);
                double s = (System.nanoTime() - t) / 1e9;
                double a = accuracy(m.transform(frames[1]));
                table.add(String.format(Locale.ROOT, "| MLlib MLP 784-30-10, L-BFGS %d iterations | local[2] | %.1f | | %.4f |", iters, s, a));
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
