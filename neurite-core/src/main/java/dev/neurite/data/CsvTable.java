package dev.neurite.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A delimited text file as cells: the column names, the data rows and the line each came from. Read
 * whole, strictly: UTF-8 (a byte-order mark is dropped), gzip when the file starts with gzip's magic
 * bytes, every row as many cells as the header, no empty line inside the data.
 *
 * <p>scikit-learn's bundled files start with a count line, {@code n,p,class0,class1,…}: {@code n} examples
 * of {@code p} features and a target whose integer {@code i} is class {@code class_i}. Such a line is
 * recognised (two whole numbers first, no other number, rows of {@code p + 1} cells, exactly {@code n}
 * of them): the columns are named {@code x0 … x(p-1)} and {@code target}, and {@link #classNames()}
 * gives the classes in the file's order.
 */
final class CsvTable {
    final Path file;
    final List<String> header;
    final List<String[]> rows;
    final List<Integer> lines;
    final char separator;
    /** How many of the last columns came from a targets file ({@link #withTargets}). */
    final int targetColumns;
    private final List<String> classNames;

    private CsvTable(Path file, List<String> header, List<String[]> rows, List<Integer> lines, char separator,
                     List<String> classNames) {
        this(file, header, rows, lines, separator, classNames, 0);
    }

    private CsvTable(Path file, List<String> header, List<String[]> rows, List<Integer> lines, char separator,
                     List<String> classNames, int targetColumns) {
        this.targetColumns = targetColumns;
        this.file = file;
        this.header = header;
        this.rows = rows;
        this.lines = lines;
        this.separator = separator;
        this.classNames = classNames;
    }

    /** The class names of a scikit-learn count line, in target order; null for other files. */
    List<String> classNames() {
        return classNames;
    }

    /** The column named {@code name}, or -1. */
    int column(String name) {
        return header.indexOf(name);
    }

    /** A message prefix for the cell at row {@code r}, column {@code c}. */
    String at(int r, int c) {
        return "line " + lines.get(r) + ", column " + (c + 1) + " (" + CsvSyntax.shorten(header.get(c)) + "): ";
    }

    DataFileException error(int r, int c, String what) {
        return new DataFileException(file, at(r, c) + what);
    }

    /**
     * This table with the columns of {@code targets} appended, row by row (a file of targets beside a file
     * of features); messages about cells still name this file.
     */
    CsvTable withTargets(CsvTable targets) throws DataFileException {
        if (targets.rows.size() != rows.size()) {
            throw new DataFileException(targets.file, "has " + targets.rows.size() + " rows of targets, but " + file + " has "
                    + rows.size() + " rows of features; the two files must have a row for each example, in the same order");
        }
        List<String> names = new ArrayList<>(header);
        for (String n : targets.header) {
            if (names.contains(n)) {
                throw new DataFileException(targets.file, "line 1: the target column " + CsvSyntax.shorten(n)
                        + " has the name of a feature column of " + file);
            }
            names.add(n);
        }
        List<String[]> joined = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            String[] a = rows.get(r), b = targets.rows.get(r);
            String[] both = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            joined.add(both);
        }
        return new CsvTable(file, List.copyOf(names), joined, lines, separator, classNames, targets.header.size());
    }

    static CsvTable read(Path file, CsvFormat format) throws IOException {
        return read(file, format, false);
    }

    /**
     * Reads a table; for a targets file ({@code targets}), a first line of numbers is data: one column is
     * named {@code target}, several {@code target0}, {@code target1}, ….
     */
    static CsvTable read(Path file, CsvFormat format, boolean targets) throws IOException {
        try (BufferedReader in = reader(file)) {
            String first = in.readLine();
            if (first == null || first.isBlank()) {
                throw new DataFileException(file, "line 1: expected " + (format.header() ? "a header row naming the columns"
                        : "a row of data") + ", found " + (first == null ? "an empty file" : "an empty line"));
            }
            first = first.startsWith("\uFEFF") ? first.substring(1) : first;
            char separator = format.separatorFor(first);
            String[] cells = CsvSyntax.split(file, 1, first, separator);
            List<String> classNames = null;
            List<String[]> rows = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            List<String> header;
            long expectedRows = -1;
            if (isCountLine(cells)) {
                int p = Integer.parseInt(cells[1]);
                header = new ArrayList<>();
                for (int j = 0; j < p; j++) {
                    header.add("x" + j);
                }
                header.add("target");
                classNames = cells.length > 2 ? List.of(cells).subList(2, cells.length) : null;
                expectedRows = Long.parseLong(cells[0]);
            } else if (targets && java.util.Arrays.stream(cells).allMatch(CsvSyntax::isNumber)) {
                header = new ArrayList<>();
                for (int j = 0; j < cells.length; j++) {
                    header.add(cells.length == 1 ? "target" : "target" + j);
                }
                rows.add(cells);
                lines.add(1);
            } else if (format.header()) {
                header = List.of(cells);
                checkHeader(file, first, header, separator);
            } else {
                header = new ArrayList<>();
                for (int j = 0; j < cells.length; j++) {
                    header.add("x" + j);
                }
                rows.add(cells);
                lines.add(1);
            }
            readRows(file, in, separator, header, rows, lines, expectedRows >= 0);
            if (rows.isEmpty()) {
                throw new DataFileException(file, "has a header but no data rows");
            }
            if (expectedRows >= 0 && rows.size() != expectedRows) {
                throw new DataFileException(file, "line 1: scikit-learn's count line says " + expectedRows + " examples, the"
                        + " file has " + rows.size() + " rows after it");
            }
            return new CsvTable(file, List.copyOf(header), rows, lines, separator, classNames);
        } catch (java.nio.charset.MalformedInputException | java.nio.charset.UnmappableCharacterException e) {
            throw new DataFileException(file, "is not UTF-8 text");
        }
    }

    private static void readRows(Path file, BufferedReader in, char separator, List<String> header, List<String[]> rows,
                                 List<Integer> lines, boolean countLine) throws IOException {
        int lineNo = 1, blank = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                blank = blank == 0 ? lineNo : blank;
                continue;
            }
            if (blank != 0) {
                throw new DataFileException(file, "line " + blank + " is empty but data follows on line " + lineNo
                        + "; remove the empty line");
            }
            String[] cells = CsvSyntax.split(file, lineNo, line, separator);
            if (cells.length != header.size()) {
                throw new DataFileException(file, "line " + lineNo + " has " + cells.length + " cells, the "
                        + (countLine ? "count line (features and a target) says " : rows.isEmpty() ? "header has " : "first line has ")
                        + header.size() + " (cells separated by " + CsvFormat.name(separator) + "; see --delimiter)");
            }
            rows.add(cells);
            lines.add(lineNo);
        }
    }

    /** scikit-learn's {@code n,p[,names…]}: two whole numbers, then names that are not numbers. */
    private static boolean isCountLine(String[] cells) {
        if (cells.length < 2 || !cells[0].matches("\\d{1,9}") || !cells[1].matches("\\d{1,6}") || cells[1].equals("0")) {
            return false;
        }
        for (int j = 2; j < cells.length; j++) {
            if (CsvSyntax.isNumber(cells[j]) || cells[j].isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** A header names the columns: numbers there mean a missing header line (or another separator). */
    private static void checkHeader(Path file, String line, List<String> header, char separator) throws DataFileException {
        List<Integer> numeric = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (CsvSyntax.isNumber(header.get(c))) {
                numeric.add(c + 1);
            }
        }
        if (!numeric.isEmpty()) {
            throw new DataFileException(file, "line 1: " + CsvSyntax.shorten(line) + " has numbers where column names belong"
                    + " (column" + (numeric.size() > 1 ? "s " : " ") + CsvSyntax.abbreviate(numeric.toString().replaceAll("[\\[\\]]", ""))
                    + "); add a header row naming the columns, or read the file with --no-header (columns x0, x1, …)");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String name : header) {
            if (!seen.add(name)) {
                throw new DataFileException(file, "line 1: the column name " + CsvSyntax.shorten(name) + " appears twice;"
                        + " columns are matched by name, so each needs its own");
            }
        }
    }

    private static BufferedReader reader(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read(), b1 = raw.read();
        raw.reset();
        InputStream in = b0 == 0x1f && b1 == 0x8b ? new GzipStream(raw, file) : raw;
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }
}
