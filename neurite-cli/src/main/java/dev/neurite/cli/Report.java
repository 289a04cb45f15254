package dev.neurite.cli;

import dev.neurite.data.Dataset;
import dev.neurite.metrics.Evaluation;
import dev.neurite.infer.Predictor;
import dev.neurite.train.EpochStats;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A training report: loss and accuracy curves (PNG and SVG), a confusion-matrix heat map, a grid of
 * misclassified test images for image data (for a regression: RMSE and R² curves instead of accuracy), and
 * an {@code index.html} bringing them together with the configuration and the final metrics. Everything is
 * drawn in memory first and written only when complete, into a folder the report owns ({@link ReportFolder}:
 * a new or empty folder, or an earlier report's), so a failed run writes nothing and a report never deletes
 * what it did not write.
 */
final class Report {
    private final Path dir;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final List<String> figures = new ArrayList<>();

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

    /** One chart of several series against the epoch (or iteration) number, as PNG and SVG. */
    Report curves(String file, String title, String xLabel, String yLabel, Map<String, double[]> series) throws IOException {
        XYChart chart = new XYChartBuilder().width(720).height(420).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(series.size() > 1);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] y = e.getValue();
            double[] x = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                x[i] = i + 1;
            }
            chart.addSeries(e.getKey(), x, y).setMarker(y.length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        draw(file, chart);
        return this;
    }

    /** The loss and accuracy curves of a training history; test accuracy per epoch when known. */
    Report history(List<EpochStats> history, Map<Integer, Double> testAccuracy) throws IOException {
        Map<String, double[]> loss = new java.util.LinkedHashMap<>();
        loss.put("training", history.stream().mapToDouble(EpochStats::trainLoss).toArray());
        if (history.stream().anyMatch(s -> !Double.isNaN(s.validationLoss()))) {
            loss.put("validation", history.stream().mapToDouble(EpochStats::validationLoss).toArray());
        }
        curves("loss", "Loss per epoch", "epoch", "loss", loss);
        if (history.stream().anyMatch(s -> !Double.isNaN(s.trainAccuracy()))) {
            Map<String, double[]> acc = new java.util.LinkedHashMap<>();
            acc.put("training", history.stream().mapToDouble(EpochStats::trainAccuracy).toArray());
            if (history.stream().anyMatch(s -> !Double.isNaN(s.validationAccuracy()))) {
                acc.put("validation", history.stream().mapToDouble(EpochStats::validationAccuracy).toArray());
            }
            if (!testAccuracy.isEmpty()) {
                acc.put("test", history.stream().mapToDouble(s -> testAccuracy.getOrDefault(s.epoch(), Double.NaN)).toArray());
            }
            curves("accuracy", "Accuracy per epoch", "epoch", "accuracy", acc);
        }
        return this;
    }

    /** A regression's RMSE and R² per epoch, one series per data set measured (see {@link EpochMetrics}). */
    Report regressionCurves(List<EpochStats> history, EpochMetrics measured) throws IOException {
        List<Integer> epochs = history.stream().map(EpochStats::epoch).toList();
        curves("rmse", "RMSE per epoch", "epoch", "RMSE", measured.series("rmse", epochs));
        curves("r2", "R\u00b2 per epoch", "epoch", "R\u00b2", measured.series("r2", epochs));
        return this;
    }

    /** The confusion matrix as a heat map (rows: true class, columns: predicted). */
    Report confusion(Evaluation ev, List<String> names) throws IOException {
        long[][] c = ev.confusion();
        int k = c.length;
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, k - 1 - t, c[t][p]});
            }
        }
        List<String> reversed = new ArrayList<>(names);
        java.util.Collections.reverse(reversed);
        HeatMapChart chart = new HeatMapChartBuilder().width(560).height(520).title("Confusion matrix (test)")
                .xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(k <= 20);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setRangeColors(new Color[] {new Color(247, 251, 255), new Color(107, 174, 214), new Color(8, 48, 107)});
        chart.addSeries("count", names, reversed, cells);
        draw("confusion", chart);
        return this;
    }

    /** Up to 48 misclassified test images, each captioned "true → predicted"; only for square image inputs. */
    Report misclassified(Predictor predictor, Dataset test, List<String> names) throws IOException {
        int side = (int) Math.round(Math.sqrt(test.inputSize()));
        if (side * side != test.inputSize() || !test.hasLabels()) {
            return this;
        }
        int[] predicted = predictor.classes(test.x());
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < test.size() && wrong.size() < 48; i++) {
            if (predicted[i] != test.label(i)) {
                wrong.add(i);
            }
        }
        if (wrong.isEmpty()) {
            return this;
        }
        int scale = 3, cell = side * scale, cols = 8, caption = 16;
        int rows = (wrong.size() + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * (cell + 8), rows * (cell + caption + 8), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        float[] x = test.x().data();
        for (int w = 0; w < wrong.size(); w++) {
            int i = wrong.get(w), ox = (w % cols) * (cell + 8) + 4, oy = (w / cols) * (cell + caption + 8) + 4;
            for (int p = 0; p < side * side; p++) {
                int v = Math.max(0, Math.min(255, Math.round(255 * x[i * side * side + p])));
                g.setColor(new Color(v, v, v));
                g.fillRect(ox + (p % side) * scale, oy + (p / side) * scale, scale, scale);
            }
            g.setColor(new Color(160, 0, 0));
            g.drawString(names.get(test.label(i)) + " \u2192 " + names.get(predicted[i]), ox, oy + cell + 12);
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        files.put("misclassified.png", png.toByteArray());
        figures.add("misclassified");
        return this;
    }

    private void draw(String figure, org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) throws IOException {
        files.put(figure + ".png", BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        files.put(figure + ".svg", svg.toByteArray());
        figures.add(figure);
    }

    /** Adds index.html and writes the finished report into its folder. */
    void finish(String title, Map<String, String> configuration, Map<String, String> metrics) throws IOException {
        StringBuilder html = new StringBuilder("<!doctype html>\n<html><head><meta charset=\"utf-8\"><meta name=\"generator\" content=\"neurite\"><title>")
                .append(escape(title)).append("</title><style>body{font-family:sans-serif;margin:2em;max-width:1100px}"
                        + "table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
                        + "img{max-width:100%;margin:0.5em 0}</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n");
        table(html, "Final metrics", metrics);
        table(html, "Configuration", configuration);
        for (String f : figures) {
            String src = f.equals("misclassified") ? "misclassified.png" : f + ".png";
            html.append("<h2>").append(escape(caption(f))).append("</h2>\n<a href=\"").append(f.equals("misclassified") ? src : f + ".svg")
                    .append("\"><img src=\"").append(src).append("\" alt=\"").append(escape(caption(f))).append("\"></a>\n");
        }
        html.append("</body></html>\n");
        files.put("index.html", html.toString().getBytes(StandardCharsets.UTF_8));
        ReportFolder.write(dir, files);
    }

    /** Drops the unfinished report: nothing was written yet. */
    void abandon() {
        files.clear();
    }

    private static String caption(String figure) {
        return switch (figure) {
            case "loss" -> "Loss";
            case "accuracy" -> "Accuracy";
            case "rmse" -> "Root-mean-square error";
            case "r2" -> "Coefficient of determination R\u00b2";
            case "confusion" -> "Confusion matrix";
            case "misclassified" -> "Misclassified test images (true \u2192 predicted)";
            default -> figure;
        };
    }

    private static void table(StringBuilder html, String heading, Map<String, String> rows) {
        html.append("<h2>").append(escape(heading)).append("</h2>\n<table>\n");
        for (Map.Entry<String, String> e : rows.entrySet()) {
            html.append("<tr><th>").append(escape(e.getKey())).append("</th><td>").append(escape(e.getValue())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
