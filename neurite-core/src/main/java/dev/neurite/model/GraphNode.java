package dev.neurite.model;

import dev.neurite.data.NormalizationKind;
import dev.neurite.layer.Activation;

/**
 * One step of a {@link ModelGraph}, in inference order: {@code x' = (x − shift) · scale}, {@code z = x·W + b},
 * {@code y = γ·(z − mean)/√(var + ε) + β}, {@code a = f(z)}. Dropout has no node: it is the identity at inference.
 */
public sealed interface GraphNode {
    /** The number of features this step reads. */
    int inputSize();

    /** The number of values it gives per example. */
    int outputSize();

    /**
     * The model's feature normalisation {@code x' = (x − shift) · scale}, first in the graph when the
     * model has one (never of kind {@code NONE}).
     */
    record Normalize(NormalizationKind kind, NamedTensor shift, NamedTensor scale) implements GraphNode {
        public Normalize {
            if (kind == NormalizationKind.NONE) {
                throw new IllegalArgumentException("a Normalize node needs a kind other than none; leave the node out");
            }
            if (shift.rank() != 1 || scale.rank() != 1 || shift.size() != scale.size()) {
                throw new IllegalArgumentException("normalisation shift " + shift + " and scale " + scale
                        + " must be vectors of one length");
            }
        }

        @Override
        public int inputSize() { return shift.size(); }

        @Override
        public int outputSize() { return shift.size(); }
    }

    /**
     * A dense layer {@code z = x·W + b}: {@code x: (B,in) · W: (in,out) + b: (out) → z: (B,out)}.
     *
     * @param bias null when the layer has none
     */
    record Affine(NamedTensor weight, NamedTensor bias) implements GraphNode {
        public Affine {
            if (weight.rank() != 2) {
                throw new IllegalArgumentException("weight " + weight + " must be a matrix (in, out)");
            }
            if (bias != null && (bias.rank() != 1 || bias.size() != weight.dim(1))) {
                throw new IllegalArgumentException("bias " + bias + " must be a vector of " + weight.dim(1)
                        + " values, as the weight " + weight + " has outputs");
            }
        }

        @Override
        public int inputSize() { return weight.dim(0); }

        @Override
        public int outputSize() { return weight.dim(1); }
    }

    /**
     * A batch normalisation at inference {@code y = γ·(x − mean)/√(var + ε) + β} on {@code size} values, after
     * an {@link Affine}: {@code gamma}, {@code beta}, the running {@code mean} and {@code variance} are vectors of
     * one length; ε is {@link dev.neurite.layer.BatchNorm#EPSILON}.
     */
    record BatchNorm(NamedTensor gamma, NamedTensor beta, NamedTensor mean, NamedTensor variance) implements GraphNode {
        public BatchNorm {
            for (NamedTensor t : new NamedTensor[] {beta, mean, variance}) {
                if (t.rank() != 1 || gamma.rank() != 1 || t.size() != gamma.size()) {
                    throw new IllegalArgumentException("batchnorm tensors " + gamma + ", " + beta + ", " + mean + ", "
                            + variance + " must be vectors of one length");
                }
            }
            for (int k = 0; k < variance.size(); k++) {
                if (!(variance.get(k) >= 0)) {
                    throw new IllegalArgumentException("batchnorm running variance " + variance + " must be >= 0, value "
                            + k + " was " + variance.get(k));
                }
            }
        }

        @Override
        public int inputSize() { return gamma.size(); }

        @Override
        public int outputSize() { return gamma.size(); }
    }

    /**
     * An element-wise (or, for softmax, row-wise) activation {@code a = f(z)} on {@code size} values.
     *
     * @param alpha the negative slope of leaky ReLU; {@link Activation#DEFAULT_LEAKY_SLOPE} for the others
     */
    record Activate(Activation.Function function, float alpha, int size) implements GraphNode {
        public Activate {
            if (function == null || function == Activation.Function.IDENTITY) {
                throw new IllegalArgumentException("an Activate node needs a function other than identity, was " + function);
            }
            if (size <= 0) {
                throw new IllegalArgumentException("activation size must be > 0, was " + size);
            }
        }

        @Override
        public int inputSize() { return size; }

        @Override
        public int outputSize() { return size; }
    }
}
