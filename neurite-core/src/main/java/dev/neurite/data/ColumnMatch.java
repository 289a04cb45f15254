package dev.neurite.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a file has the columns a schema reads, by name: every feature column (in any order),
 * the label columns when they are needed (they may be there when they are not), and nothing else.
 */
final class ColumnMatch {
    private ColumnMatch() {}

    /** Refuses a file whose columns are not the schema's (and its labels'), naming them; {@code ignored} (or null) may be there. */
    static void check(CsvTable t, FeatureSchema schema, boolean needLabels, String ignored) throws DataFileException {
        List<String> missing = new ArrayList<>(), extra = new ArrayList<>();
        for (String name : schema.names()) {
            if (t.column(name) < 0) {
                missing.add(name);
            }
        }
        if (needLabels) {
            for (String label : schema.labels()) {
                if (t.column(label) < 0) {
                    missing.add(label);
                }
            }
        }
        for (String name : t.header) {
            if (schema.column(name) == null && !schema.labels().contains(name) && !name.equals(ignored)) {
                extra.add(name);
            }
        }
        if (missing.isEmpty() && extra.isEmpty()) {
            return;
        }
        StringBuilder m = new StringBuilder("line 1: the columns are not those the model was trained on: ");
        if (!missing.isEmpty()) {
            m.append("missing ").append(quoted(missing));
        }
        if (!extra.isEmpty()) {
            m.append(missing.isEmpty() ? "" : "; ").append("extra ").append(quoted(extra));
        }
        m.append(" (it reads ").append(quoted(schema.names()));
        if (!schema.labels().isEmpty()) {
            m.append(needLabels ? ", with the label" : "; the label").append(schema.labels().size() > 1 ? "s " : " ")
                    .append(quoted(schema.labels())).append(needLabels ? "" : " may be there too");
        }
        throw new DataFileException(t.file, m.append(", by name, in any order)").toString());
    }

    /** Names for a message: quoted, at most 10 of them. */
    private static String quoted(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size() && i < 10; i++) {
            sb.append(i == 0 ? "" : ", ").append(CsvSyntax.shorten(names.get(i)));
        }
        return names.size() > 10 ? sb + " and " + (names.size() - 10) + " more" : sb.toString();
    }
}
