package dev.neurite.layer;

import dev.neurite.kernel.BatchNormKernels;
import dev.neurite.kernel.Parallelism;
import dev.neurite.tensor.Matrix;
import java.util.List;

/**
 * Batch normalisation over the features of a batch (Ioffe and Szegedy, "Batch Normalization: Accelerating
 * Deep Network Training by Reducing Internal Covariate Shift", ICML 2015), as PyTorch's {@code BatchNorm1d}
 * computes it:
 *
 * <pre>
 *   training:   μ, σ² = the batch's mean and biased variance per feature       x: (B,n), B ≥ 2
 *               out = γ · (x − μ)/√(σ² + ε) + β
 *               running_mean ← (1 − m)·running_mean + m·μ
 *               running_var  ← (1 − m)·running_var  + m·σ²·B/(B − 1)         the unbiased variance
 *   inference:  out = γ · (x − running_mean)/√(running_var + ε) + β
 *   backward:   dβ = Σ_i dOut,  dγ = Σ_i dOut ⊙ x̂,
 *               dX = (γ/(B·√(σ² + ε))) · (B·dOut − dβ − x̂ ⊙ dγ)              training
 *               dX = γ/√(running_var + ε) · dOut                              inference
 * </pre>
 * with {@link #EPSILON} ε = 1e-5 and {@link #MOMENTUM} m = 0.1, PyTorch's defaults; γ starts at 1, β at 0,
 * the running mean at 0 and the running variance at 1. Each feature's statistics are summed over the rows in
 * order (in double), so they are the same for any thread count.
 */
public final class BatchNorm implements Layer {
    /** ε, added to the variance before the square root. */
    public static final float EPSILON = 1e-5f;
    /** m, the weight of the newest batch in the running statistics. */
    public static final float MOMENTUM = 0.1f;

    private final int n;
    private final Param gamma;
    private final Param beta;
    private final Buffer runningMean;
    private final Buffer runningVar;
    private final float[] mean, variance, invStd;   // of the last forward: the batch's, or the running ones
    private final double[] acc;
    private Matrix xHat;
    private Matrix out;
    private Matrix dX;
    private boolean lastWasTraining;
    private Matrix x, dOut;                          // the operands of the column bodies below
    private Parallelism parallelism = Parallelism.SERIAL;
    private final Parallelism.Range momentsBody = this::momentsOf, normalizeBody = this::normalizeColumns,
            gradientsBody = this::gradientsOf, paramGradientsBody = this::paramGradientsOf;

    /** @param index the layer's position, naming its tensors {@code "<index>.weight"} (γ), {@code .bias} (β), {@code .running_mean}, {@code .running_var} */
    public BatchNorm(int index, int size) {
        this(size, Param.of(index + ".weight", 1, size, false), Param.of(index + ".bias", 1, size, false),
                new Buffer(index + ".running_mean", Matrix.zeros(1, size)),
                new Buffer(index + ".running_var", Matrix.zeros(1, size).fill(1f)));
        gamma.value().fill(1f);
    }

    private BatchNorm(int size, Param gamma, Param beta, Buffer runningMean, Buffer runningVar) {
        if (size <= 0) {
            throw new IllegalArgumentException("batchnorm size must be > 0, was " + size);
        }
        this.n = size;
        this.gamma = gamma;
        this.beta = beta;
        this.runningMean = runningMean;
        this.runningVar = runningVar;
        this.mean = new float[size];
        this.variance = new float[size];
        this.invStd = new float[size];
        this.acc = new double[2 * size];
    }

    @Override
    public BatchNorm sharingParams() {
        return new BatchNorm(n, gamma, beta, runningMean, runningVar);
    }

    @Override
    public int inputSize() { return n; }

    @Override
    public int outputSize() { return n; }

    /** γ, shape {@code (1, n)}. */
    public Param gamma() { return gamma; }

    /** β, shape {@code (1, n)}. */
    public Param beta() { return beta; }

