package dev.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.Batching;
import dev.neurite.data.Dataset;
import dev.neurite.data.Normalization;
import dev.neurite.data.NormalizationKind;
import dev.neurite.layer.Activation;
import dev.neurite.model.Architecture;
import dev.neurite.model.LayerSpec;
import dev.neurite.model.Network;
import dev.neurite.optim.Adam;
import dev.neurite.optim.LearningRateSchedule;
import dev.neurite.optim.Sgd;
import dev.neurite.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The round algorithm on local[2] (with up to 3 attempts per task): equivalences, accuracy, determinism, faults. */
class DistributedTrainingTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTests.session("local[2,3]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Network network(NeuriteModel<?> model) {
        return model.savedModel().network();
    }

    @Test
    void onePartitionIsTheSingleMachineRunBitForBit() {
        Blobs blobs = Blobs.of(300, 4, 3, 11);
        NeuriteClassificationModel model = new NeuriteClassifier().setHiddenLayers(16).setDropout(0.2).setOptimizer("adam")
                .setLearningRate(0.01).setL2(1e-4).setEpochs(3).setBatchSize(16).setSeed(7).setWorkers(1)
                .fit(blobs.frame(spark));

        Network single = Network.of("4-16relu-d0.2-3softmax", 7);
        assertEquals(single.architecture().toSpec(), network(model).architecture().toSpec());
        Trainer.builder().epochs(3).batchSize(16).seed(7).optimizer(Adam.of(0.01)).l2(1e-4).build()
                .fit(single, blobs.dataset());
        SparkTests.sameBits(single, network(model));

        // neurite train's other options together: standardised features, input dropout, no biases, L1 and
        // max-norm, a per-step schedule; K = 3 local steps per round, so rounds cross epochs (19 batches each)
        NeuriteClassificationModel all = new NeuriteClassifier().setHiddenLayers(16).setDropout(0.2).setInputDropout(0.1)
                .setNoBias(true).setOptimizer("adam").setLearningRate(0.01).setSchedule("one-cycle").setL1(1e-4)
                .setL2(1e-4).setMaxNorm(1.5).setNormalize("standard").setEpochs(3).setBatchSize(16).setSeed(7)
                .setWorkers(1).setAveragingPeriod(3).fit(blobs.frame(spark));
        Dataset data = blobs.dataset();                            // as neurite train --normalize standard does
        Normalization norm = Normalization.fit(NormalizationKind.STANDARD, data.x());
        norm.applyInPlace(data.x());
        assertEquals(norm, all.savedModel().normalization());
        Network plain = new Architecture(4, List.of(new LayerSpec.Dropout(0.1), new LayerSpec.Dense(16, Activation.Function.RELU),
                new LayerSpec.Dropout(0.2), new LayerSpec.Dense(3, Activation.Function.SOFTMAX)), false, null).build(7);
        assertEquals(plain.architecture().toSpec(), network(all).architecture().toSpec());
        assertEquals(false, network(all).architecture().bias());
        Trainer.builder().epochs(3).batchSize(16).seed(7).optimizer(Adam.of(0.01)).l1(1e-4).l2(1e-4).maxNorm(1.5)
                .schedule(LearningRateSchedule.oneCycle(3)).build().fit(plain, data);
        SparkTests.sameBits(plain, network(all));
        assertEquals(19, all.trainingLoss().size());
        assertEquals(19, all.trainingRoundSeconds().size());
        assertTrue(all.trainingRoundSeconds().stream().allMatch(t -> t > 0 && t < 60), all.trainingRoundSeconds().toString());
    }

    @Test
    void plainSgdWithOneStepPerRoundOverTwoEqualPartitionsIsSgdAtTheDoubledBatch() {
        int n = 96, b = 8;      // two shards of 48 rows, 6 batches each
        Blobs blobs = Blobs.of(n, 5, 3, 12);
        NeuriteClassificationModel model = new NeuriteClassifier().setHiddenLayers(12).setActivation("tanh")
                .setOptimizer("sgd").setLearningRate(0.2).setEpochs(2).setBatchSize(b).setShuffle(false).setSeed(3)
                .setWorkers(2).setAveragingPeriod(1).fit(blobs.frame(spark));

        // step k of the union: batch k of shard 0 (rows kb…) and batch k of shard 1 (rows n/2 + kb…)
        int half = n / 2;
        int[] order = new int[n];
        int at = 0;
        for (int k = 0; k < half / b; k++) {
            for (int shard = 0; shard < 2; shard++) {
                for (int i = 0; i < b; i++) {
                    order[at++] = shard * half + k * b + i;
                }
            }
        }
        Network single = Network.of("5-12tanh-3softmax", 3);
        Trainer.builder().epochs(2).batching(Batching.sequential(2 * b)).seed(3).optimizer(Sgd.plain(0.2)).build()
                .fit(single, blobs.dataset(order));
        float[][] expected = single.snapshot(), actual = network(model).snapshot();
        double worst = 0;
        for (int t = 0; t < expected.length; t++) {
            for (int j = 0; j < expected[t].length; j++) {
                worst = Math.max(worst, Math.abs(expected[t][j] - actual[t][j]));
            }
        }
        assertTrue(worst <= 1e-6, "largest weight difference " + worst);
    }

    @Test
    void everyAveragingPeriodReachesTheTargetAccuracy() {
        Blobs all = Blobs.of(640, 6, 4, 21), train = all.rows(0, 240), test = all.rows(240, 640);
        for (int k : new int[] {1, 8, 0}) {     // 6 batches per shard and epoch: 24, 3 and 4 rounds
            NeuriteClassificationModel model = new NeuriteClassifier().setHiddenLayers(16).setOptimizer("momentum")
                    .setLearningRate(0.05).setEpochs(4).setBatchSize(20).setSeed(5).setWorkers(2)
                    .setAveragingPeriod(k).fit(train.frame(spark));
            double accuracy = SparkTests.accuracy(model.transform(test.frame(spark)).collectAsList());
            assertTrue(accuracy >= 0.9, "K=" + k + ": test accuracy " + accuracy);
        }
    }

    private static NeuriteClassifier adamWithDropout() {
        return new NeuriteClassifier().setHiddenLayers(16, 8).setDropout(0.1).setOptimizer("adam").setLearningRate(0.01)
                .setEpochs(3).setBatchSize(16).setSeed(9).setWorkers(2).setAveragingPeriod(5);
    }

    @Test
    void theSameSeedAndPartitioningGiveTheSameWeightsAndATaskRetriedAfterAFailureChangesNothing() {
        Blobs blobs = Blobs.of(200, 4, 3, 31);
        NeuriteClassificationModel first = adamWithDropout().fit(blobs.frame(spark));
        NeuriteClassificationModel again = adamWithDropout().fit(blobs.frame(spark));
        SparkTests.sameBits(network(first), network(again));
        NeuriteClassificationModel failed = adamWithDropout().failFirstAttemptOfRound(2).fit(blobs.frame(spark));
        SparkTests.sameBits(network(first), network(failed));
        assertEquals(first.trainingLoss(), failed.trainingLoss());
    }

    @Test
    void anEmptyPartitionAndPartitionsOfOneClassAreTrainedOn() {
        Blobs blobs = Blobs.of(300, 4, 3, 41);
        List<Row> sorted = new ArrayList<>(blobs.rows());
        sorted.sort((a, b) -> Double.compare(a.getDouble(1), b.getDouble(1)));      // partitions of one class each
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(sorted, 3)
                .mapPartitionsWithIndex((p, it) -> p == 1 ? List.<Row>of().iterator() : it, true);
        org.apache.spark.sql.Dataset<Row> frame = spark.createDataFrame(rows, Blobs.SCHEMA);
        assertEquals(3, frame.rdd().getNumPartitions());
        NeuriteClassificationModel model = new NeuriteClassifier().setHiddenLayers(8).setOptimizer("sgd").setLearningRate(0.1)
                .setEpochs(5).setBatchSize(10).setSeed(2).fit(frame);
        assertEquals(3, model.numClasses());
        List<Row> predicted = model.transform(blobs.frame(spark)).collectAsList();
        assertEquals(300, predicted.size());
        // partitions 0 and 2 hold classes 0 and 2 (and a third of class 1): averaging two one-class models still
        // separates what they saw
        assertTrue(SparkTests.accuracy(predicted) > 0.5, "accuracy " + SparkTests.accuracy(predicted));
    }

    @Test
    void aRunResumedFromItsDriverCheckpointEndsWithTheUninterruptedWeights(@TempDir Path dir) {
        Blobs blobs = Blobs.of(300, 4, 3, 51);
        NeuriteClassificationModel whole = adamWithDropout().setEpochs(4).fit(blobs.frame(spark));
        adamWithDropout().setEpochs(2).setCheckpointDir(dir.toString()).setCheckpointEvery(3).fit(blobs.frame(spark));
        assertTrue(dir.resolve(DriverCheckpoint.FILE_NAME).toFile().isFile());
        NeuriteClassificationModel resumed = adamWithDropout().setEpochs(4).setCheckpointDir(dir.toString())
                .setCheckpointEvery(3).fit(blobs.frame(spark));
        SparkTests.sameBits(network(whole), network(resumed));
        assertEquals(whole.trainingLoss(), resumed.trainingLoss());
        // the resumed fit timed only the rounds it ran: half of them came from the checkpoint of the 2-epoch fit
        assertEquals(whole.trainingLoss().size(), whole.trainingRoundSeconds().size());
        assertEquals(whole.trainingLoss().size() / 2, resumed.trainingRoundSeconds().size());
    }

    @Test
    void aCheckpointOfOtherSettingsIsRefusedNamingBoth(@TempDir Path dir) {
        Blobs blobs = Blobs.of(100, 4, 3, 52);
        adamWithDropout().setEpochs(1).setCheckpointDir(dir.toString()).fit(blobs.frame(spark));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> adamWithDropout().setEpochs(2).setSeed(10).setCheckpointDir(dir.toString()).fit(blobs.frame(spark)));
        assertTrue(e.getMessage().contains("seed=10") && e.getMessage().contains("seed=9"), e.getMessage());
    }

    @Test
    void theMeanLossFallsFromRoundToRound() {
        NeuriteClassificationModel model = new NeuriteClassifier().setHiddenLayers(16).setEpochs(4).setSeed(1).setWorkers(2)
                .setLearningRate(0.01).fit(Blobs.of(600, 4, 3, 61).frame(spark));
        List<Double> loss = model.trainingLoss();
        assertEquals(4, loss.size());
        assertTrue(loss.get(3) < loss.get(0), loss.toString());
    }
}
