package dev.neurite.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The syntax of one CSV line: cells split at commas (or another separator) (quotes understood), numbers by a strict grammar. */
final class CsvSyntax {
    private CsvSyntax() {}

    /** A decimal number as people write it: optional sign, digits with an optional point, optional exponent. */
    static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * Whether the cell is a plain decimal number. Java's own grammar is wider ({@code 1f}, {@code 1.5d},
     * {@code 0x1p3}, control characters around the digits): none of that is a number in a CSV file.
     */
    static boolean isNumber(String cell) {
        return NUMBER.matcher(cell).matches();
    }

    /** A list or line for a message, cut to about 40 characters. */
    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "… (" + text.length() + " characters)" : text;
    }

    /** The cell quoted for a message, cut to about 40 characters so that a huge cell is not echoed whole. */
    static String shorten(String cell) {
        StringBuilder q = new StringBuilder("'");
        String head = cell.length() > 40 ? cell.substring(0, 40) : cell;
        for (char ch : head.toCharArray()) {
            q.append(ch < 0x20 || ch == 0x7f ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
        }
        q.append('\'');
        return cell.length() > 40 ? q + "… (" + cell.length() + " characters)" : q.toString();
    }

    static String[] split(Path file, int lineNo, String line) throws DataFileException {
        return split(file, lineNo, line, ',');
    }

    /**
     * The cells of {@code line} separated by {@code separator} (quotes understood), or, for
     * {@link CsvFormat#WHITESPACE}, by runs of spaces and tabs (no quotes).
     */
    static String[] split(Path file, int lineNo, String line, char separator) throws DataFileException {
        if (separator == CsvFormat.WHITESPACE) {
            String t = trim(line);
            return t.isEmpty() ? new String[] {""} : t.split("[ \\t]+");
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false, wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && trim(cell).isEmpty()) {
                quoted = true;
                wasQuoted = true;
                cell.setLength(0);
            } else if (ch == separator) {
                cells.add(wasQuoted ? cell.toString() : trim(cell));
                cell.setLength(0);
                wasQuoted = false;
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new DataFileException(file, "line " + lineNo + ": a quoted cell is not closed");
        }
        cells.add(wasQuoted ? cell.toString() : trim(cell));
        return cells.toArray(String[]::new);
    }

    /** Spaces and tabs around a cell are not part of it; other control characters (a NUL) are kept, and refused. */
    static String trim(CharSequence cell) {
        int start = 0, end = cell.length();
        while (start < end && (cell.charAt(start) == ' ' || cell.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (cell.charAt(end - 1) == ' ' || cell.charAt(end - 1) == '\t')) {
            end--;
        }
        return cell.subSequence(start, end).toString();
    }
}
