package dev.neurite.cli;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line or scatter chart written as SVG text (not outlines), so the page stays small, searchable and
 * readable at any zoom, and a test can read back which series were drawn: each series' marks carry
 * {@code data-series="name"}, the marked epoch a {@code data-marker} line. Non-finite values break a line.
 */
final class SvgChart {
    /** One series: {@code points} draws dots only (a scatter), otherwise a line with dots when short. */
    record Series(String name, Color colour, double[] x, double[] y, boolean points) {}

    static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Helvetica, Arial, sans-serif";
    private static final int LEFT = 72, RIGHT = 24, TOP = 58, BOTTOM = 50;
    private int width = 720, height = 400;

    private final String title, xLabel, yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean integerX;
    private double markerX = Double.NaN;
    private String markerLabel;
    private String reference;

    SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    SvgChart add(Series s) {
        if (s.x().length != s.y().length) {
            throw new IllegalArgumentException("series " + s.name() + ": " + s.x().length + " x values but " + s.y().length + " y values");
        }
        series.add(s);
        return this;
    }

    /** The size in pixels (default 720×400). */
    SvgChart size(int width, int height) {
        if (width < 200 || height < 160) {
            throw new IllegalArgumentException("a chart needs at least 200×160 pixels, was " + width + "×" + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    int width() { return width; }

    int height() { return height; }

    /** Whole-number ticks on the x axis (epochs, iterations). */
    SvgChart integerX() {
        integerX = true;
        return this;
    }

    /** A dashed vertical line at {@code x}, labelled (the kept or best epoch). */
    SvgChart marker(double x, String label) {
        markerX = x;
        markerLabel = label;
        return this;
    }

    /** A dashed reference line: "identity" (y = x) or "zero" (y = 0). */
    SvgChart reference(String kind) {
        if (!kind.equals("identity") && !kind.equals("zero")) {
            throw new IllegalArgumentException("reference must be identity or zero, was " + kind);
        }
        reference = kind;
        return this;
    }

    String title() { return title; }

    String xLabel() { return xLabel; }

    String yLabel() { return yLabel; }

    List<Series> series() { return series; }

    double markerX() { return markerX; }

    String markerLabel() { return markerLabel; }

    String referenceKind() { return reference; }

    boolean isIntegerX() { return integerX; }

    String svg() {
        double[] xr = range(true), yr = range(false);
        if ("identity".equals(reference)) {                    // the same scale on both axes, so y = x is the diagonal
            xr = yr = new double[] {Math.min(xr[0], yr[0]), Math.max(xr[1], yr[1])};
        }
        Axis xa = Axis.of(xr[0], xr[1], integerX), ya = Axis.of(yr[0], yr[1], false);
        double pw = width - LEFT - RIGHT, ph = height - TOP - BOTTOM;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\" role=\"img\" font-family=\"")
                .append(FONT).append("\" font-size=\"12\" fill=\"").append(Contrast.hex(Contrast.INK)).append("\">\n<title>")
                .append(Html.escape(title)).append("</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
                .append("<text x=\"").append(LEFT).append("\" y=\"22\" font-size=\"15\" font-weight=\"600\">").append(Html.escape(title)).append("</text>\n");
        for (double t : xa.ticks) {
            double px = LEFT + pw * (t - xa.lo) / (xa.hi - xa.lo);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#4b5563\">%s</text>%n",
                    px, TOP, px, TOP + ph, px, TOP + ph + 18, xa.label(t)));
        }
        for (double t : ya.ticks) {
            double py = TOP + ph * (1 - (t - ya.lo) / (ya.hi - ya.lo));
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#4b5563\">%s</text>%n",
                    LEFT, py, LEFT + pw, py, LEFT - 8, py + 4, ya.label(t)));
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#9ca3af\"/>%n",
                LEFT, TOP, pw, ph));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + pw / 2, height - 10,
                Html.escape(xLabel)));
        s.append(String.format(Locale.ROOT, "<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
                TOP + ph / 2, Html.escape(yLabel)));
        Plot plot = new Plot(xa, ya, pw, ph);
        if (reference != null) {
            double a = reference.equals("identity") ? Math.max(xa.lo, ya.lo) : xa.lo, b = reference.equals("identity") ? Math.min(xa.hi, ya.hi) : xa.hi;
            double ya0 = reference.equals("identity") ? a : 0, yb = reference.equals("identity") ? b : 0;
            s.append(String.format(Locale.ROOT, "<line data-reference=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#6b7280\" stroke-dasharray=\"5 4\"/>%n",
                    reference, plot.x(a), plot.y(ya0), plot.x(b), plot.y(yb)));
        }
        if (!Double.isNaN(markerX)) {
            double px = plot.x(markerX);
            s.append(String.format(Locale.ROOT, "<line data-marker=\"%s\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#374151\" stroke-dasharray=\"4 3\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"%s\">%s</text>%n",
                    Html.escape(markerLabel), px, TOP, px, TOP + ph, px + (px > LEFT + pw * 0.8 ? -4 : 4), TOP + 14,
                    px > LEFT + pw * 0.8 ? "end" : "start", Html.escape(markerLabel)));
        }
        for (Series ser : series) {
            lines(s, ser, plot);
        }
        legend(s);
        return s.append("</svg>\n").toString();
    }

    private void lines(StringBuilder s, Series ser, Plot plot) {
        String colour = Contrast.hex(ser.colour()), name = Html.escape(ser.name());
        if (!ser.points()) {
            StringBuilder d = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < ser.y().length; i++) {
                if (!Double.isFinite(ser.y()[i]) || !Double.isFinite(ser.x()[i])) {
                    pen = false;
                    continue;
                }
                d.append(pen ? " L" : (d.length() == 0 ? "M" : " M")).append(String.format(Locale.ROOT, "%.1f %.1f", plot.x(ser.x()[i]), plot.y(ser.y()[i])));
                pen = true;
            }
            if (d.length() > 0) {
                s.append("<path data-series=\"").append(name).append("\" d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"2.2\" stroke-linejoin=\"round\"/>\n");
            }
        }
        boolean dots = ser.points() || ser.y().length <= 60;
        if (dots) {
            s.append("<g data-series=\"").append(name).append("\" fill=\"").append(colour).append(ser.points() ? "\" fill-opacity=\"0.55\">" : "\">");
            for (int i = 0; i < ser.y().length; i++) {
                if (Double.isFinite(ser.y()[i]) && Double.isFinite(ser.x()[i])) {
                    s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\"/>", plot.x(ser.x()[i]), plot.y(ser.y()[i]),
                            ser.points() ? "2.2" : "3"));
                }
            }
            s.append("</g>\n");
        }
    }

    private void legend(StringBuilder s) {
        double x = LEFT;
        for (Series ser : series) {
            String colour = Contrast.hex(ser.colour());
            s.append(String.format(Locale.ROOT, "<g class=\"legend\"><rect x=\"%.1f\" y=\"34\" width=\"14\" height=\"4\" rx=\"2\" fill=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"40\">%s</text></g>%n", x, colour, x + 19, Html.escape(ser.name())));
            x += 19 + 7.2 * ser.name().length() + 18;
        }
    }

    private double[] range(boolean x) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series ser : series) {
            double[] v = x ? ser.x() : ser.y(), other = x ? ser.y() : ser.x();
            for (int i = 0; i < v.length; i++) {
                if (Double.isFinite(v[i]) && Double.isFinite(other[i])) {
                    lo = Math.min(lo, v[i]);
                    hi = Math.max(hi, v[i]);
                }
            }
        }
        if (x && !Double.isNaN(markerX)) {
            lo = Math.min(lo, markerX);
            hi = Math.max(hi, markerX);
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        if (lo == hi) {
            double pad = integerX && x ? 1 : Math.max(Math.abs(lo) * 0.1, 1e-3);
            return new double[] {lo - pad, hi + pad};
        }
        return new double[] {lo, hi};
    }

    private record Plot(Axis xa, Axis ya, double pw, double ph) {
        double x(double v) { return LEFT + pw * (v - xa.lo) / (xa.hi - xa.lo); }

        double y(double v) { return TOP + ph * (1 - (v - ya.lo) / (ya.hi - ya.lo)); }
    }

    /** Axis limits rounded out to "nice" ticks (1, 2, 2.5 or 5 times a power of ten). */
    private static final class Axis {
        final double lo, hi, step;
        final List<Double> ticks = new ArrayList<>();

        private Axis(double lo, double hi, double step) {
            this.lo = lo;
            this.hi = hi;
            this.step = step;
            for (int i = 0; lo + i * step <= hi + step * 1e-9; i++) {
                ticks.add(lo + i * step);
            }
        }

        static Axis of(double min, double max, boolean integer) {
            double raw = (max - min) / 5, p = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / p;
            double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
            if (integer) {
                step = Math.max(1, Math.round(step));
            }
            double lo = Math.floor(min / step) * step, hi = Math.ceil(max / step) * step;
            if (integer && lo < 1 && min >= 1) {
                lo = Math.max(0, lo);
            }
            return new Axis(lo, hi, step);
        }

        String label(double v) {
            if (Math.abs(v) < step * 1e-6) {
                return "0";
            }
            int decimals = 0;
            while (decimals < 10 && Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals))) > 1e-6) {
                decimals++;
            }
            if (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-4) {
                return String.format(Locale.ROOT, "%.2g", v);
            }
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
    }
}
