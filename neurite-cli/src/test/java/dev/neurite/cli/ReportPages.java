package dev.neurite.cli;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads back what a report page and its SVG figures show, for the report tests; its own WCAG contrast, not the report's. */
final class ReportPages {
    private ReportPages() {}

    /** A drawn confusion cell: its count, rectangle, fill, and the text printed on it with its size and colour. */
    record Cell(int trueClass, int predicted, long count, double x, double width, Color fill, String text, double fontSize, Color textColour) {}

    private static final Pattern CELL = Pattern.compile("<g data-cell=\"(\\d+),(\\d+)\" data-count=\"(\\d+)\"><rect x=\"([0-9.]+)\" y=\"[0-9.]+\""
            + " width=\"([0-9.]+)\" height=\"[0-9.]+\" fill=\"(#[0-9a-f]{6})\"[^>]*/>(?:<text [^>]*font-size=\"([0-9.]+)\" fill=\"(#[0-9a-f]{6})\">([^<]*)</text>)?");

    static List<Cell> cells(String svg) {
        List<Cell> cells = new ArrayList<>();
        Matcher m = CELL.matcher(svg);
        while (m.find()) {
            cells.add(new Cell(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)), Double.parseDouble(m.group(4)),
                    Double.parseDouble(m.group(5)), Color.decode(m.group(6)), m.group(9) == null ? "" : m.group(9),
                    m.group(7) == null ? 0 : Double.parseDouble(m.group(7)), m.group(8) == null ? null : Color.decode(m.group(8))));
        }
        return cells;
    }

    /** WCAG 2.1 contrast ratio, computed here independently of the report's code. */
    static double contrast(Color a, Color b) {
        double la = luminance(a), lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        double[] ch = {c.getRed() / 255.0, c.getGreen() / 255.0, c.getBlue() / 255.0};
        for (int i = 0; i < 3; i++) {
            ch[i] = ch[i] <= 0.03928 ? ch[i] / 12.92 : Math.pow((ch[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
    }

    /** The series names drawn in a chart (each series' marks carry data-series). */
    static List<String> series(String svg) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("<path data-series=\"([^\"]+)\"").matcher(svg);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The section with this id, from its opening tag to its end. */
    static String section(String html, String id) {
        int a = html.indexOf("<section id=\"" + id + "\">");
        if (a < 0) {
            throw new AssertionError("no section " + id);
        }
        return html.substring(a, html.indexOf("</section>", a));
    }

    /** A headline card's value by its label. */
    static String card(String html, String label) {
        Matcher m = Pattern.compile("<div class=\"k\">" + Pattern.quote(label) + "</div><div class=\"v\">([^<]*)</div>").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no card " + label);
        }
        return m.group(1);
    }

    /** Java's record toString shape (Name[a=1, …]) or a bean's (Name(a=1, …)), which a report must never print. */
    static final Pattern TO_STRING = Pattern.compile("[A-Z][A-Za-z]*[\\[(][a-zA-Z0-9]+=");
}
