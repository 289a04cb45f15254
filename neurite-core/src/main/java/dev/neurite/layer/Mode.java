package dev.neurite.layer;

import dev.neurite.tensor.Rng;

/**
 * Training (dropout active, drawing its masks from the given RNG) or inference (deterministic).
 */
public sealed interface Mode {
    /** Inference: dropout is the identity, nothing random happens. */
    Mode INFERENCE = new Inference();

    static Mode training(Rng rng) {
        return new Training(rng);
    }

    /** Training mode; {@code rng} draws the dropout masks. */
    record Training(Rng rng) implements Mode {
        public Training {
            if (rng == null) {
                throw new IllegalArgumentException("training mode needs an Rng, was null");
            }
        }
    }

    /** Inference mode. */
    record Inference() implements Mode {}
}
