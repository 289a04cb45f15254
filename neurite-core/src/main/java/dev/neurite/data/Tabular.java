package dev.neurite.data;

import dev.neurite.tensor.Matrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tabular data as people have it: a delimited text file (comma, semicolon, tab, whitespace; gzip; with a
 * header, without one, or with scikit-learn's count line) with numeric and text feature columns, missing
 * values and one or more label columns. Training fits a {@link FeatureSchema} on the training file alone;
 * every later file (test data, files to predict) is read with that schema, matching columns by name.
 *
 * <pre>{@code
 * Tabular.Fitted fit = Tabular.reader().labels(List.of("price")).regression(true)
 *         .impute(Imputation.MEDIAN).missingIndicator(true).fit(Path.of("train.csv"));
 * Dataset test = Tabular.reader().schema(fit.schema()).regression(true).read(Path.of("test.csv"));
 * Matrix x = Tabular.reader().schema(fit.schema()).features(Path.of("new.csv"));   // label columns may be there
 * }</pre>
 *
 * <p>A later file must have exactly the schema's feature columns, in any order, plus optionally its
 * label columns (dropped when only features are read); any other difference is refused, naming the
 * missing and the extra columns. Every bad cell is a {@link DataFileException} naming the file, line,
 * column and value. Immutable: each option returns a new reader.
 */
public final class Tabular {
    /** What an unknown category (one the training data did not have) becomes. */
    public enum UnknownCategory {
        /** All zeros over the column's one-hot inputs, reported through {@link #warnings}: the default. */
        ZEROS,
        /** An error naming the file, line, column and value. */
        ERROR
    }

    /** A training file read: the data set (features encoded) and the schema fitted on it. */
    public record Fitted(Dataset data, FeatureSchema schema) {}

    private CsvFormat format = CsvFormat.AUTO;
    private List<String> labels;
    private boolean regression;
    private Imputation impute = Imputation.NONE;
    private boolean indicator;
    private Set<String> categorical = Set.of();
    private UnknownCategory unknown = UnknownCategory.ZEROS;
    private Consumer<String> warnings = w -> { };
    private List<String> classNames;
    private FeatureSchema schema;
    private Path targets;
    private String weightColumn;

    private Tabular() {}

    /** A reader with the defaults: separator detected, a header line, the last column the label, classes. */
    public static Tabular reader() {
        return new Tabular();
    }

    private Tabular copy() {
        Tabular t = new Tabular();
        t.format = format;
        t.labels = labels;
        t.regression = regression;
        t.impute = impute;
        t.indicator = indicator;
        t.categorical = categorical;
        t.unknown = unknown;
        t.warnings = warnings;
        t.classNames = classNames;
        t.schema = schema;
        t.targets = targets;
        t.weightColumn = weightColumn;
        return t;
    }

    /** The file layout (separator, header). */
    public Tabular format(CsvFormat format) {
        Tabular t = copy();
        t.format = Objects.requireNonNull(format, "format");
        return t;
    }

    /** The label columns, each a header name or a 0-based index; null for the last column (or the targets file's). */
    public Tabular labels(List<String> labels) {
        Tabular t = copy();
        t.labels = labels == null ? null : List.copyOf(labels);
        return t;
    }

    /** Whether the labels are real-valued targets (one or more columns) instead of classes. */
    public Tabular regression(boolean regression) {
        Tabular t = copy();
        t.regression = regression;
        return t;
    }

    /** How missing feature values are filled when a schema is fitted ({@link Imputation#NONE}: refused). */
    public Tabular impute(Imputation impute) {
        Tabular t = copy();
        t.impute = Objects.requireNonNull(impute, "impute");
        return t;
    }

    /** Whether each column with missing training values gets a 0/1 input marking them (needs an imputation). */
    public Tabular missingIndicator(boolean indicator) {
        Tabular t = copy();
        t.indicator = indicator;
        return t;
    }

    /** Columns read as categories even when their values are numbers (codes, postcodes). */
    public Tabular categorical(Set<String> columns) {
        Tabular t = copy();
        t.categorical = Set.copyOf(columns);
        return t;
    }

    /** What a category the training data did not have becomes. */
    public Tabular unknownCategories(UnknownCategory unknown) {
        Tabular t = copy();
        t.unknown = Objects.requireNonNull(unknown, "unknown");
        return t;
    }

    /** Where warnings go (unknown categories encoded as zeros); by default nowhere. */
    public Tabular warnings(Consumer<String> warnings) {
        Tabular t = copy();
        t.warnings = Objects.requireNonNull(warnings, "warnings");
        return t;
    }

    /** The class mapping to use (a test set's: the training set's), label i being {@code names.get(i)}. */
    public Tabular classNames(List<String> names) {
        Tabular t = copy();
        t.classNames = names == null ? null : List.copyOf(names);
        return t;
    }

    /** The fitted schema later files are read with. */
    public Tabular schema(FeatureSchema schema) {
        Tabular t = copy();
        t.schema = schema;
        return t;
    }

    /**
     * A second file holding the label columns, row by row (scikit-learn's {@code diabetes_target.csv.gz}
     * beside {@code diabetes_data_raw.csv.gz}); a first line of numbers there is data, not names
     * (one column is then named {@code target}, several {@code target0}, {@code target1}, …).
     */
    public Tabular targets(Path file) {
        Tabular t = copy();
        t.targets = file;
        return t;
    }

    /**
     * Reads the column named {@code name} of a training file as per-example weights (each a finite number
     * ≥ 0), not as a feature; in test data ({@link #read}) and in files to predict ({@link #features}) the
     * column may be there and is dropped.
     */
    public Tabular weightColumn(String name) {
        Tabular t = copy();
        t.weightColumn = name;
        return t;
    }

    /** Reads a training file and fits the schema on it (kinds, categories, fill values: this file only). */
    public Fitted fit(Path file) throws IOException {
        if (indicator && impute == Imputation.NONE) {
            throw new IllegalArgumentException("a missing indicator needs an imputation (mean, median or most-frequent)");
        }
        CsvTable t = table(file);
        List<Integer> labelColumns = labelColumns(t, labels);
        int wc = weightColumn == null ? -1 : weightIndex(t, labelColumns);
        FeatureSchema fitted = SchemaFit.fit(t, labelColumns, wc, impute, indicator, categorical);
        Matrix x = SchemaEncoder.encode(t, fitted, positions(t, fitted), unknown, warnings);
        Dataset data = TableLabels.dataset(t, x, labelColumns, regression, classNames);
        return new Fitted(wc < 0 ? data : data.withExampleWeights(weights(t, wc)), fitted);
    }

    /** Reads a labelled file with the schema (test data): its feature columns by name and its label columns. */
    public Dataset read(Path file) throws IOException {
        CsvTable t = table(file);
        FeatureSchema s = requireSchema();
        ColumnMatch.check(t, s, true, weightColumn);
        List<Integer> labelColumns = new ArrayList<>();
        for (String l : s.labels()) {
            labelColumns.add(t.column(l));
        }
        Matrix x = SchemaEncoder.encode(t, s, positions(t, s), unknown, warnings);
        return TableLabels.dataset(t, x, labelColumns, regression, classNames);
    }

    /**
     * Reads the features of a file with the schema (to predict): the label columns and the {@link #weightColumn}
     * may be there, and are dropped.
     */
    public Matrix features(Path file) throws IOException {
        CsvTable t = table(file);
        FeatureSchema s = requireSchema();
        ColumnMatch.check(t, s, false, weightColumn);
        return SchemaEncoder.encode(t, s, positions(t, s), unknown, warnings);
    }

    /**
     * Reads every column of a file as numeric features, by position (for a model saved without a schema):
     * no labels, no categories, a missing value refused.
     */
    public Matrix numbers(Path file) throws IOException {
        CsvTable t = table(file);
        FeatureSchema all = FeatureSchema.numeric(t.header, List.of());
        return SchemaEncoder.encode(t, all, positions(t, all), unknown, warnings);
    }

    private int weightIndex(CsvTable t, List<Integer> labelColumns) throws DataFileException {
        int c = t.column(weightColumn);
        if (c < 0) {
            throw new DataFileException(t.file, "line 1: no column named " + CsvSyntax.shorten(weightColumn) + " (--weight-column)"
                    + " in the header " + CsvSyntax.abbreviate(t.header.toString()));
        }
        if (labelColumns.contains(c)) {
            throw new DataFileException(t.file, "the weight column " + CsvSyntax.shorten(weightColumn) + " is the label column;"
                    + " name another column with --weight-column or --label");
        }
        return c;
    }

    private static float[] weights(CsvTable t, int c) throws DataFileException {
        float[] w = new float[t.rows.size()];
        for (int r = 0; r < w.length; r++) {
            String cell = t.rows.get(r)[c];
            w[r] = SchemaEncoder.number(t, r, c, cell);
            if (!(w[r] >= 0) || !Float.isFinite(w[r])) {
                throw t.error(r, c, "the example weight " + CsvSyntax.shorten(cell) + " is not a finite number >= 0");
            }
        }
        return w;
    }

    private FeatureSchema requireSchema() {
        if (schema == null) {
            throw new IllegalStateException("no schema: fit one on the training file first (fit), then give it (schema)");
        }
        return schema;
    }

    private CsvTable table(Path file) throws IOException {
        CsvTable t = CsvTable.read(file, format);
        return targets == null ? t : t.withTargets(CsvTable.read(targets, new CsvFormat(format.separator(), true), true));
    }

    private static int[] positions(CsvTable t, FeatureSchema s) {
        int[] at = new int[s.columns().size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = t.column(s.columns().get(i).name());
        }
        return at;
    }

    private List<Integer> labelColumns(CsvTable t, List<String> given) throws DataFileException {
        List<Integer> out = new ArrayList<>();
        if (given == null) {
            if (targets != null) {
                for (int c = t.header.size() - t.targetColumns; c < t.header.size(); c++) {
                    out.add(c);
                }
            } else {
                out.add(t.header.size() - 1);
            }
            return out;
        }
        for (String label : given) {
            int c = t.column(label);
            if (c < 0) {
                try {
                    c = Integer.parseInt(label);
                } catch (NumberFormatException e) {
                    throw new DataFileException(t.file, "line 1: no column named " + CsvSyntax.shorten(label) + " in the header "
                            + CsvSyntax.abbreviate(t.header.toString()));
                }
                if (c < 0 || c >= t.header.size()) {
                    throw new DataFileException(t.file, "label column index " + c + " is outside the " + t.header.size()
                            + " columns (0 to " + (t.header.size() - 1) + ")");
                }
            }
            if (out.contains(c)) {
                throw new DataFileException(t.file, "the label column " + CsvSyntax.shorten(t.header.get(c)) + " is named twice");
            }
            out.add(c);
        }
        return out;
    }
}
