package dev.neurite.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.data.Dataset;
import dev.neurite.data.Mnist;
import dev.neurite.data.Normalization;
import dev.neurite.io.SavedModel;
import dev.neurite.loss.Loss;
import dev.neurite.metrics.Evaluation;
import dev.neurite.model.Network;
import dev.neurite.optim.Adam;
import dev.neurite.tensor.Matrix;
import dev.neurite.train.Trainer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One Predictor of a real trained MNIST model, used from many threads at once. */
class PredictorTest {
    private static Network network;
    private static Normalization normalization;
    private static Dataset test;

    @BeforeAll
    static void train() throws IOException {
        Mnist mnist = Mnist.load();
        Dataset train = mnist.train().head(3000);
        test = mnist.test().head(2000);
        normalization = Normalization.fitStandard(train.x());
        Dataset normalized = Dataset.classification(normalization.applyInPlace(train.x().copy()), train.labels(), 10);
        network = Network.of("784-32relu-10softmax", 7);
        Trainer.builder().epochs(1).batchSize(64).seed(3).optimizer(Adam.of(0.002)).loss(Loss.crossEntropy()).build()
                .fit(network, normalized);
    }

    private static float[] row(Matrix m, int r) {
        return Arrays.copyOfRange(m.data(), r * m.cols(), (r + 1) * m.cols());
    }

    @Test
    void eightThreadsGiveTheSerialBitsExactly() throws Exception {
        Predictor predictor = Predictor.of(new SavedModel(network, Loss.crossEntropy(), normalization, null, Map.of()));
        Matrix x = test.x();
        Matrix serial = predictor.predict(x);
        // the serial run is the network's own prediction on normalised inputs
        assertTrue(serial.contentEquals(network.predict(normalization.applyInPlace(x.copy()))));
        int[] serialClasses = predictor.classes(x);
        int threads = 8, perThread = 10_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int done = 0, at = id * 97, mismatches = 0;
                    while (done < perThread) {
                        int rows = (done / 7) % 3 == 0 ? 1 + (at % 40) : 0;   // mix batches of 1..40 with single examples
                        if (rows == 0) {
                            int r = at % x.rows();
                            if (!Arrays.equals(predictor.predict(row(x, r)), row(serial, r))) {
                                mismatches++;
                            }
                            if (predictor.classify(row(x, r)).index() != serialClasses[r]) {
                                mismatches++;
                            }
                            done++;
                        } else {
                            int from = at % (x.rows() - rows);
                            Matrix batch = Matrix.zeros(rows, x.cols());
                            System.arraycopy(x.data(), from * x.cols(), batch.data(), 0, rows * x.cols());
                            Matrix out = predictor.predict(batch);
                            for (int r = 0; r < rows; r++) {
                                if (!Arrays.equals(row(out, r), row(serial, from + r))) {
                                    mismatches++;
                                }
                            }
                            done += rows;
                        }
                        at += 13;
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(0, f.get(), "rows that differ from the serial run");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void singleExamplesGiveTheSameBitsAsOneRowBatchesAndTheirClass() {
        Predictor predictor = Predictor.of(network, normalization, Loss.crossEntropy());
        Matrix normalized = normalization.applyInPlace(test.head(50).x());
        for (int r = 0; r < 50; r++) {
            float[] features = row(test.x(), r);
            Matrix one = normalization.applyInPlace(Matrix.wrap(features.clone(), 1, features.length));
            assertArrayEquals(row(network.predict(one), 0), predictor.predict(features));
            Classification c = predictor.classify(features);
            assertEquals(network.predictClasses(Matrix.wrap(row(normalized, r), 1, 784))[0], c.index());
            assertEquals(Integer.toString(c.index()), c.label());
            assertEquals(1.0, Arrays.stream(c.probabilities()).sum(), 1e-5);
        }
    }

    @Test
    void neverWritesTheCallersInput() {
        Predictor predictor = Predictor.of(network, normalization);
        float[] one = row(test.x(), 3), oneCopy = one.clone();
        Matrix batch = test.x().copy(), batchCopy = batch.copy();
        predictor.predict(one);
        predictor.classify(one);
        predictor.predict(batch);
        predictor.classify(batch);
        predictor.evaluate(test);
        assertArrayEquals(oneCopy, one);
        assertTrue(batchCopy.contentEquals(batch));
        assertTrue(batchCopy.contentEquals(test.x()), "evaluate normalises a copy");
    }

    @Test
    void evaluateEqualsTheEvaluationOfNormalisedData() {
        Predictor predictor = Predictor.of(network, normalization, Loss.crossEntropy());
        Evaluation direct = Evaluation.of(network, Dataset.classification(normalization.applyInPlace(test.x().copy()),
                test.labels(), 10), Loss.crossEntropy());
        Evaluation viaPredictor = predictor.evaluate(test);
        assertEquals(direct.loss(), viaPredictor.loss());
        assertEquals(direct.accuracy(), viaPredictor.accuracy());
        assertArrayEquals(predictor.classes(test.x()), network.predictClasses(normalization.applyInPlace(test.x().copy())));
    }

    @Test
    void aNetworkTrainedLaterDoesNotChangeItsPredictor() {
        Network net = Network.of("3-4tanh-2softmax", 1);
        Predictor predictor = Predictor.of(net, Normalization.none(3));
        float[] x = {0.1f, -0.2f, 0.3f};
        float[] before = predictor.predict(x);
        net.params().get(0).value().data()[0] += 1f;
        assertArrayEquals(before, predictor.predict(x));
    }

    @Test
    void classNamesBecomeLabelsAndALinearNetworkIsSquashedByItsHead() {
        Network net = Network.of("2-3", 5);     // linear, trained with cross-entropy: the head applies softmax
        Predictor predictor = Predictor.of(new SavedModel(net, Loss.crossEntropy(), Normalization.none(2),
                List.of("cat", "dog", "eel"), Map.of()));
        float[] x = {0.5f, -1.5f};
        float[] logits = row(net.predict(Matrix.wrap(x.clone(), 1, 2)), 0);
        float[] p = predictor.predict(x);
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-6);
        Classification c = predictor.classify(x);
        int best = 0;
        for (int j = 1; j < 3; j++) {
            best = logits[j] > logits[best] ? j : best;
        }
        assertEquals(best, c.index());
        assertEquals(List.of("cat", "dog", "eel").get(best), c.label());
        assertEquals(p[best], c.confidence(), 0);
    }

    @Test
    void aRegressionGivesValuesAndRefusesToClassify() {
        Network net = Network.of("2-4tanh-2", 5);
        Predictor predictor = Predictor.of(net, Normalization.none(2), Loss.meanSquaredError());
        assertTrue(predictor.head().isRegression());
        float[] x = {0.5f, -1.5f};
        assertArrayEquals(row(net.predict(Matrix.wrap(x.clone(), 1, 2)), 0), predictor.predict(x));
        var e = assertThrows(IllegalStateException.class, () -> predictor.classify(x));
        assertTrue(e.getMessage().contains("regression"), e.getMessage());
    }

    @Test
    void wrongSizesAreRefusedWithTheSizes() {
        Predictor predictor = Predictor.of(network, normalization);
        var e = assertThrows(IllegalArgumentException.class, () -> predictor.predict(new float[3]));
        assertEquals("the model takes 784 inputs but the example has 3 features per row", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> predictor.predict(TestData.uniform(2, 5, 0, 1, 1)));
        assertEquals("the model takes 784 inputs but the input of shape (2, 5) has 5 features per row", e.getMessage());
    }
}
