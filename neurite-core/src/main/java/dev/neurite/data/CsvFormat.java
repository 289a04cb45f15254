package dev.neurite.data;

import java.util.Locale;

/**
 * How a delimited text file is laid out: the cell separator and whether the first line names the columns.
 *
 * <pre>
 *   separator 0 (auto)   the first line decides: whichever of ',' ';' and tab occurs most often outside quotes
 *                        (ties: ',' before ';' before tab; none at all: ',', a single column)
 *   ',' ';' '\t' '|'     that character; quoted cells ("a;b", "" for a quote) are understood
 *   ' ' (whitespace)     runs of spaces and tabs separate cells, leading and trailing ones are ignored, no quotes
 *                        (scikit-learn's diabetes files)
 *   header false         there is no header line: the columns are named x0, x1, … (the last one is the label)
 * </pre>
 * A first line that is scikit-learn's count line ({@code 150,4,setosa,versicolor,virginica}: examples,
 * features, class names) is recognised whatever the header setting: see {@link Tabular}.
 *
 * @param separator the cell separator, or {@code 0} to detect it from the first line
 * @param header    whether the first line names the columns
 */
public record CsvFormat(char separator, boolean header) {
    /** Separator detected, header line expected: the default. */
    public static final CsvFormat AUTO = new CsvFormat((char) 0, true);
    /** The separator that stands for runs of whitespace. */
    public static final char WHITESPACE = ' ';

    public CsvFormat {
        if (separator != 0 && ",;\t| ".indexOf(separator) < 0) {
            throw new IllegalArgumentException("separator must be one of ',', ';', tab, '|' or ' ' (whitespace), or 0 to"
                    + " detect it, was '" + separator + "'");
        }
    }

    /**
     * The format a command-line value names: {@code auto}, {@code ,} or {@code comma}, {@code ;} or
     * {@code semicolon}, {@code tab} (or a tab character, or {@code \t}), {@code |} or {@code pipe},
     * {@code whitespace} (or {@code space}).
     */
    public static CsvFormat parse(String delimiter) {
        char c = switch (delimiter.toLowerCase(Locale.ROOT)) {
            case "auto" -> 0;
            case ",", "comma" -> ',';
            case ";", "semicolon" -> ';';
            case "tab", "\t", "\\t" -> '\t';
            case "|", "pipe" -> '|';
            case "whitespace", "space", " " -> WHITESPACE;
            default -> throw new IllegalArgumentException("--delimiter must be auto, ',', ';', tab, '|' or whitespace, was '"
                    + delimiter + "'");
        };
        return new CsvFormat(c, true);
    }

    /** This format without a header line. */
    public CsvFormat withoutHeader() {
        return new CsvFormat(separator, false);
    }

    /** The separator {@code firstLine} uses: this one, or the detected one when it is {@code 0}. */
    char separatorFor(String firstLine) {
        if (separator != 0) {
            return separator;
        }
        int comma = 0, semicolon = 0, tab = 0;
        boolean quoted = false;
        for (int i = 0; i < firstLine.length(); i++) {
            char ch = firstLine.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                comma += ch == ',' ? 1 : 0;
                semicolon += ch == ';' ? 1 : 0;
                tab += ch == '\t' ? 1 : 0;
            }
        }
        if (semicolon > comma && semicolon >= tab) {
            return ';';
        }
        return tab > comma && tab > semicolon ? '\t' : ',';
    }

    /** The separator as a message names it. */
    static String name(char separator) {
        return switch (separator) {
            case '\t' -> "tab";
            case WHITESPACE -> "whitespace";
            default -> "'" + separator + "'";
        };
    }
}
