package dev.neurite.cli;

import dev.neurite.data.CsvFormat;
import dev.neurite.data.Tabular;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * How CSV files are read, for every command that reads them (train, evaluate, predict): the separator,
 * whether there is a header line, and what a category the training data did not have becomes.
 */
final class CsvReadOptions {
    @Option(names = "--delimiter", paramLabel = "auto|,|;|tab|whitespace", defaultValue = "auto",
            description = "The cell separator (default: ${DEFAULT-VALUE}: whichever of ',' ';' and tab the first line has most of;"
                    + " whitespace: runs of spaces, as scikit-learn's diabetes files).")
    String delimiter;

    @Option(names = "--no-header", description = "The first line is data: the columns are named x0, x1, ...")
    boolean noHeader;

    @Option(names = "--unknown-category", paramLabel = "zeros|error", defaultValue = "zeros",
            description = "A category the training data did not have: all zeros in its column's one-hot inputs with a warning"
                    + " (default), or an error naming the cell.")
    String unknownCategory;

    /** Checks the values before any file is read. */
    void check() {
        format();
        unknown();
    }

    CsvFormat format() {
        CsvFormat f = CsvFormat.parse(delimiter);
        return noHeader ? f.withoutHeader() : f;
    }

    private Tabular.UnknownCategory unknown() {
        return switch (unknownCategory.toLowerCase(Locale.ROOT)) {
            case "zeros" -> Tabular.UnknownCategory.ZEROS;
            case "error" -> Tabular.UnknownCategory.ERROR;
            default -> throw new IllegalArgumentException("--unknown-category must be zeros or error, was '" + unknownCategory + "'");
        };
    }

    /** A reader with these options; warnings go to {@code err} as lines starting "neurite: warning: ". */
    Tabular reader(PrintWriter err) {
        return Tabular.reader().format(format()).unknownCategories(unknown()).warnings(w -> {
            err.println("neurite: warning: " + w);
            err.flush();
        });
    }
}
