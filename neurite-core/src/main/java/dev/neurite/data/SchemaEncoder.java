package dev.neurite.data;

import dev.neurite.tensor.Matrix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a table's cells into a model's inputs with a {@link FeatureSchema}: numbers parsed strictly,
 * missing cells filled (or refused), categories one-hot, missing indicators last. An unknown category is
 * refused or, with {@link Tabular.UnknownCategory#ZEROS}, encoded as all zeros and reported through the
 * warnings (one line per column: how many rows, the first of them).
 */
final class SchemaEncoder {
    private SchemaEncoder() {}

    /** @param at the table column of each schema column, in schema order */
    static Matrix encode(CsvTable t, FeatureSchema schema, int[] at, Tabular.UnknownCategory unknown,
                         Consumer<String> warnings) throws DataFileException {
        List<FeatureColumn> columns = schema.columns();
        int width = schema.inputSize();
        List<Map<String, Integer>> index = new ArrayList<>();
        int[] offset = new int[columns.size()], indicator = new int[columns.size()];
        int o = 0, ind = 0;
        for (int i = 0; i < columns.size(); i++) {
            FeatureColumn col = columns.get(i);
            Map<String, Integer> ix = new HashMap<>();
            if (col.isCategorical()) {
                for (int k = 0; k < col.categories().size(); k++) {
                    ix.put(col.categories().get(k), k);
                }
            }
            index.add(ix);
            offset[i] = o;
            o += col.width();
        }
        for (int i = 0; i < columns.size(); i++) {
            indicator[i] = columns.get(i).indicator() ? o + ind++ : -1;
        }
        int[] unknownRows = new int[columns.size()], firstUnknown = new int[columns.size()];
        Matrix x = Matrix.zeros(t.rows.size(), width);
        float[] d = x.data();
        for (int r = 0; r < t.rows.size(); r++) {
            String[] cells = t.rows.get(r);
            int base = r * width;
            for (int i = 0; i < columns.size(); i++) {
                FeatureColumn col = columns.get(i);
                int c = at[i];
                String cell = cells[c];
                if (Imputation.isMissing(cell)) {
                    if (!col.imputes()) {
                        throw t.error(r, c, SchemaFit.missing(cell));
                    }
                    if (indicator[i] >= 0) {
                        d[base + indicator[i]] = 1;
                    }
                    if (col.isCategorical()) {
                        d[base + offset[i] + index.get(i).get(col.fillCategory())] = 1;
                    } else {
                        d[base + offset[i]] = (float) col.fill();
                    }
                } else if (col.isCategorical()) {
                    Integer k = index.get(i).get(cell);
                    if (k != null) {
                        d[base + offset[i] + k] = 1;
                    } else if (unknown == Tabular.UnknownCategory.ERROR) {
                        throw t.error(r, c, "the category " + CsvSyntax.shorten(cell) + " was not in the training data (its "
                                + col.categories().size() + " categories: " + CsvSyntax.abbreviate(col.categories().toString())
                                + "); fix the cell, or use --unknown-category zeros to encode it as all zeros");
                    } else if (unknownRows[i]++ == 0) {
                        firstUnknown[i] = r;
                    }
                } else {
                    d[base + offset[i]] = number(t, r, c, cell);
                }
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            if (unknownRows[i] > 0) {
                int r = firstUnknown[i];
                warnings.accept(t.file + ": column " + CsvSyntax.shorten(columns.get(i).name()) + ": " + unknownRows[i]
                        + (unknownRows[i] == 1 ? " row has a category" : " rows have categories") + " not in the training data"
                        + " (first: line " + t.lines.get(r) + ", " + CsvSyntax.shorten(t.rows.get(r)[at[i]])
                        + "), encoded as all zeros");
            }
        }
        return x;
    }

    /** A cell as a feature value: a plain decimal number that float holds as a finite value. */
    static float number(CsvTable t, int r, int c, String cell) throws DataFileException {
        if (!CsvSyntax.isNumber(cell)) {
            boolean nonFinite = cell.matches("[+-]?(Infinity|inf|Inf|INF)");
            throw t.error(r, c, CsvSyntax.shorten(cell) + (nonFinite ? " is not a finite number (or too large for float32)"
                    : " is not a number"));
        }
        float v = Float.parseFloat(cell);
        if (!Float.isFinite(v)) {
            throw t.error(r, c, CsvSyntax.shorten(cell) + " is not a finite number (or too large for float32)");
        }
        return v;
    }
}
