package dev.neurite.cli;

import dev.neurite.data.Dataset;
import dev.neurite.infer.Classification;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The misclassified images of a labelled image set, the most confident mistakes first (confidence: the
 * probability the model gave its wrong class; ties in data order), at most {@link #SHOWN}: as an HTML grid
 * of small inline PNGs with captions, and as one PNG sheet. Each image is scaled from its own darkest to its
 * lightest value, so normalised inputs show as well as raw grey levels.
 */
final class Misclassified {
    static final int SHOWN = 48;

    record Mistake(int index, int trueClass, int predicted, double confidence) {}

    final List<Mistake> shown;
    final int total;
    private final Dataset data;
    private final List<String> names;
    private final int side;

    Misclassified(Classification[] predictions, Dataset data, List<String> names, int side) {
        if (side * side != data.inputSize()) {
            throw new IllegalArgumentException("images of " + side + "×" + side + " need " + side * side + " inputs, the data has " + data.inputSize());
        }
        List<Mistake> wrong = new ArrayList<>();
        for (int i = 0; i < predictions.length; i++) {
            Classification c = predictions[i];
            if (c.index() != data.label(i)) {
                wrong.add(new Mistake(i, data.label(i), c.index(), c.confidence()));
            }
        }
        wrong.sort(Comparator.comparingDouble(Mistake::confidence).reversed().thenComparingInt(Mistake::index));
        this.total = wrong.size();
        this.shown = List.copyOf(wrong.subList(0, Math.min(SHOWN, wrong.size())));
        this.data = data;
        this.names = names;
        this.side = side;
    }

    /** The heading: "48 of 230 misclassified test images, the most confident first". */
    String heading(String setName) {
        return (shown.size() == total ? "All " + total : shown.size() + " of " + total) + " misclassified " + setName
                + " images, the most confident mistakes first";
    }

    String html() throws IOException {
        StringBuilder h = new StringBuilder("<div class=\"mistakes\">\n");
        for (Mistake m : shown) {
            String t = names.get(m.trueClass()), p = names.get(m.predicted());
            h.append(String.format(Locale.ROOT, "<figure class=\"mistake\" data-index=\"%d\" data-confidence=\"%.6f\">"
                    + "<img width=\"%d\" height=\"%d\" alt=\"example %d: true %s, predicted %s\" src=\"data:image/png;base64,%s\">"
                    + "<figcaption><span class=\"truth\">%s</span> \u2192 <span class=\"guess\">%s</span> <span class=\"conf\">%s</span></figcaption></figure>%n",
                    m.index(), m.confidence(), side * 3, side * 3, m.index(), Html.escape(t), Html.escape(p),
                    Base64.getEncoder().encodeToString(png(image(m.index(), 1))), Html.escape(t), Html.escape(p), Html.percent(m.confidence(), 1)));
        }
        return h.append("</div>\n").toString();
    }

    /** All shown images on one sheet, captioned "true → predicted confidence". */
    byte[] sheet() throws IOException {
        int scale = 3, cell = side * scale, cols = 8, caption = 30, pad = 10;
        int rows = (shown.size() + cols - 1) / cols, w = Math.max(cell, 76);
        BufferedImage img = new BufferedImage(cols * (w + pad) + pad, rows * (cell + caption + pad) + pad, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int k = 0; k < shown.size(); k++) {
            Mistake m = shown.get(k);
            int ox = pad + (k % cols) * (w + pad), oy = pad + (k / cols) * (cell + caption + pad);
            g.drawImage(image(m.index(), scale), ox + (w - cell) / 2, oy, null);
            g.setColor(Contrast.INK);
            g.drawString(names.get(m.trueClass()) + " \u2192 " + names.get(m.predicted()), ox, oy + cell + 13);
            g.setColor(new Color(0x99, 0x1b, 0x1b));
            g.drawString(Html.percent(m.confidence(), 1), ox, oy + cell + 27);
        }
        g.dispose();
        return png(img);
    }

    private BufferedImage image(int example, int scale) {
        float[] x = data.x().data();
        int n = side * side, base = example * n;
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (int p = 0; p < n; p++) {
            lo = Math.min(lo, x[base + p]);
            hi = Math.max(hi, x[base + p]);
        }
        float range = hi > lo ? hi - lo : 1;
        BufferedImage img = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < n; p++) {
            int v = Math.max(0, Math.min(255, Math.round(255 * (x[base + p] - lo) / range)));
            int rgb = (v << 16) | (v << 8) | v;
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    img.setRGB((p % side) * scale + dx, (p / side) * scale + dy, rgb);
                }
            }
        }
        return img;
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
