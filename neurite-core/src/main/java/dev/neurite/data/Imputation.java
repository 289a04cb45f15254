package dev.neurite.data;

import java.util.Locale;

/**
 * How a missing feature value is filled in, from statistics of the training data only, as scikit-learn's
 * {@code SimpleImputer(strategy=…)} does.
 *
 * <pre>
 *   NONE           a missing value is an error naming the file, line and column
 *   MEAN           the column's mean over the training rows that have a value
 *   MEDIAN         the column's median (the mean of the two middle values for an even count)
 *   MOST_FREQUENT  the column's most frequent value, the smallest of equally frequent ones
 * </pre>
 * A categorical column always takes its most frequent category (mean and median have no meaning there).
 * A cell is missing when it is empty or one of pandas' default markers: {@code NA}, {@code N/A},
 * {@code n/a}, {@code NaN}, {@code nan}, {@code -NaN}, {@code -nan}, {@code null}, {@code NULL}, {@code None},
 * {@code #N/A}, {@code <NA>} ({@link #isMissing}).
 */
public enum Imputation {
    NONE, MEAN, MEDIAN, MOST_FREQUENT;

    private static final java.util.Set<String> MARKERS = java.util.Set.of("", "NA", "N/A", "n/a", "NaN", "nan", "-NaN",
            "-nan", "null", "NULL", "None", "#N/A", "<NA>");

    /** Whether a cell marks a missing value. */
    public static boolean isMissing(String cell) {
        return MARKERS.contains(cell);
    }

    /** The strategy a command-line value names: {@code none}, {@code mean}, {@code median} or {@code most-frequent}. */
    public static Imputation parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "mean" -> MEAN;
            case "median" -> MEDIAN;
            case "most-frequent", "most_frequent" -> MOST_FREQUENT;
            default -> throw new IllegalArgumentException("--impute must be mean, median or most-frequent, was '" + name + "'");
        };
    }

    /** The command-line name. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
