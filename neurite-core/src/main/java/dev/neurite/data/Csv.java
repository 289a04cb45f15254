package dev.neurite.data;

import dev.neurite.tensor.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tabular data from CSV: a header row, numeric feature columns and one label column. Class labels
 * may be any strings; they are mapped to indices (numerically ordered when every label is an integer,
 * alphabetically otherwise) and the mapping travels with the data set, and later with the model.
 *
 * <p>Every cell is checked: a missing or non-numeric cell, NaN or infinity, a row with the wrong number
 * of cells, an empty line inside the data or a label the mapping does not know is a
 * {@link DataFileException} naming the file, line and column. Nothing is skipped silently.
 * Quoted cells ({@code "a,b"}, with {@code ""} for a quote) are understood; a cell may not span lines.
 */
public final class Csv {
    private final String label;
    private final boolean regression;
    private final List<String> classNames;
    private final String weightColumn;

    private Csv(String label, boolean regression, List<String> classNames) {
        this(label, regression, classNames, null);
    }

    private Csv(String label, boolean regression, List<String> classNames, String weightColumn) {
        this.label = label;
        this.regression = regression;
        this.classNames = classNames;
        this.weightColumn = weightColumn;
    }

    /**
     * Read the column named {@code name} (by header name) as per-example weights, each a finite number ≥ 0,
     * instead of as a feature ({@link Dataset#withExampleWeights}); null for none.
     */
    public Csv weightColumn(String name) {
        return new Csv(label, regression, classNames, name);
    }

    /** A reader whose label is the last column and whose labels are classes. */
    public static Csv reader() {
        return new Csv(null, false, null);
    }

    /** The label column: a header name, or a 0-based index when no header cell has that name. */
    public Csv label(String nameOrIndex) {
        return new Csv(nameOrIndex, regression, classNames, weightColumn);
    }

    /** Whether the label column holds real-valued regression targets instead of classes. */
    public Csv regression(boolean regression) {
        return new Csv(label, regression, classNames, weightColumn);
    }

    /** Use this class mapping (e.g. the training set's for a test set): label i is {@code names.get(i)}. */
    public Csv classNames(List<String> names) {
        return new Csv(label, regression, names == null ? null : List.copyOf(names), weightColumn);
    }

    /** The header, the data rows and where each came from. */
    private record Table(List<String> header, List<String[]> rows, List<Integer> lines) {}

    /** Reads a labelled data set (with its example weights when {@link #weightColumn} names a column). */
    public Dataset read(Path file) throws IOException {
        Table t = table(file);
        if (weightColumn == null) {
            return read(file, t, -1);
        }
        int column = t.header().indexOf(weightColumn);
        if (column < 0) {
            throw new DataFileException(file, "line 1: no column named " + CsvSyntax.shorten(weightColumn) + " (--weight-column)"
                    + " in the header " + CsvSyntax.abbreviate(t.header().toString()));
        }
        if (column == labelColumn(file, t.header())) {
            throw new DataFileException(file, "the weight column " + CsvSyntax.shorten(weightColumn) + " is the label column;"
                    + " name another column with --weight-column or --label");
        }
        float[] weights = new float[t.rows().size()];
        for (int r = 0; r < weights.length; r++) {
            weights[r] = number(file, t, r, column);
            if (weights[r] < 0) {
                throw cellError(file, t, r, column, "the example weight " + CsvSyntax.shorten(t.rows().get(r)[column])
                        + " is negative; a weight is a number >= 0");
            }
        }
        return read(file, t, column).withExampleWeights(weights);
    }