    /** The running mean, shape {@code (1, n)}. */
    public Buffer runningMean() { return runningMean; }

    /** The running (unbiased) variance, shape {@code (1, n)}. */
    public Buffer runningVar() { return runningVar; }

    @Override
    public Matrix forward(Matrix x, Mode mode) {
        Layer.requireColumns("batchnorm input", x, n);
        int rows = x.rows();
        lastWasTraining = mode instanceof Mode.Training;
        if (lastWasTraining && rows < 2) {
            throw new IllegalArgumentException("batchnorm needs at least 2 examples per training batch to estimate a"
                    + " variance, was " + rows + " (choose a batch size that leaves no final batch of 1)");
        }
        this.x = x;
        xHat = Matrix.reuse(xHat, rows, n);
        out = Matrix.reuse(out, rows, n);
        if (lastWasTraining) {
            parallelism.forColumns(rows, n, momentsBody);
            float unbiased = (float) rows / (rows - 1);
            float[] rm = runningMean.value().data(), rv = runningVar.value().data();
            for (int j = 0; j < n; j++) {
                invStd[j] = (float) (1.0 / Math.sqrt(variance[j] + EPSILON));
                rm[j] = (1 - MOMENTUM) * rm[j] + MOMENTUM * mean[j];
                rv[j] = (1 - MOMENTUM) * rv[j] + MOMENTUM * variance[j] * unbiased;
            }
        } else {
            float[] rm = runningMean.value().data(), rv = runningVar.value().data();
            for (int j = 0; j < n; j++) {
                mean[j] = rm[j];
                invStd[j] = (float) (1.0 / Math.sqrt(rv[j] + EPSILON));
            }
        }
        parallelism.forColumns(rows, n, normalizeBody);
        return out;
    }

    @Override
    public Matrix backward(Matrix dOut, boolean needInputGradient) {
        if (xHat == null) {
            throw new IllegalStateException("backward called before forward on " + describe());
        }
        Matrix.requireSameShape(dOut, xHat);
        this.dOut = dOut;
        if (needInputGradient) {
            dX = Matrix.reuse(dX, dOut.rows(), n);
        }
        parallelism.forColumns(dOut.rows(), n, needInputGradient ? gradientsBody : paramGradientsBody);
        return needInputGradient ? dX : null;
    }

    private void momentsOf(int j0, int j1) {
        BatchNormKernels.moments(x.data(), x.rows(), n, mean, variance, acc, j0, j1);
    }

    private void normalizeColumns(int j0, int j1) {
        BatchNormKernels.normalize(x.data(), x.rows(), n, mean, invStd, gamma.value().data(), beta.value().data(),
                xHat.data(), out.data(), j0, j1);
    }

    private void paramGradientsOf(int j0, int j1) {
        BatchNormKernels.paramGradients(dOut.data(), xHat.data(), dOut.rows(), n, gamma.grad().data(), beta.grad().data(),
                acc, j0, j1);
    }

    private void gradientsOf(int j0, int j1) {
        paramGradientsOf(j0, j1);
        if (lastWasTraining) {
            BatchNormKernels.inputGradient(dOut.data(), xHat.data(), dOut.rows(), n, gamma.value().data(), invStd,
                    gamma.grad().data(), beta.grad().data(), dX.data(), j0, j1);
        } else {
            BatchNormKernels.inputGradientFixed(dOut.data(), dOut.rows(), n, gamma.value().data(), invStd, dX.data(), j0, j1);
        }
    }

    @SuppressWarnings("exports")   // an internal pool (dev.neurite.kernel) the trainer hands down
    @Override
    public void parallelism(Parallelism parallelism) {
        this.parallelism = java.util.Objects.requireNonNull(parallelism, "parallelism");
    }

    @Override
    public List<Param> params() {
        return List.of(gamma, beta);
    }

    @Override
    public List<Buffer> buffers() {
        return List.of(runningMean, runningVar);
    }

    @Override
    public String describe() {
        return "batchnorm(" + n + ")";
    }
}
