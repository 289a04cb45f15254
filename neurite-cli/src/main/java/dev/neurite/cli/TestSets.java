package dev.neurite.cli;

import dev.neurite.data.Dataset;
import java.util.List;

/**
 * Checks, before training starts, that the validation and test sets can be measured by the network
 * the training data makes: not empty, as many features, the same kind of target, and no class the
 * training data never shows (its output could never be learned, and its accuracy would be a quiet
 * zero). Without these checks the mistake surfaced only after the first epoch.
 */
final class TestSets {
    private TestSets() {}

    /** Throws IllegalArgumentException naming the set when one of them does not fit {@code train}. */
    static void check(Dataset train, String trainName, Dataset validation, String validationName, Dataset test, String testName) {
        check(train, trainName, validation, validationName);
        check(train, trainName, test, testName);
    }

    private static String columns(int n) {
        return n + (n == 1 ? " feature column" : " feature columns");
    }

    private static void check(Dataset train, String trainName, Dataset set, String name) {
        if (set == null) {
            return;
        }
        if (set.size() == 0) {
            throw new IllegalArgumentException(name + " has no examples; give test data with at least one row");
        }
        if (set.inputSize() != train.inputSize()) {
            throw new IllegalArgumentException(name + " has " + columns(set.inputSize()) + " but the training data "
                    + trainName + " has " + train.inputSize() + "; both need the same columns");
        }
        if (set.hasLabels() != train.hasLabels() || set.targetSize() != train.targetSize()) {
            throw new IllegalArgumentException(name + " has " + set.targetSize() + (set.hasLabels() ? " classes" : " targets")
                    + " but the training data " + trainName + " has " + train.targetSize()
                    + (train.hasLabels() ? " classes" : " targets"));
        }
        if (!set.hasLabels()) {
            return;
        }
        boolean[] seen = new boolean[Math.max(train.numClasses(), set.numClasses())];
        for (int i = 0; i < train.size(); i++) {
            seen[train.label(i)] = true;
        }
        for (int i = 0; i < set.size(); i++) {
            int c = set.label(i);
            if (!seen[c]) {
                List<String> names = train.classNames();
                String label = names != null && c < names.size() ? "'" + names.get(c) + "'" : Integer.toString(c);
                throw new IllegalArgumentException(name + ": example " + (i + 1) + " has class " + label
                        + ", which no example of the training data " + trainName + " has; the network cannot learn it");
            }
        }
    }

    /** Inputs this large overflow float arithmetic in the first layer (|x|·|w|·features past 3.4e38). */
    static final double MAX_INPUT = 1e30;

    /**
     * Refuses inputs (after normalisation) so large that the products overflow to infinity and the loss to
     * NaN, which would read as a learning rate that is too high: names the set, the row and the feature.
     */
    static void checkScale(Dataset set, String name, String normalization) {
        float[] x = set.x().data();
        int features = set.inputSize();
        for (int i = 0; i < set.size() * features; i++) {
            if (Math.abs(x[i]) > MAX_INPUT) {
                throw new IllegalArgumentException(name + ": example " + (i / features + 1) + ", feature " + (i % features + 1)
                        + " is " + x[i] + " after --normalize " + normalization + "; inputs beyond ±1e30 overflow float"
                        + " arithmetic: rescale the data, or use --normalize standard or min-max");
            }
        }
    }
}
