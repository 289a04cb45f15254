package dev.neurite.data;

import dev.neurite.tensor.Matrix;
import java.util.List;

/**
 * Examples in memory: features {@code x: (N, in)} and targets {@code y: (N, K)}.
 *
 * <p>For classification {@code y} is the one-hot encoding of {@code labels} (K = number of classes),
 * for binary classification a single 0/1 column, for regression the target values.
 */
public final class Dataset {
    /** What the targets are. */
    public enum Kind { CLASSES, BINARY, REGRESSION }

    private final Matrix x;
    private final Matrix y;
    private final int[] labels;   // null for regression
    private final Kind kind;
    private final List<String> classNames;
    private final List<String> targetNames; // regression only, may be null
    private float[] exampleWeights;         // null: every example weighs 1; set only by withExampleWeights

    private Dataset(Matrix x, Matrix y, int[] labels, Kind kind, List<String> classNames) {
        this(x, y, labels, kind, classNames, null);
    }

    private Dataset(Matrix x, Matrix y, int[] labels, Kind kind, List<String> classNames, List<String> targetNames) {
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("features have " + x.rows() + " rows, targets " + y.rows());
        }
        this.x = x;
        this.y = y;
        this.labels = labels;
        this.kind = kind;
        this.classNames = classNames;
        this.targetNames = targetNames;
    }

    /** A classification set: {@code labels[i] ∈ [0, numClasses)}, targets one-hot. */
    public static Dataset classification(Matrix x, int[] labels, int numClasses) {
        return classification(x, labels, numClasses, null);
    }

    /** A classification set whose classes have names (e.g. read from a CSV file); null for "0", "1", …. */
    public static Dataset classification(Matrix x, int[] labels, int numClasses, List<String> classNames) {
        if (classNames != null && classNames.size() != numClasses) {
            throw new IllegalArgumentException(numClasses + " classes but " + classNames.size() + " class names");
        }
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException("features have " + x.rows() + " rows, labels " + labels.length);
        }
        return new Dataset(x, OneHot.encode(labels, numClasses), labels.clone(), Kind.CLASSES,
                classNames == null ? null : List.copyOf(classNames));
    }

    /** A binary set with one 0/1 target column, for a single sigmoid output. */
    public static Dataset binary(Matrix x, int[] labels) {
        Matrix y = Matrix.zeros(labels.length, 1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("binary label " + i + " must be 0 or 1, was " + labels[i]);
            }
            y.set(i, 0, labels[i]);
        }
        return new Dataset(x, y, labels.clone(), Kind.BINARY, null);
    }

    /** A regression set with real-valued targets {@code y: (N, K)}. */
    public static Dataset regression(Matrix x, Matrix y) {
        return new Dataset(x, y, null, Kind.REGRESSION, null);
    }

    /** A regression set whose target columns have names (e.g. the CSV header's); null for none. */
    public static Dataset regression(Matrix x, Matrix y, List<String> targetNames) {
        if (targetNames != null && targetNames.size() != y.cols()) {
            throw new IllegalArgumentException(y.cols() + " target columns but " + targetNames.size() + " target names");
        }
        return new Dataset(x, y, null, Kind.REGRESSION, null, targetNames == null ? null : List.copyOf(targetNames));
    }

    public Matrix x() { return x; }

    public Matrix y() { return y; }

    public Kind kind() { return kind; }

    public int size() { return x.rows(); }

    public int inputSize() { return x.cols(); }

    /** The number of target columns K. */
    public int targetSize() { return y.cols(); }

    /** Whether the set has class labels (classification or binary). */
    public boolean hasLabels() { return labels != null; }

    /** The class of example {@code i}. */
    public int label(int i) {
        if (labels == null) {
            throw new IllegalStateException("a regression set has no labels");
        }
        return labels[i];
    }

    /** A copy of the labels. */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException("a regression set has no labels");
        }
        return labels.clone();
    }

    /** The number of classes: K for classification, 2 for binary. */
    public int numClasses() {
        return switch (kind) {
            case CLASSES -> y.cols();
            case BINARY -> 2;
            case REGRESSION -> throw new IllegalStateException("a regression set has no classes");
        };
    }

    /** Class names, or null when the classes are just their indices. */
    public List<String> classNames() { return classNames; }

    /** The names of a regression set's target columns, or null when they have none. */
    public List<String> targetNames() { return targetNames; }

    /** The examples at {@code indices}, in that order, as a new data set. */
    public Dataset subset(int[] indices) {
        Matrix sx = Matrix.zeros(indices.length, x.cols());
        Matrix sy = Matrix.zeros(indices.length, y.cols());
        int[] sl = labels == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int src = indices[i];
            if (src < 0 || src >= size()) {
                throw new IllegalArgumentException("index " + src + " outside [0, " + size() + ")");
            }
            System.arraycopy(x.data(), src * x.cols(), sx.data(), i * x.cols(), x.cols());
            System.arraycopy(y.data(), src * y.cols(), sy.data(), i * y.cols(), y.cols());
            if (sl != null) {
                sl[i] = labels[src];
            }
        }
        Dataset d = new Dataset(sx, sy, sl, kind, classNames, targetNames);
        if (exampleWeights != null) {
            d.exampleWeights = new float[indices.length];
            for (int i = 0; i < indices.length; i++) {
                d.exampleWeights[i] = exampleWeights[indices[i]];
            }
        }
        return d;
    }

    /**
     * The same examples (sharing their features and targets) with a weight per example, {@code weights[i] ≥ 0}
     * and finite, that every training loss multiplies example i's term by ({@code dev.neurite.loss.LossWeights});
     * subsets keep them.
     */
    public Dataset withExampleWeights(float[] weights) {
        if (weights.length != size()) {
            throw new IllegalArgumentException(weights.length + " example weights for " + size() + " examples");
        }
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Float.isInfinite(weights[i])) {
                throw new IllegalArgumentException("the weight of example " + i + " must be >= 0 and finite, was " + weights[i]);
            }
        }
        Dataset d = new Dataset(x, y, labels, kind, classNames, targetNames);
        d.exampleWeights = weights.clone();
        return d;
    }

    /** Whether the examples carry weights ({@link #withExampleWeights}). */
    public boolean hasExampleWeights() { return exampleWeights != null; }

    /** The example weights (a copy), or null when every example weighs 1. */
    public float[] exampleWeights() { return exampleWeights == null ? null : exampleWeights.clone(); }

    /** The weight of example {@code i} (1 without weights). */
    public float exampleWeight(int i) { return exampleWeights == null ? 1f : exampleWeights[i]; }

    /** The first {@code n} examples. */
    public Dataset head(int n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("n must be in [0, " + size() + "], was " + n);
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return subset(idx);
    }
}
