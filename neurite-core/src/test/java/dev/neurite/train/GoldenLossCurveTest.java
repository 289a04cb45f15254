package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurite.data.Batching;
import dev.neurite.data.Dataset;
import dev.neurite.layer.Activation;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import dev.neurite.optim.Sgd;
import dev.neurite.tensor.Matrix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A fixed run's first 20 minibatch losses against the independent numpy reference
 * {@code src/test/reference/golden_curve.py}: the seed network 784-30tanh-10softmax with formula-given
 * weights, formula-given data in data order (2 epochs of 10 batches of 50), the second seed's momentum
 * (lr 0.1, μ 0.9) and L2 1e−4. No random number enters, so the curve checks the forward pass, the loss,
 * backpropagation, the penalty and the optimizer together, not Neurite's RNG.
 */
class GoldenLossCurveTest {
    /** From golden_curve.py (float64); Neurite trains in float32. */
    private static final double[] REFERENCE = {2.3140471449044755, 2.2170284339491357, 1.9371841956423492,
            1.5905727483541148, 1.2276083174766474, 1.0112925937783006, 0.8318231791831247, 0.71523660525622,
            0.6104701364582306, 0.5467191971562725, 0.4780233757947384, 0.41693066078740665, 0.3749844758712746,
            0.33897290378900397, 0.278735771740199, 0.25198386849024434, 0.21162420826613587, 0.18352249297100331,
            0.1575330905112874, 0.1373948470474426};
    /** float32 arithmetic over 20 steps against float64: measured 1.8e−7 relative, bound 1e−5. */
    private static final double RELATIVE_TOLERANCE = 1e-5;
    private static final int N = 500, D = 784, H = 30, K = 10;

    private static int label(int i) {
        return (3 * i + i / 7) % K;
    }

    private static Dataset data() {
        Matrix x = Matrix.zeros(N, D);
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = label(i);
            for (int j = 0; j < D; j++) {
                double texture = ((i * 7919 + j * 104729) % 1000) / 1000.0 * 0.5;
                x.set(i, j, (float) (texture + (j % 10 == labels[i] ? 0.5 : 0)));
            }
        }
        return Dataset.classification(x, labels, K);
    }

    private static float[] table(int rows, int cols, int a, int b, int mod, int shift, double scale) {
        float[] t = new float[rows * cols];
        for (int p = 0; p < rows; p++) {
            for (int q = 0; q < cols; q++) {
                t[p * cols + q] = (float) (((p * a + q * b) % mod - shift) / scale);
            }
        }
        return t;
    }

    private static Network network() {
        Network net = Network.builder(D).bias(true).dense(H, Activation.Function.TANH)
                .dense(K, Activation.Function.SOFTMAX).build(0);
        float[] b1 = new float[H], b2 = new float[K];
        for (int j = 0; j < H; j++) {
            b1[j] = (float) (((j * 5) % 7 - 3) / 100.0);
        }
        for (int j = 0; j < K; j++) {
            b2[j] = (float) (((j * 3) % 5 - 2) / 50.0);
        }
        net.restore(new float[][] {table(D, H, 31, 17, 23, 11, 110.0), b1, table(H, K, 13, 29, 19, 9, 30.0), b2});
        return net;
    }

    private static double[] losses(int threads) {
        Trainer trainer = Trainer.builder().epochs(2).batching(Batching.sequential(50)).seed(7).threads(threads)
                .optimizer(Sgd.momentum(0.1, 0.9)).loss(Loss.crossEntropy()).l2(1e-4).build();
        double[] losses = new double[REFERENCE.length];
        int[] step = {0};
        trainer.fit(network(), data(), new TrainingListener() {
            @Override
            public void onBatch(BatchStats stats) {
                losses[step[0]++] = stats.loss();
            }
        });
        assertEquals(REFERENCE.length, step[0], "batches seen");
        return losses;
    }

    @Test
    void theFirstTwentyLossesMatchTheNumpyReference() {
        double[] losses = losses(1);
        for (int t = 0; t < REFERENCE.length; t++) {
            assertEquals(REFERENCE[t], losses[t], RELATIVE_TOLERANCE * REFERENCE[t],
                    "loss of batch " + t + "; whole curve " + Arrays.toString(losses));
        }
    }

    @Test
    void theCurveIsBitIdenticalOnTwoThreads() {
        assertArrayEquals(losses(1), losses(2));
    }
}
