package dev.neurite.data;

import dev.neurite.tensor.Matrix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The label columns of a table with its encoded features: class labels (any text; integers ordered as
 * numbers, other names alphabetically, a scikit-learn count line's names in its order) or, for a
 * regression, one or more numeric target columns.
 */
final class TableLabels {
    private TableLabels() {}

    static Dataset dataset(CsvTable t, Matrix x, List<Integer> labels, boolean regression, List<String> known)
            throws DataFileException {
        if (regression) {
            int k = labels.size();
            Matrix y = Matrix.zeros(t.rows.size(), k);
            List<String> names = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                names.add(t.header.get(labels.get(j)));
            }
            for (int r = 0; r < t.rows.size(); r++) {
                for (int j = 0; j < k; j++) {
                    String cell = t.rows.get(r)[labels.get(j)];
                    if (Imputation.isMissing(cell)) {
                        throw t.error(r, labels.get(j), "the target is missing (" + (cell.isEmpty() ? "an empty cell"
                                : CsvSyntax.shorten(cell)) + "); every row needs its target: drop the row or fill it in");
                    }
                    y.data()[r * k + j] = SchemaEncoder.number(t, r, labels.get(j), cell);
                }
            }
            return Dataset.regression(x, y, names);
        }
        if (labels.size() != 1) {
            throw new DataFileException(t.file, labels.size() + " label columns " + names(t, labels) + ": several target"
                    + " columns are for a regression (--regression); a classifier has one label column");
        }
        int c = labels.get(0);
        String[] raw = new String[t.rows.size()];
        List<String> countNames = t.header.get(c).equals("target") ? t.classNames() : null;
        for (int r = 0; r < raw.length; r++) {
            String cell = t.rows.get(r)[c];
            if (cell.isEmpty()) {
                throw t.error(r, c, "the label is missing");
            }
            if (cell.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                throw t.error(r, c, "the label " + CsvSyntax.shorten(cell) + " holds a control character (such as NUL):"
                        + " a class name is printable text; fix or re-export the file");
            }
            if (countNames != null) {
                if (!cell.matches("\\d{1,9}") || Integer.parseInt(cell) >= countNames.size()) {
                    throw t.error(r, c, "the target " + CsvSyntax.shorten(cell) + " is not a class index 0 to "
                            + (countNames.size() - 1) + " of the count line's names " + CsvSyntax.abbreviate(countNames.toString()));
                }
                cell = countNames.get(Integer.parseInt(cell));
            }
            raw[r] = cell;
        }
        if (countNames == null) {
            refuseFractional(t, c, raw);
        }
        List<String> classes = known != null ? known : countNames != null ? countNames : classNamesOf(raw);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        int[] y = new int[raw.length];
        for (int r = 0; r < y.length; r++) {
            Integer k = index.get(raw[r]);
            if (k == null) {
                throw t.error(r, c, "label " + CsvSyntax.shorten(raw[r]) + " is not one of the known classes "
                        + CsvSyntax.abbreviate(classes.toString()));
            }
            y[r] = k;
        }
        return Dataset.classification(x, y, classes.size(), classes);
    }

    private static String names(CsvTable t, List<Integer> columns) {
        return columns.stream().map(t.header::get).toList().toString();
    }

    /** All-number labels, some fractional, are a numeric target read as classes by mistake. */
    private static void refuseFractional(CsvTable t, int c, String[] raw) throws DataFileException {
        int fractional = -1;
        for (int r = 0; r < raw.length; r++) {
            if (!CsvSyntax.isNumber(raw[r])) {
                return;
            }
            double v = Double.parseDouble(raw[r]);
            if (fractional < 0 && v != Math.rint(v)) {
                fractional = r;
            }
        }
        if (fractional >= 0) {
            throw t.error(fractional, c, "the label " + CsvSyntax.shorten(raw[fractional]) + " is a fractional number, and"
                    + " every label is a number: this is a numeric target, not classes; train it with --regression");
        }
    }

    private static List<String> classNamesOf(String[] raw) {
        List<String> names = new ArrayList<>(new LinkedHashSet<>(List.of(raw)));
        if (names.stream().allMatch(s -> s.matches("-?\\d{1,9}"))) {
            names.sort(java.util.Comparator.comparingInt(Integer::parseInt));
        } else {
            names.sort(null);
        }
        return names;
    }
}
