package dev.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training and inference with executors in JVMs of their own ({@code local-cluster[2,1,1024]}: Spark's
 * multi-process mode, a master and two workers inside this JVM that start one executor process each)
 * give the weights and predictions of {@code local[2]}, bit for bit.
 */
class SeparateExecutorsTest {
    @TempDir
    Path home;

    private static NeuriteClassifier classifier() {
        return new NeuriteClassifier().setHiddenLayers(16).setDropout(0.1).setOptimizer("adam").setLearningRate(0.01)
                .setEpochs(3).setBatchSize(16).setSeed(4).setWorkers(2).setAveragingPeriod(6);
    }

    private record Run(float[][] weights, List<Row> predictions, int executors) {}

    private static Run run(SparkSession spark, Blobs train, Blobs test) {
        try {
            NeuriteClassificationModel model = classifier().fit(train.frame(spark));
            List<Row> predicted = model.transform(test.frame(spark).repartition(3)).orderBy("label", "features")
                    .collectAsList();
            int executors = spark.sparkContext().getExecutorMemoryStatus().size() - 1;   // less the driver
            return new Run(model.savedModel().network().snapshot(), predicted, executors);
        } finally {
            spark.stop();
        }
    }

    @Test
    void twoExecutorProcessesGiveTheWeightsAndPredictionsOfLocalTwo() throws IOException {
        Blobs all = Blobs.of(350, 5, 3, 71), train = all.rows(0, 200), test = all.rows(200, 350);
        Run local = run(SparkTests.session("local[2]"), train, test);

        // a stand-in Spark home: the workers' command builder wants a jars folder and a Scala build folder;
        // the executors get this JVM's class path (Neurite and Spark) instead
        Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("launcher/target/scala-2.13"));
        System.setProperty("spark.testing", "true");
        System.setProperty("spark.test.home", home.toString());
        Run cluster;
        try {
            SparkSession spark = SparkSession.builder().master("local-cluster[2,1,1024]").appName("neurite-spark executors")
                    .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    .getOrCreate();
            cluster = run(spark, train, test);
        } finally {
            System.clearProperty("spark.testing");
            System.clearProperty("spark.test.home");
        }
        assertEquals(2, cluster.executors(), "executor processes");
        assertEquals(local.weights().length, cluster.weights().length);
        for (int i = 0; i < local.weights().length; i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(local.weights()[i], cluster.weights()[i], "tensor " + i);
        }
        assertEquals(local.predictions(), cluster.predictions());
    }
}
