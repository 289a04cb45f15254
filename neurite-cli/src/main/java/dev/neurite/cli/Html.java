package dev.neurite.cli;

import java.util.Locale;

/** Text for the report's HTML and SVG: escaping and the number formats used throughout. */
final class Html {
    private Html() {}

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Four decimals; an em dash for a value not measured (never "NaN"). */
    static String f4(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "\u2014";
    }

    /** A fraction as a percentage with {@code decimals} decimals: 0.98765 → "98.77%". */
    static String percent(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f%%", 100 * v) : "\u2014";
    }
}
