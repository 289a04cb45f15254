package dev.neurite.model;

import dev.neurite.layer.Activation;

/** One entry of an {@link Architecture}: a dense layer with its activation, or a dropout layer. */
public sealed interface LayerSpec {
    /**
     * A dense layer of {@code units} outputs followed by {@code activation} (none when IDENTITY).
     *
     * @param alpha the negative slope for leaky ReLU, ignored otherwise
     */
    record Dense(int units, Activation.Function activation, float alpha) implements LayerSpec {
        public Dense {
            if (units <= 0) {
                throw new IllegalArgumentException("dense units must be > 0, was " + units);
            }
            if (activation == null) {
                throw new IllegalArgumentException("activation must not be null; use IDENTITY for none");
            }
        }

        public Dense(int units, Activation.Function activation) {
            this(units, activation, Activation.DEFAULT_LEAKY_SLOPE);
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
