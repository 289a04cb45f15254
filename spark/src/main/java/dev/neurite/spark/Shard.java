package dev.neurite.spark;

import dev.neurite.data.Dataset;
import dev.neurite.data.Normalization;
import dev.neurite.tensor.Matrix;
import java.io.Serializable;

/**
 * One partition's training rows, packed once into flat arrays and cached by Spark: {@code x: (rows, inputs)}
 * row-major, and a class index per row ({@code labels}) or {@code targets: (rows, 1)}. Local steps read
 * these arrays; no row object is touched after packing.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    final int rows;
    final int inputs;
    final float[] x;
    final int[] labels;     // null for a regression
    final float[] targets;  // null for classes
    private transient Dataset dataset;

    Shard(int partition, int rows, int inputs, float[] x, int[] labels, float[] targets) {
        this.partition = partition;
        this.rows = rows;
        this.inputs = inputs;
        this.x = x;
        this.labels = labels;
        this.targets = targets;
    }

    /** This shard with {@code normalization} applied to a copy of its features: {@code Normalization.applyInPlace}'s floats. */
    Shard normalized(Normalization normalization) {
        if (rows == 0) {
            return this;
        }
        Matrix features = Matrix.wrap(x.clone(), rows, inputs);
        try {
            normalization.applyInPlace(features);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("partition " + partition + ", " + e.getMessage(), e);
        }
        return new Shard(partition, rows, inputs, features.data(), labels, targets);
    }

    /** The shard as a Neurite data set over the same arrays ({@code classes} outputs for labels); built once per JVM. */
    Dataset dataset(int classes) {
        if (dataset == null) {
            Matrix features = Matrix.wrap(x, rows, inputs);
            dataset = labels != null ? Dataset.classification(features, labels, classes)
                    : Dataset.regression(features, Matrix.wrap(targets, rows, 1));
        }
        return dataset;
    }
}
