package dev.neurite.check;

import dev.neurite.layer.Mode;
import dev.neurite.layer.Param;
import dev.neurite.loss.Loss;
import dev.neurite.loss.LossWeights;
import dev.neurite.model.Network;
import dev.neurite.optim.Regularization;
import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares the analytic gradient of {@code L(w) = loss(network(x), y) + penalty(w)} — what
 * {@code Network.backward} and {@code Regularization.addGradients} compute in float — with central
 * differences taken in double precision, parameter by parameter, and for the input gradient
 * {@code dX = ∂L/∂x} that backpropagation hands to whatever feeds the network:
 *
 * <pre>
 *   numeric_i        = (L(w + h·e_i) − L(w − h·e_i)) / 2h          L evaluated by an independent double forward pass
 *   relative error_i = |analytic_i − numeric_i| / max(|analytic_i| + |numeric_i|, floor)
 * </pre>
 *
 * <p>Because {@code L} is evaluated in double (from the float weights, widened), {@code h} can be
 * small and the only error left is float rounding in the analytic path: a correct backward pass gives
 * relative errors around 1e−6 to 1e−4. The input is float, so each {@code x_i ± h} is rounded to float
 * and the difference is divided by the step actually taken. Dropout masks are fixed by the seed;
 * batch normalisation is checked in training mode (batch statistics, gradients through them).
 * Weights, running statistics and inputs are not changed.
 */
