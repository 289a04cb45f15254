package dev.neurite.cli;

import java.awt.Color;

/**
 * Colour contrast as WCAG 2.1 defines it, so that every number the report prints on a coloured cell is
 * readable: relative luminance {@code L = 0.2126·R + 0.7152·G + 0.0722·B} of the linearised sRGB channels
 * ({@code c ≤ 0.04045 ? c/12.92 : ((c+0.055)/1.055)^2.4}), and the ratio {@code (L_light + 0.05) / (L_dark + 0.05)}.
 * A ratio of at least 4.5 is WCAG's level AA for normal text; black or white reaches it on any colour.
 */
final class Contrast {
    /** The dark text colour of the report (near black, 15.9:1 on white). */
    static final Color INK = new Color(0x1f, 0x29, 0x37);

    private Contrast() {}

    static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    static double ratio(Color a, Color b) {
        double la = luminance(a), lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /**
     * Text for {@code background}: the report's ink or white, whichever contrasts more, when that reaches 4.5;
     * otherwise black or white (one of which always reaches 4.58).
     */
    static Color textOn(Color background) {
        double ink = ratio(INK, background), white = ratio(Color.WHITE, background);
        if (Math.max(ink, white) >= 4.5) {
            return ink >= white ? INK : Color.WHITE;
        }
        return ratio(Color.BLACK, background) >= white ? Color.BLACK : Color.WHITE;
    }

    /** {@code a + t·(b − a)} per channel, t in [0, 1]. */
    static Color mix(Color a, Color b, double t) {
        return new Color(channel(a.getRed(), b.getRed(), t), channel(a.getGreen(), b.getGreen(), t), channel(a.getBlue(), b.getBlue(), t));
    }

    private static int channel(int a, int b, double t) {
        return (int) Math.round(a + Math.max(0, Math.min(1, t)) * (b - a));
    }

    /** {@code #rrggbb}. */
    static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** Parses {@code #rrggbb}. */
    static Color parse(String hex) {
        if (!hex.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("colour must be #rrggbb, was " + hex);
        }
        return new Color(Integer.parseInt(hex.substring(1), 16));
    }
}
