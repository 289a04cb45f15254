package dev.neurite.check;

import dev.neurite.layer.Activation;
import dev.neurite.layer.BatchNorm;
import dev.neurite.layer.Dense;
import dev.neurite.layer.Dropout;
import dev.neurite.layer.Layer;
import dev.neurite.layer.Param;
import dev.neurite.loss.Loss;
import dev.neurite.loss.LossWeights;
import dev.neurite.loss.MeanSquaredError;
import dev.neurite.loss.SigmoidCrossEntropy;
import dev.neurite.loss.SoftmaxCrossEntropy;
import dev.neurite.loss.SumOfSquares;
import dev.neurite.model.Network;
import dev.neurite.optim.Regularization;
import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Rng;
import java.util.List;

/**
 * A second, independent forward pass in double precision, written straight from the formulas with
 * plain loops and sharing no kernel with the float path: the oracle the gradient check differentiates.
 * Dropout masks are redrawn from the same seed and key as {@link Dropout} draws them; batch normalisation
 * uses the batch's statistics, as in training.
 */
final class DoubleForward {
    private DoubleForward() {}

    /** {@code loss(network(x), y) + penalty}, with parameter values taken from {@code weights}. */
    static double loss(Network network, double[][] weights, Loss loss, Regularization reg, Matrix x, Matrix y,
                       long maskSeed, LossWeights lossWeights, float[] exampleWeights) {
        List<Layer> layers = network.layers();
        List<Param> params = network.params();
        Rng rng = new Rng(maskSeed);
        int rows = x.rows();
        double[][] a = new double[rows][];
        for (int r = 0; r < rows; r++) {
            a[r] = new double[x.cols()];
            for (int c = 0; c < x.cols(); c++) {
                a[r][c] = x.get(r, c);
            }
        }
        int end = layers.size();
        if (dev.neurite.model.OutputHead.skipsFinalActivation(network, loss)) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            Layer layer = layers.get(i);
            if (layer instanceof Dense d) {
                a = dense(a, weights[params.indexOf(d.weight())],
                        d.hasBias() ? weights[params.indexOf(d.bias())] : null, d.inputSize(), d.outputSize());
            } else if (layer instanceof BatchNorm bn) {
                batchNorm(a, weights[params.indexOf(bn.gamma())], weights[params.indexOf(bn.beta())]);
            } else if (layer instanceof Activation act) {
                activate(a, act);
            } else if (layer instanceof Dropout drop) {
                double scale = 1f / (1f - drop.rate());
                long key = rng.nextLong();
                for (int r = 0; r < a.length; r++) {
                    for (int c = 0; c < a[r].length; c++) {
                        a[r][c] *= Rng.uniformAt(key, (long) r * a[r].length + c) >= drop.rate() ? scale : 0;
                    }
                }
            }
        }
        double value = lossWeights == null ? lossValue(loss, a, y) : weightedLossValue(loss, a, y, lossWeights, exampleWeights);
        return value + penalty(reg, params, weights);
    }

    private static double[][] dense(double[][] a, double[] w, double[] b, int in, int out) {
        double[][] z = new double[a.length][out];
        for (int r = 0; r < a.length; r++) {
            for (int j = 0; j < out; j++) {
                double s = b == null ? 0 : b[j];
                for (int k = 0; k < in; k++) {
                    s += a[r][k] * w[k * out + j];
                }
                z[r][j] = s;
            }
        }
        return z;
    }

    /** Training-mode batch normalisation in place: the batch's mean and biased variance per column. */
    private static void batchNorm(double[][] a, double[] gamma, double[] beta) {
        int rows = a.length;
        for (int c = 0; c < gamma.length; c++) {
            double mean = 0, var = 0;
            for (double[] row : a) {
                mean += row[c];
            }
            mean /= rows;
            for (double[] row : a) {
                var += (row[c] - mean) * (row[c] - mean);
            }
            var /= rows;
            double invStd = 1 / Math.sqrt(var + BatchNorm.EPSILON);
            for (double[] row : a) {
                row[c] = gamma[c] * (row[c] - mean) * invStd + beta[c];
            }
        }
    }

    private static void activate(double[][] a, Activation act) {
        for (double[] row : a) {
            if (act.function() == Activation.Function.SOFTMAX) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (double v : row) {
                    max = Math.max(max, v);
                }
                for (int c = 0; c < row.length; c++) {
                    row[c] = Math.exp(row[c] - max);
                    sum += row[c];
                }
                for (int c = 0; c < row.length; c++) {
                    row[c] /= sum;
                }
                continue;
            }
            for (int c = 0; c < row.length; c++) {
                double z = row[c];
                row[c] = switch (act.function()) {
                    case SIGMOID -> 1 / (1 + Math.exp(-z));
                    case TANH -> Math.tanh(z);
                    case RELU -> Math.max(z, 0);
                    case LEAKY_RELU -> z > 0 ? z : act.alpha() * z;
                    case IDENTITY, SOFTMAX -> z;
                };
            }
        }
    }

    private static double lossValue(Loss loss, double[][] out, Matrix y) {
        int rows = out.length, k = y.cols();
        double total = 0;
        for (int r = 0; r < rows; r++) {
            if (loss instanceof SoftmaxCrossEntropy) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (double v : out[r]) {
                    max = Math.max(max, v);
                }
                for (double v : out[r]) {
                    sum += Math.exp(v - max);
                }
                double lse = max + Math.log(sum);
                for (int c = 0; c < k; c++) {
                    total += y.get(r, c) * (lse - out[r][c]);
                }
                continue;
            }
            for (int c = 0; c < k; c++) {
                double o = out[r][c], t = y.get(r, c);
                if (loss instanceof SigmoidCrossEntropy) {
                    double p = 1 / (1 + Math.exp(-o));
                    total += -(t * Math.log(p) + (1 - t) * Math.log1p(-p));
                } else {
                    total += (o - t) * (o - t);
                }
            }
        }
        if (loss instanceof SumOfSquares) {
            return total;
        }
        if (loss instanceof MeanSquaredError || loss instanceof SigmoidCrossEntropy) {
            return total / ((double) rows * k);
        }
        return total / rows;
    }

    /**
     * The weighted, smoothed loss straight from {@link LossWeights}' formulas: each row's target smoothed, its
     * plain loss taken by {@link #lossValue} on that row alone (so normalised per row), then weighed and
     * rescaled to the batch's normaliser.
     */
    private static double weightedLossValue(Loss loss, double[][] out, Matrix y, LossWeights lw, float[] s) {
        int rows = out.length, k = y.cols();
        double[] w = lw.classWeights();
        double eps = lw.labelSmoothing();
        double total = 0;
        for (int r = 0; r < rows; r++) {
            Matrix target = Matrix.zeros(1, k);
            double ySum = 0;
            for (int c = 0; c < k; c++) {
                ySum += y.get(r, c);
            }
            int hot = 0;
            for (int c = 0; c < k; c++) {
                double t = y.get(r, c);
                hot = t > y.get(r, hot) ? c : hot;
                double smoothed = loss instanceof SoftmaxCrossEntropy ? (1 - eps) * t + eps * ySum / k
                        : loss instanceof SigmoidCrossEntropy ? (1 - eps) * t + eps / 2 : t;
                target.set(0, c, (float) smoothed);
            }
            int cls = k == 1 ? (y.get(r, 0) >= 0.5f ? 1 : 0) : hot;
            double weight = (s == null ? 1 : s[r]) * (w == null ? 1 : w[cls]);
            total += weight * lossValue(loss, new double[][] {out[r]}, target);    // the row's loss, over 1·K (or 1) terms
        }
        return loss instanceof SumOfSquares ? total : total / rows;
    }

    private static double penalty(Regularization reg, List<Param> params, double[][] weights) {
        double abs = 0, sq = 0;
        for (int i = 0; i < params.size(); i++) {
            if (!params.get(i).weight()) {
                continue;
            }
            for (double w : weights[i]) {
                abs += Math.abs(w);
                sq += w * w;
            }
        }
        return reg.l1() * abs + reg.l2() / 2 * sq;
    }
}
