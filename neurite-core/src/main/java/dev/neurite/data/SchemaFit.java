package dev.neurite.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fits a {@link FeatureSchema} on a training table: each feature column's kind (numeric when every value
 * is a number, categorical when none is, or when named categorical), its sorted categories (at most
 * {@link FeatureSchema#MAX_CATEGORIES}), and its fill value from the training rows only, in double
 * (as scikit-learn's {@code SimpleImputer} computes it on float64 data).
 */
final class SchemaFit {
    private SchemaFit() {}

    /** Fits the schema of every column but the labels and {@code ignored} (an example-weight column, or −1). */
    static FeatureSchema fit(CsvTable t, List<Integer> labelColumns, int ignored, Imputation impute, boolean indicator,
                             Set<String> categorical) throws DataFileException {
        List<FeatureColumn> columns = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int c : labelColumns) {
            labels.add(t.header.get(c));
        }
        for (String name : categorical) {
            int c = t.column(name);
            if (c < 0 || labelColumns.contains(c) || c == ignored) {
                throw new DataFileException(t.file, "line 1: --categorical names " + CsvSyntax.shorten(name) + ", which is "
                        + (c < 0 ? "not a column of the header " + CsvSyntax.abbreviate(t.header.toString()) : "a label column"));
            }
        }
        for (int c = 0; c < t.header.size(); c++) {
            if (!labelColumns.contains(c) && c != ignored) {
                columns.add(column(t, c, impute, indicator, categorical.contains(t.header.get(c))));
            }
        }
        if (columns.isEmpty()) {
            throw new DataFileException(t.file, "line 1: the header " + CsvSyntax.abbreviate(t.header.toString())
                    + " has no feature column besides the label" + (labels.size() > 1 ? "s" : "") + " (cells separated by "
                    + CsvFormat.name(t.separator) + "; see --delimiter)");
        }
        long inputs = 0;
        for (FeatureColumn col : columns) {
            inputs += col.width() + (col.indicator() ? 1 : 0);
        }
        if (inputs > FeatureSchema.MAX_INPUTS) {
            throw new DataFileException(t.file, "the " + columns.size() + " feature columns make " + inputs + " inputs (one per"
                    + " category of a text column), more than the " + FeatureSchema.MAX_INPUTS + " a model may have; drop"
                    + " columns with many categories");
        }
        return new FeatureSchema(columns, labels);
    }

    private static FeatureColumn column(CsvTable t, int c, Imputation impute, boolean indicator, boolean forcedCategorical)
            throws DataFileException {
        int firstValue = -1, firstMissing = -1;
        for (int r = 0; r < t.rows.size(); r++) {
            String cell = t.rows.get(r)[c];
            if (Imputation.isMissing(cell)) {
                firstMissing = firstMissing < 0 ? r : firstMissing;
            } else if (firstValue < 0) {
                firstValue = r;
            }
        }
        if (firstValue < 0) {
            throw t.error(0, c, "the column has no value in any row (every cell is empty or a missing-value marker);"
                    + " drop the column");
        }
        if (firstMissing >= 0 && impute == Imputation.NONE) {
            throw t.error(firstMissing, c, missing(t.rows.get(firstMissing)[c]));
        }
        boolean isCategorical = forcedCategorical || !numberLike(t.rows.get(firstValue)[c]);
        boolean flag = indicator && firstMissing >= 0;               // as scikit-learn: only columns with missing values
        return isCategorical ? categorical(t, c, impute != Imputation.NONE, flag, firstValue, forcedCategorical)
                : numeric(t, c, impute, flag, firstValue);
    }

    /** A number, or an infinity (a number column's value, refused as not finite when it is read). */
    private static boolean numberLike(String cell) {
        return CsvSyntax.isNumber(cell) || cell.matches("[+-]?(Infinity|inf|Inf|INF)");
    }

    /** The message for a missing cell when there is no imputation. */
    static String missing(String cell) {
        return (cell.isEmpty() ? "the cell is empty" : CsvSyntax.shorten(cell) + " marks a missing value")
                + "; every feature needs a value: fill it in, or train with --impute mean|median|most-frequent";
    }

    private static FeatureColumn numeric(CsvTable t, int c, Imputation impute, boolean indicator, int firstValue)
            throws DataFileException {
        List<Double> values = new ArrayList<>();
        for (int r = 0; r < t.rows.size(); r++) {
            String cell = t.rows.get(r)[c];
            if (Imputation.isMissing(cell)) {
                continue;
            }
            if (!numberLike(cell)) {
                throw t.error(r, c, CsvSyntax.shorten(cell) + " is not a number, but this column holds numbers (line "
                        + t.lines.get(firstValue) + ": " + CsvSyntax.shorten(t.rows.get(firstValue)[c]) + "); fix the cell,"
                        + " or read the column as categories with --categorical " + t.header.get(c));
            }
            SchemaEncoder.number(t, r, c, cell);                      // refuses what float cannot hold
            values.add(Double.parseDouble(cell));
        }
        double fill = switch (impute) {
            case NONE -> Double.NaN;
            case MEAN -> values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
            case MEDIAN -> median(values);
            case MOST_FREQUENT -> mostFrequent(values);
        };
        return FeatureColumn.numeric(t.header.get(c), fill, indicator);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The most frequent value, the smallest of equally frequent ones (scikit-learn's choice). */
    private static <T extends Comparable<T>> T mostFrequent(List<T> values) {
        Map<T, Integer> counts = new TreeMap<>();
        for (T v : values) {
            counts.merge(v, 1, Integer::sum);
        }
        T best = null;
        int most = 0;
        for (Map.Entry<T, Integer> e : counts.entrySet()) {       // ascending: the first of a tie is kept
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    private static FeatureColumn categorical(CsvTable t, int c, boolean impute, boolean indicator, int firstValue, boolean forced)
            throws DataFileException {
        Map<String, Integer> seen = new HashMap<>();
        List<String> values = new ArrayList<>();
        for (int r = 0; r < t.rows.size(); r++) {
            String cell = t.rows.get(r)[c];
            if (Imputation.isMissing(cell)) {
                continue;
            }
            if (!forced && numberLike(cell)) {
                throw t.error(r, c, "the number " + CsvSyntax.shorten(cell) + " in a column of categories (line "
                        + t.lines.get(firstValue) + ": " + CsvSyntax.shorten(t.rows.get(firstValue)[c]) + "); fix the cell,"
                        + " or read every value as a category with --categorical " + t.header.get(c));
            }
            if (cell.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                throw t.error(r, c, "the category " + CsvSyntax.shorten(cell) + " holds a control character (such as NUL)");
            }
            if (seen.merge(cell, 1, Integer::sum) == 1 && seen.size() > FeatureSchema.MAX_CATEGORIES) {
                throw t.error(r, c, "the category " + CsvSyntax.shorten(cell) + " is the column's "
                        + (FeatureSchema.MAX_CATEGORIES + 1) + "th: a categorical column has at most "
                        + FeatureSchema.MAX_CATEGORIES + " categories (is it an identifier? drop the column)");
            }
            values.add(cell);
        }
        List<String> categories = new ArrayList<>(new java.util.TreeSet<>(seen.keySet()));
        return FeatureColumn.categorical(t.header.get(c), categories, impute ? mostFrequent(values) : null, indicator);
    }
}
