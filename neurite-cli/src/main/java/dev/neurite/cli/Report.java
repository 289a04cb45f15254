package dev.neurite.cli;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report: an {@code index.html} that stands alone (no script, no external resource: charts are inline
 * SVG with real text, images are inline PNGs) and the files beside it (each chart as SVG and PNG, data as
 * CSV and JSON). Everything is put together in memory first and written only when complete, into a folder
 * the report owns ({@link ReportFolder}: a new or empty folder, or an earlier report's), so a failed run
 * writes nothing and a report never deletes what it did not write. {@link TrainReport} fills it for a
 * training run.
 */
final class Report {
    /** The series colours (Okabe and Ito's palette, told apart also with colour-blindness). */
    static final Color TRAINING = new Color(0x00, 0x72, 0xb2), VALIDATION = new Color(0xd5, 0x5e, 0x00),
            TEST = new Color(0x00, 0x9e, 0x73), RATE = new Color(0xcc, 0x79, 0xa7);

    private final Path dir;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, String> run = new LinkedHashMap<>();
    private final List<String[]> cards = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();

    private Report(Path dir) {
        this.dir = dir;
    }

    /** A report for {@code dir}; refuses (IllegalArgumentException) a folder holding anything but a report. */
    static Report into(Path dir) throws IOException {
        ReportFolder.check(dir);
        return new Report(dir);
    }

    /** Checks before a run that a report may go into {@code dir} (see {@link ReportFolder}). */
    static void check(Path dir) throws IOException {
        ReportFolder.check(dir);
    }

    /** One chart of several series against the epoch (or iteration) number, counted from 1. */
    Report curves(String file, String title, String xLabel, String yLabel, Map<String, double[]> series) throws IOException {
        SvgChart chart = new SvgChart(title, xLabel, yLabel).integerX();
        Color[] colours = {TRAINING, VALIDATION, TEST, RATE};
        int i = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            chart.add(new SvgChart.Series(e.getKey(), colours[i++ % colours.length], counting(e.getValue().length), e.getValue(), false));
        }
        return chart(file, title, null, chart);
    }

    /** 1, 2, …, n. */
    static double[] counting(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    /** A chart as a section of the page (inline SVG), and as {@code file.svg} and {@code file.png} beside it. */
    Report chart(String file, String heading, String note, SvgChart chart) throws IOException {
        return section(file, heading, note, figure(file, chart.svg(), ChartPng.of(chart)));
    }

    /** A figure's HTML (the inline SVG and links to its files); {@code file.svg} and {@code file.png} join the report. */
    String figure(String file, String svg, byte[] png) {
        files.put(file + ".svg", svg.getBytes(StandardCharsets.UTF_8));
        files.put(file + ".png", png);
        return "<figure class=\"chart\" id=\"figure-" + Html.escape(file) + "\">" + svg + "</figure>\n" + links(file + ".svg", file + ".png");
    }

    /** A section of the page: a heading, an optional note, and HTML. */
    Report section(String id, String heading, String note, String html) {
        body.append("<section id=\"").append(Html.escape(id)).append("\">\n<h2>").append(Html.escape(heading)).append("</h2>\n");
        if (note != null) {
            body.append("<p class=\"note\">").append(Html.escape(note)).append("</p>\n");
        }
        body.append(html).append("</section>\n");
        return this;
    }

    /** A file beside the page (a data file, an image sheet). */
    Report file(String name, byte[] content) {
        files.put(name, content);
        return this;
    }

    /** A line of the header: what was run, when, on what. */
    Report runInfo(String label, String value) {
        run.put(label, value);
        return this;
    }

    /** A headline figure at the top of the page, with a short note under it (may be null). */
    Report card(String label, String value, String note) {
        cards.add(new String[] {label, value, note});
        return this;
    }

    static String links(String... names) {
        StringBuilder s = new StringBuilder("<p class=\"files\">");
        for (String n : names) {
            s.append("<a href=\"").append(Html.escape(n)).append("\">").append(Html.escape(n)).append("</a> ");
        }
        return s.append("</p>\n").toString();
    }

    /** Adds index.html and writes the finished report into its folder. */
    void finish(String title, Map<String, String> configuration, Map<String, String> metrics) throws IOException {
        StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"generator\" content=\"neurite\">"
                + "<link rel=\"icon\" href=\"data:,\"><title>")
                .append(Html.escape(title)).append("</title>\n<style>").append(ReportStyle.CSS).append("</style></head>\n<body><main>\n<header><h1>")
                .append(Html.escape(title)).append("</h1>\n");
        if (!run.isEmpty()) {
            html.append("<dl class=\"run\">\n");
            run.forEach((k, v) -> html.append("<dt>").append(Html.escape(k)).append("</dt><dd>")
                    .append(k.equals("command") ? "<code class=\"cmd\">" + Html.escape(v) + "</code>" : Html.escape(v)).append("</dd>\n"));
            html.append("</dl>\n");
        }
        html.append("</header>\n");
        if (!cards.isEmpty()) {
            html.append("<div class=\"cards\">\n");
            for (String[] c : cards) {
                html.append("<div class=\"card\"><div class=\"k\">").append(Html.escape(c[0])).append("</div><div class=\"v\">")
                        .append(Html.escape(c[1])).append("</div>").append(c[2] == null ? "" : "<div class=\"n\">" + Html.escape(c[2]) + "</div>")
                        .append("</div>\n");
            }
            html.append("</div>\n");
        }
        if (!metrics.isEmpty()) {
            html.append("<section id=\"metrics\"><h2>Final metrics</h2>\n").append(table(metrics)).append("</section>\n");
        }
        html.append(body);
        html.append("<section id=\"configuration\"><h2>Configuration</h2>\n").append(table(configuration)).append("</section>\n");
        html.append("<section id=\"files\"><h2>Files</h2>\n<p class=\"note\">Beside this page, in the same folder"
                + " (listed in its .neurite-report, which a later report may replace):</p>\n")
                .append(links(files.keySet().stream().filter(n -> !n.equals("index.html")).toArray(String[]::new)))
                .append("</section>\n<footer>written by neurite ").append(Html.escape(Main.version())).append("</footer>\n</main></body></html>\n");
        files.put("index.html", html.toString().getBytes(StandardCharsets.UTF_8));
        ReportFolder.write(dir, files);
    }

    /** Drops the unfinished report: nothing was written yet. */
    void abandon() {
        files.clear();
    }

    static String table(Map<String, String> rows) {
        StringBuilder html = new StringBuilder("<table class=\"kv\">\n");
        for (Map.Entry<String, String> e : rows.entrySet()) {
            html.append("<tr><th>").append(Html.escape(e.getKey())).append("</th><td>").append(Html.escape(e.getValue())).append("</td></tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    static String f4(double v) {
        return Html.f4(v);
    }
}
