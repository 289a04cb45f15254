package dev.neurite.loss;

import dev.neurite.tensor.Matrix;
import java.util.Arrays;

/**
 * Class weights and label smoothing for any {@link Loss}, and per-example weights given with each batch.
 * For row {@code b} of a batch with example weight {@code s_b} (1 without) and class {@code c(b)} (the
 * target's hot column; for a single 0/1 column, whether it is ≥ 0.5):
 *
 * <pre>
 *   r_b  = s_b · w_c(b)                                  the row's weight (w = class weights, 1 without)
 *   y'   = (1 − ε)·y + ε·Σ_k y_k / K                     softmax cross-entropy's smoothed target (Keras, PyTorch)
 *   y'   = (1 − ε)·y + ε / 2                              sigmoid cross-entropy's (Keras' BinaryCrossentropy)
 *   L    = (1/N) Σ_b r_b · ℓ(out_b, y'_b)                 N, ℓ as the loss has them: B for cross-entropy, B·K for
 *                                                         mse and bce, 1 for sse (summed)
 *   dOut_b = r_b · ∂ℓ(out_b, y'_b)/∂out_b / N
 * </pre>
 *
 * <p>N is the batch's size, not {@code Σ r_b}: Keras' {@code sum_over_batch_size} for {@code class_weight}
 * and {@code sample_weight}, so that a step's size does not depend on which classes the batch drew.
 * PyTorch's {@code cross_entropy(weight=w)} divides by {@code Σ w_c(b)} instead; its {@code reduction="sum"}
 * divided by B is exactly this loss ({@code LossWeightsTest} holds its numbers). With label smoothing and
 * class weights together, PyTorch weights the smoothing term of class k by {@code w_k}; this loss (like
 * Keras) weights the whole row by its own class's weight. {@link #balanced} gives scikit-learn's
 * {@code compute_class_weight("balanced")}, whose mean over the training examples is 1.
 *
 * <p>Weights and smoothing act in training only: validation, test and the divergence guard measure the
 * plain loss. Immutable; {@link #evaluate} allocates nothing.
 */
public final class LossWeights {
    /** No class weights and no smoothing. */
    public static final LossWeights NONE = new LossWeights(null, 0);

    private final float[] classWeights;   // null: every class 1
    private final double smoothing;

    private LossWeights(float[] classWeights, double smoothing) {
        this.classWeights = classWeights;
        this.smoothing = smoothing;
    }

    /** Weights {@code w_c ≥ 0} per class (index = class), some positive. */
    public LossWeights classWeights(double... weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("class weights: none given");
        }
        float[] w = new float[weights.length];
        boolean positive = false;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || !Double.isFinite(weights[i]) || (float) weights[i] == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("the weight of class " + i + " must be >= 0 and finite, was " + weights[i]);
            }
            w[i] = (float) weights[i];
            positive |= w[i] > 0;
        }
        if (!positive) {
            throw new IllegalArgumentException("class weights " + Arrays.toString(weights) + ": at least one must be > 0");
        }
        return new LossWeights(w, smoothing);
    }

    /** Label smoothing {@code ε ∈ [0, 1)} for softmax and sigmoid cross-entropy. */
    public LossWeights labelSmoothing(double epsilon) {
        if (!(epsilon >= 0 && epsilon < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), was " + epsilon);
        }
        return new LossWeights(classWeights, epsilon);
    }

    /**
     * scikit-learn's balanced class weights {@code w_c = n / (K · n_c)} for {@code labels ∈ [0, K)}; a class
     * without examples gets 1 (no row carries it).
     */
    public static double[] balanced(int[] labels, int numClasses) {
        if (labels.length == 0 || numClasses < 1) {
            throw new IllegalArgumentException("balanced class weights need labels and classes, were " + labels.length
                    + " labels of " + numClasses + " classes");
        }
        long[] counts = new long[numClasses];
        for (int l : labels) {
            if (l < 0 || l >= numClasses) {
                throw new IllegalArgumentException("label " + l + " outside [0, " + numClasses + ")");
            }
            counts[l]++;
        }
        double[] w = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            w[c] = counts[c] == 0 ? 1 : (double) labels.length / ((double) numClasses * counts[c]);
        }
        return w;
    }

    /** The class weights (a copy), or null when every class weighs 1. */
    public double[] classWeights() {
        if (classWeights == null) {
            return null;
        }
        double[] w = new double[classWeights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = classWeights[i];
        }
        return w;
    }

    /** The label smoothing ε. */
    public double labelSmoothing() { return smoothing; }

    /** Whether class weights or smoothing are set (per-example weights come with each batch). */
    public boolean enabled() { return classWeights != null || smoothing > 0; }

    /**
     * Checks that these weights fit {@code loss} on a head with {@code outputs} columns: smoothing only for the
     * cross-entropies, class weights only for classes ({@code classes} of them; 0 for a regression).
     */
    public void check(Loss loss, int classes) {
        if (smoothing > 0 && loss.fusedActivation() == null) {
            throw new IllegalArgumentException("label smoothing is for cross-entropy and binary-cross-entropy, the loss is "
                    + loss.cliName());
        }
        if (classWeights != null && classes == 0) {
            throw new IllegalArgumentException("class weights need classes; this is a regression (use per-example weights)");
        }
        if (classWeights != null && classWeights.length != classes) {
            throw new IllegalArgumentException(classWeights.length + " class weights for " + classes + " classes");
        }
    }

    /** The loss alone; {@code exampleWeights} (one per row, or null) as in {@link #evaluate}. */
    public double value(Loss loss, Matrix out, Matrix y, float[] exampleWeights) {
        return WeightedLoss.compute(loss, out, y, exampleWeights, classWeights, smoothing, null);
    }

    /**
     * The weighted, smoothed loss of {@code out: (B,K)} against {@code y: (B,K)}, and {@code dOut} written
     * (same shape); {@code exampleWeights} holds at least B weights, or is null for all 1.
     */
    public double evaluate(Loss loss, Matrix out, Matrix y, float[] exampleWeights, Matrix dOut) {
        Matrix.requireSameShape(out, dOut);
        return WeightedLoss.compute(loss, out, y, exampleWeights, classWeights, smoothing, dOut);
    }

    @Override
    public String toString() {
        return "LossWeights[classWeights=" + Arrays.toString(classWeights) + ", labelSmoothing=" + smoothing + "]";
    }
}
