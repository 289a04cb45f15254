package dev.neurite.infer;

/**
 * The answer of a classifier for one example.
 *
 * @param index         the predicted class, from 0
 * @param label         the class's name when the model has names, else its index as text
 * @param probabilities the probability of each class (for a single sigmoid output: {@code (1 − p, p)});
 *                      a copy owned by the caller
 */
public record Classification(int index, String label, double[] probabilities) {
    public Classification {
        probabilities = probabilities.clone();
    }

    /** The probability of the predicted class. */
    public double confidence() {
        return probabilities[index];
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }
}