    /** The data set of {@code t}, column {@code skipped} (-1 for none) left out of the features. */
    private Dataset read(Path file, Table t, int skipped) throws IOException {
        if (t.header().size() < 2) {
            throw new DataFileException(file, "line 1: the header " + CsvSyntax.shorten(t.header().get(0)) + " names one column, but"
                    + " a labelled file needs at least one feature column and a label column, separated by commas");
        }
        int labelColumn = labelColumn(file, t.header());
        int features = t.header().size() - 1 - (skipped >= 0 ? 1 : 0);
        Matrix x = Matrix.zeros(t.rows().size(), features);
        String[] rawLabels = new String[t.rows().size()];
        for (int r = 0; r < t.rows().size(); r++) {
            String[] cells = t.rows().get(r);
            int out = 0;
            for (int c = 0; c < cells.length; c++) {
                if (c == labelColumn) {
                    rawLabels[r] = cells[c];
                    if (cells[c].isEmpty()) {
                        throw cellError(file, t, r, c, "the label is missing");
                    }
                    if (cells[c].chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                        throw cellError(file, t, r, c, "the label " + CsvSyntax.shorten(cells[c]) + " holds a control"
                                + " character (such as NUL): a class name is printable text; fix or re-export the file");
                    }
                } else if (c != skipped) {
                    x.data()[r * features + out++] = number(file, t, r, c);
                }
            }
        }
        if (regression) {
            Matrix y = Matrix.zeros(rawLabels.length, 1);
            for (int r = 0; r < rawLabels.length; r++) {
                y.data()[r] = number(file, t, r, labelColumn);
            }
            return Dataset.regression(x, y, List.of(t.header().get(labelColumn)));
        }
        refuseFractionalClasses(file, t, labelColumn, rawLabels);
        List<String> names = classNames != null ? classNames : classNamesOf(rawLabels);
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        int[] labels = new int[rawLabels.length];
        for (int r = 0; r < labels.length; r++) {
            Integer c = index.get(rawLabels[r]);
            if (c == null) {
                throw cellError(file, t, r, labelColumn, "label " + CsvSyntax.shorten(rawLabels[r]) + " is not one of the known classes "
                        + CsvSyntax.abbreviate(names.toString()));
            }
            labels[r] = c;
        }
        return Dataset.classification(x, labels, names.size(), names);
    }

    /**
     * Class labels that are all numbers, some of them fractional ({@code 3.7}), are a numeric target read
     * as classes by mistake (one class per value): refused, pointing to {@code --regression}.
     */
    private static void refuseFractionalClasses(Path file, Table t, int labelColumn, String[] rawLabels)
            throws DataFileException {
        int fractional = -1;
        for (int r = 0; r < rawLabels.length; r++) {
            if (!CsvSyntax.isNumber(rawLabels[r])) {
                return;                                        // text labels: classes by name
            }
            if (fractional < 0 && Double.parseDouble(rawLabels[r]) != Math.rint(Double.parseDouble(rawLabels[r]))) {
                fractional = r;
            }
        }
        if (fractional >= 0) {
            throw cellError(file, t, fractional, labelColumn, "the label " + CsvSyntax.shorten(rawLabels[fractional])
                    + " is a fractional number, and every label is a number: this is a numeric target, not classes;"
                    + " train it with --regression (or name the classes with text)");
        }
    }

    /** Reads rows of features only (every column numeric), e.g. to predict; {@code (rows, columns)}. */
    public static Matrix readFeatures(Path file) throws IOException {
        Table t = table(file);
        int cols = t.header().size();
        Matrix x = Matrix.zeros(t.rows().size(), cols);
        for (int r = 0; r < t.rows().size(); r++) {
            for (int c = 0; c < cols; c++) {
                x.data()[r * cols + c] = number(file, t, r, c);
            }
        }
        return x;
    }

    private int labelColumn(Path file, List<String> header) throws DataFileException {
        if (label == null) {
            return header.size() - 1;
        }
        int byName = header.indexOf(label);
        if (byName >= 0) {
            return byName;
        }
        try {
            int i = Integer.parseInt(label);
            if (i >= 0 && i < header.size()) {
                return i;
            }
            throw new DataFileException(file, "label column index " + i + " is outside the " + header.size()
                    + " columns (0 to " + (header.size() - 1) + ")");
        } catch (NumberFormatException e) {
            throw new DataFileException(file, "line 1: no column named " + CsvSyntax.shorten(label) + " in the header "
                    + CsvSyntax.abbreviate(header.toString()));
        }
    }

