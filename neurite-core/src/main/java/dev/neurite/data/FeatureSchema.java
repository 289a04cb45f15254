package dev.neurite.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The columns a tabular model reads, by name and in order, and how each becomes inputs: fitted on the
 * training file ({@link Tabular}), saved with the model (the {@code features} metadata, docs/model-format.md),
 * and used to read any later file by column name.
 *
 * <pre>
 *   inputs = [ column 1's inputs | column 2's inputs | … | one missing indicator per column that has one ]
 *   numeric column      1 input: the value, or its fill value when missing
 *   categorical column  k inputs: one-hot over its k sorted categories (all zeros for an unknown category)
 * </pre>
 * That is the layout of scikit-learn's {@code ColumnTransformer} of a {@code SimpleImputer(add_indicator=True)}
 * and a {@code OneHotEncoder} in column order: the indicators come after the imputed values.
 *
 * @param columns the feature columns, in input order
 * @param labels  the label (target) columns of the training file: a later file may still carry them
 */
public record FeatureSchema(List<FeatureColumn> columns, List<String> labels) {
    /** The most categories one column may have: a bound on what a file can make Neurite allocate. */
    public static final int MAX_CATEGORIES = 1000;
    /** The most inputs a schema may make (columns, categories and indicators together). */
    public static final int MAX_INPUTS = 100_000;

    public FeatureSchema {
        columns = List.copyOf(columns);
        labels = List.copyOf(labels);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a schema needs at least one feature column");
        }
        Set<String> seen = new HashSet<>();
        for (FeatureColumn c : columns) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException("column '" + c.name() + "' appears twice in the schema");
            }
            if (c.isCategorical() && c.categories().size() > MAX_CATEGORIES) {
                throw new IllegalArgumentException("column '" + c.name() + "' has " + c.categories().size()
                        + " categories, more than the " + MAX_CATEGORIES + " a column may have");
            }
        }
        long inputs = 0;
        for (FeatureColumn c : columns) {
            inputs += c.width() + (c.indicator() ? 1 : 0);
        }
        if (inputs > MAX_INPUTS) {
            throw new IllegalArgumentException("the columns make " + inputs + " inputs, more than the " + MAX_INPUTS
                    + " a model may have");
        }
        for (String l : labels) {
            if (!seen.add(l)) {
                throw new IllegalArgumentException("label '" + l + "' is also a feature column (or a label twice)");
            }
        }
    }

    /** The feature columns' names, in order. */
    public List<String> names() {
        return columns.stream().map(FeatureColumn::name).toList();
    }

    /** The column named {@code name}, or null. */
    public FeatureColumn column(String name) {
        for (FeatureColumn c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The number of inputs the network takes: every column's width, plus the missing indicators. */
    public int inputSize() {
        int n = 0;
        for (FeatureColumn c : columns) {
            n += c.width() + (c.indicator() ? 1 : 0);
        }
        return n;
    }

    /**
     * The name of each input, in order: a numeric column's name, {@code name=category} for each of a
     * categorical column's categories, {@code name_missing} for an indicator.
     */
    public List<String> inputNames() {
        List<String> names = new ArrayList<>(inputSize());
        for (FeatureColumn c : columns) {
            if (c.isCategorical()) {
                c.categories().forEach(k -> names.add(c.name() + "=" + k));
            } else {
                names.add(c.name());
            }
        }
        for (FeatureColumn c : columns) {
            if (c.indicator()) {
                names.add(c.name() + "_missing");
            }
        }
        return names;
    }

    /** Whether every column is numeric without imputation: the inputs are the columns themselves. */
    public boolean plain() {
        return columns.stream().allMatch(c -> !c.isCategorical() && !c.imputes());
    }

    /** A schema of {@code n} numeric columns named {@code x0 … x(n-1)} without labels, e.g. for arrays. */
    public static FeatureSchema numeric(List<String> names, List<String> labels) {
        Objects.requireNonNull(names, "names");
        return new FeatureSchema(names.stream().map(n -> FeatureColumn.numeric(n, Double.NaN, false)).toList(), labels);
    }
}
