package dev.neurite.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A confusion matrix drawn as a grid of cells (rows: true class, columns: predicted), as SVG and PNG from
 * one layout. Correct predictions are shades of blue, errors shades of red that stay visible for a single
 * error, empty cells white; each cell's shade is its share of the true class's examples. Every number is
 * sized to fit its cell ({@link #DIGIT_WIDTH} em per character) and written in ink or white, whichever
 * contrasts at least 4.5:1 with the cell ({@link Contrast}). With {@code normalised}, cells print the
 * percentage of the true class (each row sums to 100, as scikit-learn's {@code normalize="true"}).
 */
final class ConfusionFigure {
    /** The widest digit of common sans-serif fonts, in em (DejaVu Sans: 0.636). */
    static final double DIGIT_WIDTH = 0.64;
    /** Above this many classes the matrix is not drawn: the cells would be too small to read. */
    static final int MAX_CLASSES = 60;

    static final Color RIGHT_LIGHT = new Color(0xef, 0xf6, 0xff), RIGHT_DARK = new Color(0x08, 0x30, 0x6b);
    static final Color WRONG_LIGHT = new Color(0xfe, 0xe2, 0xd5), WRONG_DARK = new Color(0x99, 0x00, 0x0d);
    static final Color EMPTY = Color.WHITE, EMPTY_TEXT = new Color(0x6b, 0x72, 0x80);

    /** One cell as drawn: position and size in pixels, colours, the printed text (empty when too small). */
    record Cell(int trueClass, int predicted, long count, double x, double y, double size, Color fill, Color text, String label) {}

    private final long[][] counts;
    private final List<String> names;
    private final boolean normalised;
    private final String title;
    private final List<Cell> cells = new ArrayList<>();
    private final double cell, left, top, fontSize, labelHeight;
    private final int width, height;

    ConfusionFigure(long[][] counts, List<String> names, boolean normalised, String setName) {
        int k = counts.length;
        if (k == 0 || k > MAX_CLASSES || names.size() != k) {
            throw new IllegalArgumentException("a confusion matrix of 1.." + MAX_CLASSES + " classes with a name each, was " + k
                    + " classes and " + names.size() + " names");
        }
        this.counts = counts;
        this.names = names;
        this.normalised = normalised;
        this.title = (normalised ? "Confusion matrix, % of each true class" : "Confusion matrix") + " (" + setName + ")";
        List<String> labels = new ArrayList<>();
        int widest = 1;
        for (int t = 0; t < k; t++) {
            long row = 0;
            for (long v : counts[t]) {
                row += v;
            }
            for (int p = 0; p < k; p++) {
                String label = label(counts[t][p], row);
                labels.add(label);
                widest = Math.max(widest, label.length());
            }
        }
        // at least 9 px digits: the grid grows with the classes rather than shrinking its numbers away
        cell = Math.min(56, Math.max(Math.floor(480.0 / k), Math.ceil(DIGIT_WIDTH * 9 * widest + 6)));
        int longest = names.stream().mapToInt(n -> short12(n).length()).max().orElse(1);
        left = 40 + 7.5 * longest;
        top = 56;
        labelHeight = longest > 3 ? 8 + 6.2 * longest : 22;
        width = (int) Math.ceil(Math.max(left + k * cell + 24, 7.6 * title.length() + 40));
        height = (int) Math.ceil(top + k * cell + labelHeight + 34);
        double fs = Math.min(13, (cell - 6) / (DIGIT_WIDTH * widest));
        fontSize = Math.floor(fs * 10) / 10;
        for (int t = 0, i = 0; t < k; t++) {
            long row = 0;
            for (long v : counts[t]) {
                row += v;
            }
            for (int p = 0; p < k; p++, i++) {
                double share = row == 0 ? 0 : (double) counts[t][p] / row;
                Color fill = counts[t][p] == 0 ? EMPTY : t == p ? Contrast.mix(RIGHT_LIGHT, RIGHT_DARK, 0.1 + 0.9 * share)
                        : Contrast.mix(WRONG_LIGHT, WRONG_DARK, 0.2 + 0.8 * Math.sqrt(Math.min(1, share / 0.25)));
                Color text = counts[t][p] == 0 ? EMPTY_TEXT : Contrast.textOn(fill);
                cells.add(new Cell(t, p, counts[t][p], left + p * cell, top + t * cell, cell, fill, text, labels.get(i)));
            }
        }
    }

    private String label(long count, long row) {
        if (!normalised) {
            return Long.toString(count);
        }
        double pct = row == 0 ? 0 : 100.0 * count / row;
        return count == 0 ? "0" : count == row ? "100" : String.format(Locale.ROOT, "%.1f", pct);
    }

    List<Cell> cells() { return cells; }

    double fontSize() { return fontSize; }

    private static String short12(String name) {
        return name.length() <= 12 ? name : name.substring(0, 11) + "\u2026";
    }

    String svg() {
        int k = counts.length;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
                + " font-family=\"%s\" font-size=\"12\" fill=\"%s\" data-normalised=\"%b\">%n<title>%s</title>%n<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>%n",
                width, height, width, height, SvgChart.FONT, Contrast.hex(Contrast.INK), normalised, Html.escape(title)));
        s.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"22\" font-size=\"15\" font-weight=\"600\">%s</text>%n", Html.escape(title)));
        s.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"40\" fill=\"#4b5563\">rows: true class \u00b7 columns: predicted \u00b7 blue: right \u00b7 red: wrong</text>%n"));
        for (Cell c : cells) {
            long row = 0;
            for (long v : counts[c.trueClass()]) {
                row += v;
            }
            s.append(String.format(Locale.ROOT, "<g data-cell=\"%d,%d\" data-count=\"%d\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"#e5e7eb\"/>",
                    c.trueClass(), c.predicted(), c.count(), c.x(), c.y(), c.size(), c.size(), Contrast.hex(c.fill())));
            if (!c.label().isEmpty()) {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" dominant-baseline=\"central\" font-size=\"%.1f\" fill=\"%s\">%s</text>",
                        c.x() + c.size() / 2, c.y() + c.size() / 2, fontSize, Contrast.hex(c.text()), c.label()));
            }
            s.append(String.format(Locale.ROOT, "<title>true %s, predicted %s: %d of %d</title></g>%n", Html.escape(names.get(c.trueClass())),
                    Html.escape(names.get(c.predicted())), c.count(), row));
        }
        for (int i = 0; i < k; i++) {
            String name = Html.escape(short12(names.get(i)));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" dominant-baseline=\"central\">%s</text>%n",
                    left - 6, top + (i + 0.5) * cell, name));
            double cx = left + (i + 0.5) * cell, cy = top + k * cell + 14;
            s.append(labelHeight > 22
                    ? String.format(Locale.ROOT, "<text transform=\"translate(%.1f %.1f) rotate(-45)\" text-anchor=\"end\">%s</text>%n", cx + 4, cy - 4, name)
                    : String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n", cx, cy, name));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#4b5563\">predicted class</text>%n",
                left + k * cell / 2, top + k * cell + labelHeight + 16));
        s.append(String.format(Locale.ROOT, "<text transform=\"translate(16 %.1f) rotate(-90)\" text-anchor=\"middle\" fill=\"#4b5563\">true class</text>%n",
                top + k * cell / 2));
        return s.append("</svg>\n").toString();
    }

    /** The same figure as a PNG at twice the SVG's pixel size. */
    byte[] png() throws IOException {
        int k = counts.length, scale = 2;
        BufferedImage img = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.scale(scale, scale);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Contrast.INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 16, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(0x4b, 0x55, 0x63));
        g.drawString("rows: true class \u00b7 columns: predicted \u00b7 blue: right \u00b7 red: wrong", 16, 40);
        Font number = new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont((float) Math.max(fontSize, 1));
        g.setStroke(new BasicStroke(1));
        for (Cell c : cells) {
            g.setColor(c.fill());
            g.fill(new java.awt.geom.Rectangle2D.Double(c.x(), c.y(), c.size(), c.size()));
            g.setColor(new Color(0xe5, 0xe7, 0xeb));
            g.draw(new java.awt.geom.Rectangle2D.Double(c.x(), c.y(), c.size(), c.size()));
            if (!c.label().isEmpty()) {
                g.setFont(number);
                FontMetrics fm = g.getFontMetrics();
                g.setColor(c.text());
                g.drawString(c.label(), (float) (c.x() + (c.size() - fm.stringWidth(c.label())) / 2),
                        (float) (c.y() + (c.size() + fm.getAscent() - fm.getDescent()) / 2));
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Contrast.INK);
        for (int i = 0; i < k; i++) {
            String name = short12(names.get(i));
            g.drawString(name, (float) (left - 6 - fm.stringWidth(name)), (float) (top + (i + 0.5) * cell + fm.getAscent() / 2.0 - 1));
            double cx = left + (i + 0.5) * cell, cy = top + k * cell + 14;
            if (labelHeight > 22) {
                AffineTransform saved = g.getTransform();
                g.translate(cx + 4, cy - 4);
                g.rotate(-Math.PI / 4);
                g.drawString(name, -fm.stringWidth(name), fm.getAscent() / 2f);
                g.setTransform(saved);
            } else {
                g.drawString(name, (float) (cx - fm.stringWidth(name) / 2.0), (float) cy + 4);
            }
        }
        g.setColor(new Color(0x4b, 0x55, 0x63));
        String predicted = "predicted class", truth = "true class";
        g.drawString(predicted, (float) (left + k * cell / 2 - fm.stringWidth(predicted) / 2.0), (float) (top + k * cell + labelHeight + 20));
        AffineTransform saved = g.getTransform();
        g.translate(20, top + k * cell / 2);
        g.rotate(-Math.PI / 2);
        g.drawString(truth, -fm.stringWidth(truth) / 2f, 0);
        g.setTransform(saved);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
