package dev.neurite.model;

import dev.neurite.layer.Activation;

/**
 * One entry of an {@link Architecture}: a dense layer with its activation (and optionally a batch
 * normalisation between the two), or a dropout layer.
 */
public sealed interface LayerSpec {
    /**
     * A dense layer of {@code units} outputs, then a {@link dev.neurite.layer.BatchNorm} when {@code batchNorm},
     * then {@code activation} (none when IDENTITY): {@code 256bnrelu} in the text form.
     *
     * @param alpha the negative slope for leaky ReLU, ignored otherwise
     */
    record Dense(int units, Activation.Function activation, float alpha, boolean batchNorm) implements LayerSpec {
        public Dense {
            if (units <= 0) {
                throw new IllegalArgumentException("dense units must be > 0, was " + units);
            }
            if (activation == null) {
                throw new IllegalArgumentException("activation must not be null; use IDENTITY for none");
            }
        }

        public Dense(int units, Activation.Function activation) {
            this(units, activation, Activation.DEFAULT_LEAKY_SLOPE, false);
        }

        /** Without batch normalisation. */
        public Dense(int units, Activation.Function activation, float alpha) {
            this(units, activation, alpha, false);
        }

        /** This layer with batch normalisation before its activation. */
        public Dense withBatchNorm() {
            return new Dense(units, activation, alpha, true);
        }

        /** The layers this entry makes in a {@link Network}: the dense layer, a batchnorm, an activation. */
        public int layerCount() {
            return 1 + (batchNorm ? 1 : 0) + (activation == Activation.Function.IDENTITY ? 0 : 1);
        }
    }

    /** Inverted dropout with the given drop probability, in [0, 1). */
    record Dropout(double rate) implements LayerSpec {
        public Dropout {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("dropout rate must be in [0, 1), was " + rate);
            }
        }
    }
}
