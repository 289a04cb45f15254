package dev.neurite.seeds;

import dev.neurite.data.Batching;
import dev.neurite.data.Dataset;
import dev.neurite.layer.Activation;
import dev.neurite.layer.Init;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import dev.neurite.optim.Sgd;
import dev.neurite.tensor.Matrix;
import dev.neurite.train.BatchStats;
import dev.neurite.train.Trainer;
import dev.neurite.train.TrainingListener;

/**
 * The first seed's network, exactly: inputs {@code [0,0,1],[0,1,1],[1,0,1],[1,1,1]}, targets
 * 0, 1, 1, 0; 3-4-1 with sigmoid on both layers and no biases; weights uniform on [0, 1)
 * ({@code np.random.rand}); sum-of-squares loss; one full-batch update per iteration with the seed's
 * own step {@code w += d_weights}, i.e. gradient descent with a learning rate of 1.
 */
public final class XorSeed {
    /** The seed's iteration count. */
    public static final int ITERATIONS = 1500;

    private XorSeed() {}

    /** The four XOR inputs, with the seed's constant third input. */
    public static Matrix inputs() {
        return Matrix.of(new double[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}});
    }

    /** The XOR targets, 0 1 1 0. */
    public static int[] targets() {
        return new int[] {0, 1, 1, 0};
    }

    /** The seed's untrained network, weights drawn from {@code seed}. */
    public static Network network(long seed) {
        return Network.builder(3).bias(false).init(Init.UNIT_UNIFORM)
                .dense(4, Activation.Function.SIGMOID)
                .dense(1, Activation.Function.SIGMOID)
                .build(seed);
    }

    /**
     * What a run gives: the trained network, its four outputs in input order, and the sum-of-squares
     * loss at each iteration (measured before that iteration's update, as the seed's list is).
     */
    public record Result(Network network, double[] outputs, double[] losses) {
        /** The loss after the last update. */
        public double finalLoss() {
            double sum = 0;
            int[] t = targets();
            for (int i = 0; i < outputs.length; i++) {
                sum += (outputs[i] - t[i]) * (outputs[i] - t[i]);
            }
            return sum;
        }

        /** True when every output is within {@code tolerance} of its target. */
        public boolean learned(double tolerance) {
            int[] t = targets();
            for (int i = 0; i < outputs.length; i++) {
                if (Math.abs(outputs[i] - t[i]) > tolerance) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Trains the seed's network for {@code iterations} full-batch steps. */
    public static Result run(long seed, int iterations) {
        Network network = network(seed);
        Trainer trainer = Trainer.builder()
                .epochs(iterations)
                .batching(Batching.sequential(4))
                .optimizer(Sgd.plain(1.0))
                .loss(Loss.sumOfSquares())
                .seed(seed)
                .build();
        double[] losses = new double[iterations];
        trainer.fit(network, Dataset.binary(inputs(), targets()), new TrainingListener() {
            @Override
            public void onBatch(BatchStats stats) {
                losses[stats.epoch()] = stats.loss();
            }
        });
        Matrix out = network.predict(inputs());
        return new Result(network, out.toDoubleArray(), losses);
    }
}
