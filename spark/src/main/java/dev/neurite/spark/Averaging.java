package dev.neurite.spark;

import dev.neurite.model.Network;
import dev.neurite.train.TrainingState;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver's half of a round: the sample-weighted mean of the partitions' weights and optimizer arrays,
 *
 * <pre>
 *   w = Σ_p n_p·w_p / Σ_p n_p        in double, partitions in order, rounded to float once
 * </pre>
 *
 * the step count likewise (rounded to the nearest integer), written into the driver's state. Empty
 * partitions have no vote. With one partition, n·w/n is w exactly (a float times an int below 2^29 is
 * exact in double), so a one-partition run keeps the bits of the single-machine run.
 */
final class Averaging {
    private Averaging() {}

    static DistributedTrainer.RoundStats into(TrainingState state, Contributions all, Position[] positions, int round,
                                              boolean restartOptimizer) {
        Network network = state.network();
        float[][] current = network.snapshot();
        double[][] w = zeros(current);
        List<float[]> liveOptimizer = state.optimizerState();
        double[][] o = new double[liveOptimizer.size()][];
        for (int i = 0; i < o.length; i++) {
            o[i] = new double[liveOptimizer.get(i).length];
        }
        double rows = 0, steps = 0, lossSum = 0;
        long correct = 0, seen = 0;
        for (Contribution c : all.inOrder()) {
            positions[c.partition()] = c.position();
            if (c.rows() == 0) {
                continue;
            }
            double n = c.rows();
            addScaled(w, c.weights(), n);
            addScaled(o, c.optimizer(), n);
            rows += n;
            steps += n * c.steps();
            lossSum += c.lossSum();
            correct += c.correct();
            seen += c.seen();
        }
        network.restore(mean(w, rows));
        if (restartOptimizer) {
            state.restoreOptimizer(0, zeroArrays(liveOptimizer));
        } else {
            float[][] mean = mean(o, rows);
            List<float[]> arrays = new ArrayList<>(List.of(mean));
            state.restoreOptimizer(Math.round(steps / rows), arrays);
        }
        return new DistributedTrainer.RoundStats(round, lossSum / seen, (double) correct / seen);
    }

    private static double[][] zeros(float[][] shape) {
        double[][] z = new double[shape.length][];
        for (int i = 0; i < shape.length; i++) {
            z[i] = new double[shape[i].length];
        }
        return z;
    }

    private static List<float[]> zeroArrays(List<float[]> shape) {
        List<float[]> z = new ArrayList<>();
        for (float[] a : shape) {
            z.add(new float[a.length]);
        }
        return z;
    }

    private static void addScaled(double[][] sum, float[][] values, double n) {
        if (values.length != sum.length) {
            throw new IllegalStateException("a partition sent " + values.length + " tensors, the network has " + sum.length);
        }
        for (int i = 0; i < sum.length; i++) {
            double[] s = sum[i];
            float[] v = values[i];
            for (int j = 0; j < s.length; j++) {
                s[j] += n * v[j];
            }
        }
    }

    private static float[][] mean(double[][] sum, double n) {
        float[][] m = new float[sum.length][];
        for (int i = 0; i < sum.length; i++) {
            m[i] = new float[sum[i].length];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = (float) (sum[i][j] / n);
            }
        }
        return m;
    }
}
