package dev.neurite.model;

import dev.neurite.data.Dataset;

/**
 * The one check that a model fits its data, used wherever data meets a network (training, evaluation,
 * prediction): the data's rows have as many features as the model has inputs, and its targets as many
 * columns as the model has outputs. Each message names the model, the data, what was expected and what
 * was found: {@code "the model m.neurite takes 784 inputs but x.csv has 3 features per row"}.
 */
public final class Fits {
    private Fits() {}

    /**
     * Refuses rows of {@code features} values for a model of {@code inputs} inputs.
     *
     * @param model what takes the input, as the message should name it ("the network", "the model m.neurite")
     * @param data  what the rows come from ("the training data", a file name, "the example")
     */
    public static void features(String model, int inputs, String data, int features) {
        if (features != inputs) {
            throw new IllegalArgumentException(model + " takes " + inputs + " inputs but " + data + " has " + features
                    + (features == 1 ? " feature" : " features") + " per row");
        }
    }

    /** Refuses a data set whose features or targets do not fit a model of {@code inputs} inputs and {@code outputs} outputs. */
    public static void dataset(String model, int inputs, int outputs, String data, Dataset set) {
        features(model, inputs, data, set.inputSize());
        if (set.targetSize() != outputs) {
            throw new IllegalArgumentException(model + " has " + outputs + (outputs == 1 ? " output" : " outputs") + " but "
                    + data + " has " + targets(set));
        }
    }

    /** {@link #dataset} for a network: the message calls it "the network". */
    public static void dataset(Network network, String data, Dataset set) {
        dataset("the network", network.inputSize(), network.outputSize(), data, set);
    }

    private static String targets(Dataset set) {
        int n = set.targetSize();
        return switch (set.kind()) {
            case CLASSES -> set.numClasses() + " classes";
            case BINARY -> "binary labels (1 target column)";
            case REGRESSION -> n + (n == 1 ? " target column" : " target columns");
        };
    }
}