public final class GradientCheck {
    private final double step;
    private final double floor;
    private final int maxEntriesPerParam;
    private final LossWeights weights;
    private final float[] exampleWeights;

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
        this.weights = null;
        this.exampleWeights = null;
    }

    private GradientCheck(GradientCheck base, LossWeights weights, float[] exampleWeights) {
        this.step = base.step;
        this.floor = base.floor;
        this.maxEntriesPerParam = base.maxEntriesPerParam;
        this.weights = weights;
        this.exampleWeights = exampleWeights;
    }

    /**
     * The same check of the weighted loss {@link LossWeights#evaluate} computes: class weights and label smoothing
     * from {@code weights}, and {@code exampleWeights} (one per row of the checked batch, or null). The numeric
     * side weighs and smooths in double, from the formulas, independently of the float code.
     */
    public GradientCheck weighted(LossWeights weights, float[] exampleWeights) {
        return new GradientCheck(this, java.util.Objects.requireNonNull(weights, "weights"),
                exampleWeights == null ? null : exampleWeights.clone());
    }

    /** h = 1e−6, floor = 1e−6, up to 500 entries per parameter. */
    public static GradientCheck defaults() {
        return new GradientCheck(1e-6, 1e-6, 500);
    }

    /** One parameter's worst disagreement. */
    public record ParamReport(String name, int checked, int worstIndex, double analytic, double numeric,
                              double maxRelativeError) {}

    /**
     * Every parameter's report, and the input gradient's ({@code input}, named {@code "input"}; null when
     * no analytic input gradient was given).
     */
    public record Result(List<ParamReport> params, ParamReport input) {
        /** Parameters only, no input gradient. */
        public Result(List<ParamReport> params) {
            this(params, null);
        }

        /** The worst relative error over all checked entries, the input gradient's included. */
        public double maxRelativeError() {
            double worst = params.stream().mapToDouble(ParamReport::maxRelativeError).max().orElse(0);
            return input == null ? worst : Math.max(worst, input.maxRelativeError());
        }

        /** True when every checked entry's relative error is at most {@code tolerance}. */
        public boolean passed(double tolerance) {
            return maxRelativeError() <= tolerance;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (ParamReport p : input == null ? params : java.util.stream.Stream.concat(params.stream(),
                    java.util.stream.Stream.of(input)).toList()) {
                sb.append(String.format(Locale.ROOT, "%-12s checked %4d  max rel err %.3e at %d (analytic %.6e, numeric %.6e)%n",
                        p.name(), p.checked(), p.maxRelativeError(), p.worstIndex(), p.analytic(), p.numeric()));
            }
            return sb.toString();
        }
    }

    /** Checks without regularisation, dropout masks from seed 0. */
    public Result check(Network network, Loss loss, Matrix x, Matrix y) {
        return check(network, loss, Regularization.NONE, x, y, 0);
    }

    /**
     * Runs the network's own forward and backward pass on one batch and checks every parameter's gradient
     * and the input gradient {@code dX}.
     */
    public Result check(Network network, Loss loss, Regularization regularization, Matrix x, Matrix y, long maskSeed) {
        float[][] kept = network.buffers().isEmpty() ? null : network.snapshot();   // a training pass moves batchnorm's running statistics
        Matrix out = network.forward(x, Mode.training(new Rng(maskSeed)), loss);
        if (kept != null) {
            network.restore(kept);
        }
        Matrix dOut = Matrix.zeros(out.rows(), out.cols());
        double value = weights == null ? loss.evaluate(out, y, dOut) : weights.evaluate(loss, out, y, exampleWeights, dOut);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the loss is " + value + " at the current weights; nothing to check");
        }
        float[] dX = java.util.Arrays.copyOf(network.backwardToInput(dOut, loss).data(), x.size());
        regularization.addGradients(network.params());
        List<Param> params = network.params();
        float[][] analytic = new float[params.size()][];
        for (int i = 0; i < analytic.length; i++) {
            analytic[i] = java.util.Arrays.copyOf(params.get(i).grad().data(), params.get(i).size());
        }
        return compare(network, analytic, dX, loss, regularization, x, y, maskSeed);
    }

    /**
     * Checks gradients you computed yourself ({@code analytic[i]} for {@code network.params().get(i)})
     * against the numeric ones.
     */
    public Result compare(Network network, float[][] analytic, Loss loss, Regularization regularization, Matrix x,
                          Matrix y, long maskSeed) {
        return compare(network, analytic, null, loss, regularization, x, y, maskSeed);
    }

    /**
     * As {@link #compare(Network, float[][], Loss, Regularization, Matrix, Matrix, long)}, and checks
     * {@code analyticInput} ({@code ∂L/∂x}, row-major like {@code x}; null to skip) against central
     * differences in each entry of {@code x}.
     */
    public Result compare(Network network, float[][] analytic, float[] analyticInput, Loss loss,
                          Regularization regularization, Matrix x, Matrix y, long maskSeed) {
        if (analyticInput != null && analyticInput.length != x.size()) {
            throw new IllegalArgumentException("the input gradient has " + analyticInput.length + " values, x has "
                    + x.size());
        }
        List<Param> params = network.params();
        if (analytic.length != params.size()) {
            throw new IllegalArgumentException("analytic has " + analytic.length + " gradients, the network "
                    + params.size() + " parameters");
        }
        double[][] w = new double[params.size()][];
        for (int i = 0; i < w.length; i++) {
            Param p = params.get(i);
            if (analytic[i].length != p.size()) {
                throw new IllegalArgumentException(p.name() + " has " + p.size() + " values, its gradient " + analytic[i].length);
            }
            w[i] = new double[p.size()];
            for (int k = 0; k < w[i].length; k++) {
                w[i][k] = p.value().data()[k];
            }
        }
        List<ParamReport> reports = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            int n = w[i].length;
            int stride = Math.max(1, n / maxEntriesPerParam);
            double worst = -1, worstA = 0, worstN = 0;
            int worstIndex = -1, checked = 0;
            for (int k = 0; k < n && checked < maxEntriesPerParam; k += stride, checked++) {
                double original = w[i][k];
                w[i][k] = original + step;
                double up = DoubleForward.loss(network, w, loss, regularization, x, y, maskSeed, weights, exampleWeights);
                w[i][k] = original - step;
                double down = DoubleForward.loss(network, w, loss, regularization, x, y, maskSeed, weights, exampleWeights);
                w[i][k] = original;
                double numeric = (up - down) / (2 * step);
                double a = analytic[i][k];
                double rel = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), floor);
                if (rel > worst) {
                    worst = rel;
                    worstIndex = k;
                    worstA = a;
                    worstN = numeric;
                }
            }
            reports.add(new ParamReport(params.get(i).name(), checked, worstIndex, worstA, worstN, worst));
        }
        ParamReport input = analyticInput == null ? null
                : compareInput(network, w, analyticInput, loss, regularization, x, y, maskSeed);
        return new Result(reports, input);
    }

    /** dX against {@code (L(x + h·e_i) − L(x − h·e_i)) / (step taken)}, on a copy of x. */
    private ParamReport compareInput(Network network, double[][] w, float[] analytic, Loss loss,
                                     Regularization regularization, Matrix x, Matrix y, long maskSeed) {
        Matrix shifted = x.copy();
        float[] xs = shifted.data();
        int n = x.size();
        int stride = Math.max(1, n / maxEntriesPerParam);
        double worst = -1, worstA = 0, worstN = 0;
        int worstIndex = -1, checked = 0;
        for (int k = 0; k < n && checked < maxEntriesPerParam; k += stride, checked++) {
            float original = xs[k];
            float up = (float) (original + step), down = (float) (original - step);
            up = up == original ? Math.nextUp(original) : up;         // a step below half an ulp rounds away
            down = down == original ? Math.nextDown(original) : down;
            xs[k] = up;
            double lossUp = DoubleForward.loss(network, w, loss, regularization, shifted, y, maskSeed, weights, exampleWeights);
            xs[k] = down;
            double lossDown = DoubleForward.loss(network, w, loss, regularization, shifted, y, maskSeed, weights, exampleWeights);
            xs[k] = original;
            double numeric = (lossUp - lossDown) / ((double) up - down);
            double a = analytic[k];
            double rel = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), floor);
            if (rel > worst) {
                worst = rel;
                worstIndex = k;
                worstA = a;
                worstN = numeric;
            }
        }
        return new ParamReport("input", checked, worstIndex, worstA, worstN, worst);
    }
}
