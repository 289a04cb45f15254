package dev.neurite.check;

import dev.neurite.layer.Mode;
import dev.neurite.layer.Param;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import dev.neurite.optim.Regularization;
import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the analytic gradient of {@code L(w) = loss(network(x), y) + penalty(w)} with central
 * differences, parameter by parameter:
 *
 * <pre>
 *   numeric_i = (L(w + h·e_i) − L(w − h·e_i)) / (2h)
 *   relative error_i = |analytic_i − numeric_i| / max(|analytic_i| + |numeric_i|, floor)
 * </pre>
 *
 * <p>The loss is accumulated in double and the step {@code h} is the difference actually stored in
 * float, so the quotient carries no rounding of the step. Dropout masks are fixed by re-seeding the
 * training RNG with {@code maskSeed} before every evaluation. The network's weights are left as they were.
 */
public final class GradientCheck {
    private final double step;
    private final double floor;
    private final int maxEntriesPerParam;

    /**
     * @param step               the finite-difference step h, > 0
     * @param floor              the smallest denominator of the relative error, so that gradients near
     *                           zero are judged by their absolute error; > 0
     * @param maxEntriesPerParam how many entries of each parameter to check (spread evenly); > 0
     */
    public GradientCheck(double step, double floor, int maxEntriesPerParam) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("step must be > 0, was " + step);
        }
        if (!(floor > 0)) {
            throw new IllegalArgumentException("floor must be > 0, was " + floor);
        }
        if (maxEntriesPerParam <= 0) {
            throw new IllegalArgumentException("maxEntriesPerParam must be > 0, was " + maxEntriesPerParam);
        }
        this.step = step;
        this.floor = floor;
        this.maxEntriesPerParam = maxEntriesPerParam;
    }

    /** h = 1e−3, floor = 1e−4, up to 200 entries per parameter. */
    public static GradientCheck defaults() {
        return new GradientCheck(1e-3, 1e-4, 200);
    }

    /** One parameter's worst disagreement. */
    public record ParamReport(String name, int checked, int worstIndex, double analytic, double numeric,
                              double maxRelativeError) {}

    /** Every parameter's report; {@link #maxRelativeError()} is the worst over all. */
    public record Result(List<ParamReport> params) {
        public double maxRelativeError() {
            return params.stream().mapToDouble(ParamReport::maxRelativeError).max().orElse(0);
        }

        /** True when every checked entry's relative error is at most {@code tolerance}. */
        public boolean passed(double tolerance) {
            return maxRelativeError() <= tolerance;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (ParamReport p : params) {
                sb.append(String.format(java.util.Locale.ROOT, "%-12s checked %4d  max rel err %.3e at %d (analytic %.6e, numeric %.6e)%n",
                        p.name(), p.checked(), p.maxRelativeError(), p.worstIndex(), p.analytic(), p.numeric()));
            }
            return sb.toString();
        }
    }

    /** Checks without regularisation and with dropout masks from seed 0. */
    public Result check(Network network, Loss loss, Matrix x, Matrix y) {
        return check(network, loss, Regularization.NONE, x, y, 0);
    }

    /** Checks every parameter of {@code network} on one batch. */
    public Result check(Network network, Loss loss, Regularization regularization, Matrix x, Matrix y, long maskSeed) {
        List<Param> params = network.params();
        double base = evaluate(network, loss, regularization, x, y, maskSeed, true);
        if (!Double.isFinite(base)) {
            throw new IllegalArgumentException("the loss is " + base + " at the current weights; nothing to check");
        }
        float[][] analytic = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            analytic[i] = java.util.Arrays.copyOf(p.grad().data(), p.size());
        }
        List<ParamReport> reports = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            float[] w = p.value().data();
            int n = p.size();
            int stride = Math.max(1, n / maxEntriesPerParam);
            double worst = -1, worstA = 0, worstN = 0;
            int worstIndex = -1, checked = 0;
            for (int k = 0; k < n && checked < maxEntriesPerParam; k += stride, checked++) {
                float original = w[k];
                float up = (float) (original + step), down = (float) (original - step);
                w[k] = up;
                double lossUp = evaluate(network, loss, regularization, x, y, maskSeed, false);
                w[k] = down;
                double lossDown = evaluate(network, loss, regularization, x, y, maskSeed, false);
                w[k] = original;
                double numeric = (lossUp - lossDown) / ((double) up - (double) down);
                double a = analytic[i][k];
                double rel = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), floor);
                if (rel > worst) {
                    worst = rel;
                    worstIndex = k;
                    worstA = a;
                    worstN = numeric;
                }
            }
            reports.add(new ParamReport(p.name(), checked, worstIndex, worstA, worstN, worst));
        }
        return new Result(reports);
    }

    private static double evaluate(Network network, Loss loss, Regularization reg, Matrix x, Matrix y, long maskSeed,
                                   boolean withGradients) {
        Mode mode = Mode.training(new Rng(maskSeed));
        Matrix out = network.forward(x, mode, loss);
        double value;
        if (withGradients) {
            Matrix dOut = Matrix.zeros(out.rows(), out.cols());
            value = loss.evaluate(out, y, dOut);
            network.backward(dOut, loss);
            reg.addGradients(network.params());
        } else {
            value = loss.value(out, y);
        }
        return value + reg.penalty(network.params());
    }
}
