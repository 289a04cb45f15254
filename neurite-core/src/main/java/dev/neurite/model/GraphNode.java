package dev.neurite.model;

import dev.neurite.data.NormalizationKind;
import dev.neurite.layer.Activation;

/**
 * One step of a {@link ModelGraph}, in inference order: {@code x' = (x − shift) · scale}, {@code z = x·W + b},
 * {@code a = f(z)}. Dropout has no node: it is the identity at inference.
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