    private static List<String> classNamesOf(String[] raw) {
        Set<String> distinct = new LinkedHashSet<>(List.of(raw));
        List<String> names = new ArrayList<>(distinct);
        boolean integers = names.stream().allMatch(s -> s.matches("-?\\d{1,9}"));
        if (integers) {
            names.sort(java.util.Comparator.comparingInt(Integer::parseInt));
        } else {
            names.sort(null);
        }
        return names;
    }

    private static float number(Path file, Table t, int r, int c) throws DataFileException {
        String cell = t.rows().get(r)[c];
        if (cell.isEmpty()) {
            throw cellError(file, t, r, c, "the cell is empty; every feature needs a number");
        }
        if (!CsvSyntax.isNumber(cell)) {
            boolean nonFinite = cell.matches("[+-]?(NaN|Infinity|inf|Inf|nan)");
            throw cellError(file, t, r, c, CsvSyntax.shorten(cell) + (nonFinite ? " is not a finite number (or too large for float32)"
                    : " is not a number"));
        }
        float v = Float.parseFloat(cell);
        if (!Float.isFinite(v)) {
            throw cellError(file, t, r, c, CsvSyntax.shorten(cell) + " is not a finite number (or too large for float32)");
        }
        return v;
    }

    private static DataFileException cellError(Path file, Table t, int r, int c, String what) {
        return new DataFileException(file, "line " + t.lines().get(r) + ", column " + (c + 1) + " (" + CsvSyntax.shorten(t.header().get(c))
                + "): " + what);
    }

    private static Table table(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> header;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null || first.isBlank()) {
                throw new DataFileException(file, "line 1: expected a header row naming the columns, found "
                        + (first == null ? "an empty file" : "an empty line"));
            }
            header = List.of(CsvSyntax.split(file, 1, stripBom(first)));
            checkHeader(file, stripBom(first), header);
            int lineNo = 1, blank = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    if (blank == 0) {
                        blank = lineNo;
                    }
                    continue;
                }
                if (blank != 0) {
                    throw new DataFileException(file, "line " + blank + " is empty but data follows on line " + lineNo
                            + "; remove the empty line");
                }
                String[] cells = CsvSyntax.split(file, lineNo, line);
                if (cells.length != header.size()) {
                    throw new DataFileException(file, "line " + lineNo + " has " + cells.length + " cells, the header has "
                            + header.size());
                }
                rows.add(cells);
                lines.add(lineNo);
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DataFileException(file, "is not UTF-8 text");
        }
        if (rows.isEmpty()) {
            throw new DataFileException(file, "has a header but no data rows");
        }
        return new Table(header, rows, lines);
    }

    /**
     * A header names the columns: a first line with a number among its cells (scikit-learn's
     * {@code iris.csv} starts {@code 150,4,setosa,versicolor,virginica}) is data or a count, not names,
     * and a file whose only column holds a semicolon or a tab uses another separator.
     */
    private static void checkHeader(Path file, String line, List<String> header) throws DataFileException {
        if (header.size() == 1 && (line.contains(";") || line.contains("\t"))) {
            throw new DataFileException(file, "line 1: " + CsvSyntax.shorten(line) + " is one column: cells must be separated by commas,"
                    + " this file seems to use '" + (line.contains(";") ? ";" : "\\t") + "'. Save it with ',' as the separator");
        }
        List<Integer> numeric = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (CsvSyntax.isNumber(header.get(c))) {
                numeric.add(c + 1);
            }
        }
        if (!numeric.isEmpty()) {
            throw new DataFileException(file, "line 1: " + CsvSyntax.shorten(line) + " has numbers where column names belong (column"
                    + (numeric.size() > 1 ? "s " : " ") + CsvSyntax.abbreviate(numeric.toString().replaceAll("[\\[\\]]", ""))
                    + "); the file needs a header row naming the columns, e.g. 'f1,f2,label'. Add one (or replace a line"
                    + " of counts, as scikit-learn's iris.csv has) and run again");
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }


}
