package dev.neurite.cli;

import java.util.List;
import java.util.Locale;

/**
 * Checks of option values made before any configuration is built, so that a bad value is reported
 * with the option's name ({@code --batch-size must be > 0, was 0}) instead of the name of the library
 * field it ends up in. Every check throws {@link IllegalArgumentException}, which the command turns
 * into one line and exit status 2.
 */
final class OptionChecks {
    private OptionChecks() {}

    /** {@code value > 0}. */
    static int positive(String option, int value, String meaning) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be > 0 (" + meaning + "), was " + value);
        }
        return value;
    }

    /** {@code 0 < value <= max}. */
    static int atMost(String option, int value, int max, String why) {
        positive(option, value, why);
        if (value > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be at most %,d (%s), was %,d", option, max, why, value));
        }
        return value;
    }

    /** {@code value > 0} and finite. */
    static double positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be > 0 and finite, was " + value);
        }
        return value;
    }

    /** {@code value >= 0} and finite. */
    static double nonNegative(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be >= 0 and finite, was " + value);
        }
        return value;
    }

    /** {@code 0 <= value < 1}. */
    static double unit(String option, double value, String meaning) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(option + " must be in [0, 1) (" + meaning + "), was " + value);
        }
        return value;
    }

    /** {@code 0 < value < 1}. */
    static double openUnit(String option, double value, String meaning) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(option + " must be in (0, 1) (" + meaning + "), was " + value);
        }
        return value;
    }

    /** One of the listed names. */
    static String oneOf(String option, String value, List<String> accepted) {
        if (!accepted.contains(value)) {
            throw new IllegalArgumentException(option + " must be one of " + String.join(", ", accepted) + ", was '" + value + "'");
        }
        return value;
    }

    /** Refuses an option that the others make meaningless: it would otherwise be ignored silently. */
    static void ignored(boolean given, String option, String because) {
        if (given) {
            throw new IllegalArgumentException(option + " has no effect " + because + "; leave it out");
        }
    }
}
