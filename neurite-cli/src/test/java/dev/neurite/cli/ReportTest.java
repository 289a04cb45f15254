package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir
    Path dir;

    private static List<String> files(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void trainWritesCurvesConfusionMisclassifiedAndIndex() throws IOException {
        Path report = dir.resolve("report");
        CliTest.Run r = run("train", "--data", "mnist", "--hidden", "32", "--epochs", "2", "--validation-split", "0.1", "--patience", "5",
                "--report", report.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        List<String> written = List.of("accuracy.png", "accuracy.svg", "confusion-normalised.png", "confusion-normalised.svg", "confusion.png",
                "confusion.svg", "history.csv", "history.json", "index.html", "learning-rate.png", "learning-rate.svg", "loss.png", "loss.svg",
                "misclassified.png");
        List<String> all = new java.util.ArrayList<>(written);
        all.add(0, ".neurite-report");
        assertEquals(all, files(report));
        assertEquals(written, Files.readAllLines(report.resolve(".neurite-report")).stream().filter(l -> !l.startsWith("#")).toList(),
                "the marker lists every file, so a later report may replace them");
        BufferedImage loss = ImageIO.read(report.resolve("loss.png").toFile());
        assertEquals(720, loss.getWidth());
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("784-32relu") && html.contains("misclassified.png"), html);
        assertFalse(ReportPages.TO_STRING.matcher(html).find(), "no Java toString: " + find(ReportPages.TO_STRING, html));
        assertTrue(html.contains("<dd><code class=\"cmd\">neurite train --data mnist --hidden 32 --epochs 2 --validation-split 0.1 --patience 5 --report "
                + report + " --json</code></dd>"), "the command line");
        assertTrue(Pattern.compile("<dt>finished</dt><dd>20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC</dd>").matcher(html).find(), "the time");
        String outside = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(outside.contains("<script") || outside.contains("http://") || outside.contains("https://") || outside.contains("src=\"/"),
                "no script, no external resource");

        assertEquals(List.of("training", "validation", "test"), ReportPages.series(Files.readString(report.resolve("loss.svg"))), "every loss computed is drawn");
        assertEquals(List.of("training", "validation", "test"), ReportPages.series(Files.readString(report.resolve("accuracy.svg"))));
        assertEquals(List.of("learning rate"), ReportPages.series(Files.readString(report.resolve("learning-rate.svg"))));
        assertTrue(html.contains("<svg") && html.contains("data-series=\"validation\""), "the charts are inline, the page stands alone");

        List<ReportPages.Cell> cells = ReportPages.cells(Files.readString(report.resolve("confusion.svg")));
        assertEquals(100, cells.size());
        long wrong = 0, total = 0;
        for (ReportPages.Cell c : cells) {
            assertEquals(Long.toString(c.count()), c.text(), "a count prints in full");
            assertTrue(c.text().length() * ConfusionFigure.DIGIT_WIDTH * c.fontSize() <= c.width() - 4, c.text() + " fits");
            assertTrue(ReportPages.contrast(c.fill(), c.textColour()) >= 4.5, "contrast of " + c.text());
            if (c.trueClass() != c.predicted() && c.count() > 0) {
                assertTrue(c.fill().getRed() > c.fill().getGreen() + 40, "an error is red: " + c.fill());
                wrong += c.count();
            }
            total += c.count();
        }
        assertEquals(10000, total, "the test set");
        assertTrue(cells.stream().anyMatch(c -> c.count() >= 1000), "four-digit cells");
        for (ReportPages.Cell c : ReportPages.cells(Files.readString(report.resolve("confusion-normalised.svg")))) {
            assertTrue(ReportPages.contrast(c.fill(), c.textColour()) >= 4.5, "contrast of " + c.text());
        }

        String mistakes = ReportPages.section(html, "misclassified");
        assertTrue(mistakes.contains("<h2>48 of " + wrong + " misclassified test images, the most confident mistakes first</h2>"), mistakes);
        Matcher m = Pattern.compile("data-confidence=\"([0-9.]+)\">.*?<span class=\"conf\">([0-9.]+)%</span>").matcher(mistakes);
        double previous = 1;
        int shown = 0;
        while (m.find()) {
            double confidence = Double.parseDouble(m.group(1));
            assertTrue(confidence <= previous, "sorted by confidence, most confident first");
            assertEquals(100 * confidence, Double.parseDouble(m.group(2)), 0.051, "the confidence is printed");
            previous = confidence;
            shown++;
        }
        assertEquals(48, shown);

        List<String> csv = Files.readAllLines(report.resolve("history.csv"));
        assertEquals("epoch,train_loss,train_accuracy,val_loss,val_accuracy,test_loss,test_accuracy,lr,seconds", csv.get(0));
        assertEquals(3, csv.size());
        Matcher json = Pattern.compile("\\{\"epoch\":(\\d),\"loss\":([-0-9.eE]+)").matcher(r.out());
        for (int i = 1; i <= 2; i++) {
            assertTrue(json.find(), r.out());
            assertEquals(Double.parseDouble(json.group(2)), Double.parseDouble(csv.get(i).split(",")[1]), 1e-9, "history.csv = --json history");
        }
        String historyJson = Files.readString(report.resolve("history.json"));
        assertTrue(historyJson.contains("\"command\":\"neurite train --data mnist") && historyJson.contains("\"epochs\":[{\"epoch\":1,"), historyJson);
        assertTrue(ReportPages.section(html, "classes").contains("<tr data-class=\"weighted avg\">"), "the per-class table");
        assertEquals(1, files(dir).size(), "no temporary folder left beside the report");
    }

    /**
     * A CSV classifier of 16 features (a square number) with only a validation split, which overfits so that early
     * stopping keeps an earlier epoch than the last: the page names the validation set, draws no images, and shows
     * the kept epoch's figures.
     */
    @Test
    void earlyStoppingShowsTheKeptEpochAndTabularDataIsNotDrawnAsImages() throws IOException {
        Path csv = dir.resolve("noisy.csv"), report = dir.resolve("r");
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < 16; f++) {
            sb.append("f").append(f).append(',');
        }
        sb.append("label\n");
        dev.neurite.tensor.Rng rng = new dev.neurite.tensor.Rng(7);
        for (int i = 0; i < 120; i++) {
            double s = 0;
            for (int f = 0; f < 16; f++) {
                double v = rng.nextGaussian();
                s += f < 2 ? v : 0;
                sb.append(String.format(java.util.Locale.ROOT, "%.4f,", v));
            }
            sb.append(rng.nextDouble() < 0.3 ? (rng.nextDouble() < 0.5 ? "a" : "b") : s > 0 ? "a" : "b").append('\n');
        }
        Files.writeString(csv, sb);
        CliTest.Run r = run("train", "--train", csv.toString(), "--validation-split", "0.3", "--hidden", "128", "--lr", "0.01",
                "--epochs", "60", "--batch-size", "8", "--patience", "4", "--report", report.toString());
        assertEquals(0, r.status(), r.err());
        String html = Files.readString(report.resolve("index.html"));
        String facts = Files.readString(report.resolve("history.json"));
        Matcher kept = Pattern.compile("\"kept_epoch\":(\\d+)").matcher(facts), run = Pattern.compile("\"epochs_run\":(\\d+)").matcher(facts);
        assertTrue(kept.find() && run.find() && facts.contains("\"stopped_early\":true"), facts);
        int k = Integer.parseInt(kept.group(1)), n = Integer.parseInt(run.group(1));
        assertTrue(k < n, "the run keeps an earlier epoch: " + facts);
        String[] row = Files.readAllLines(report.resolve("history.csv")).get(k).split(","), last = Files.readAllLines(report.resolve("history.csv")).get(n).split(",");
        assertEquals("epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds", Files.readAllLines(report.resolve("history.csv")).get(0));
        assertEquals(Report.f4(Double.parseDouble(row[1])), ReportPages.card(html, "training loss"), "the kept epoch's training loss");
        assertFalse(row[1].equals(last[1]));
        assertEquals(Html.percent(Double.parseDouble(row[4]), 2), ReportPages.card(html, "validation accuracy"),
                "the model evaluated at the end is the kept epoch's: its validation accuracy is that epoch's");
        assertEquals(k + " of " + n, ReportPages.card(html, "epochs"));
        assertTrue(html.contains("<tr class=\"kept\" data-epoch=\"" + k + "\">"), "the history table marks the kept epoch");
        for (String chart : List.of("loss.svg", "accuracy.svg", "learning-rate.svg")) {
            assertTrue(Files.readString(report.resolve(chart)).contains("data-marker=\"kept: epoch " + k + "\""), chart + " marks the kept epoch");
        }
        assertFalse(html.contains("(test)") || html.contains("test accuracy"), "no test set in this run");
        assertTrue(Files.readString(report.resolve("confusion.svg")).contains("<title>Confusion matrix (validation)</title>"));
        assertTrue(html.contains("<h2>Confusion matrix (validation)</h2>"));
        assertFalse(Files.exists(report.resolve("misclassified.png")) || html.contains("misclassified") || html.contains("data:image/png"),
                "16 CSV columns are not a 4×4 image");
        assertFalse(ReportPages.TO_STRING.matcher(html).find(), "no Java toString: " + find(ReportPages.TO_STRING, html));
    }

    @Test
    void aRegressionReportShowsRmseMaeAndR2AndItsPredictionsNeverAnAccuracy() throws IOException {
        Path train = dir.resolve("train.csv"), test = dir.resolve("test.csv"), report = dir.resolve("reg");
        for (Path p : List.of(train, test)) {
            dev.neurite.tensor.Rng rng = new dev.neurite.tensor.Rng(p == train ? 1 : 2);
            StringBuilder sb = new StringBuilder("x1,x2,y\n");
            for (int i = 0; i < (p == train ? 300 : 90); i++) {
                double x1 = 4 * rng.nextDouble() - 2, x2 = 6 * rng.nextDouble() - 3;
                sb.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%.4f%n", x1, x2, 2 * x1 - x2 + 0.1 * rng.nextGaussian()));
            }
            Files.writeString(p, sb);
        }
        CliTest.Run r = run("train", "--train", train.toString(), "--test", test.toString(), "--regression", "--hidden", "0",
                "--epochs", "8", "--batch-size", "16", "--lr", "0.05", "--report", report.toString());
        assertEquals(0, r.status(), r.err());
        String html = Files.readString(report.resolve("index.html"));
        assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("accuracy") || html.contains("NaN"), "no accuracy in a regression report");
        Matcher printed = Pattern.compile("test rmse ([0-9.]+), mae ([0-9.]+), r2 ([-0-9.]+)").matcher(r.out());
        assertTrue(printed.find(), r.out());
        assertEquals(printed.group(1), ReportPages.card(html, "test RMSE"));
        assertEquals(printed.group(2), ReportPages.card(html, "test MAE"));
        assertEquals(printed.group(3), ReportPages.card(html, "test R\u00b2"));
        String scatter = Files.readString(report.resolve("predicted-vs-actual.svg"));
        assertTrue(scatter.contains("data-reference=\"identity\"") && scatter.contains("<g data-series=\"y\""), scatter.substring(0, 400));
        assertEquals(90, scatter.split("<circle ", -1).length - 1, "one point per test example");
        assertTrue(Files.readString(report.resolve("residuals.svg")).contains("data-reference=\"zero\""));
        assertTrue(ReportPages.section(html, "predictions").contains("RMSE " + printed.group(1) + ", MAE " + printed.group(2)));
        assertEquals(List.of("training", "test"), ReportPages.series(Files.readString(report.resolve("loss.svg"))), "test loss is drawn");
        assertTrue(Files.readAllLines(report.resolve("history.csv")).get(0).startsWith("epoch,train_loss,test_loss,test_rmse,test_mae,test_r2,lr"));
        assertFalse(Files.exists(report.resolve("confusion.svg")));
        assertFalse(ReportPages.TO_STRING.matcher(html).find(), "no Java toString: " + find(ReportPages.TO_STRING, html));
    }

    private static String find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? s.substring(Math.max(0, m.start() - 40), Math.min(s.length(), m.end() + 40)) : "";
    }

    @Test
    void xorWritesItsLossCurve() throws IOException {
        Path report = dir.resolve("xor");
        CliTest.Run r = run("xor", "--report", report.toString(), "--csv", dir.resolve("loss.csv").toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of(".neurite-report", "index.html", "loss.png", "loss.svg"), files(report));
        assertTrue(Files.readString(report.resolve("index.html")).contains("final loss"));
    }

    @Test
    void aFailedRunLeavesNoReport() throws IOException {
        Path bad = dir.resolve("bad.csv"), report = dir.resolve("r");
        Files.writeString(bad, "a,y\n1,x\nz,y\n");
        assertEquals(2, run("train", "--train", bad.toString(), "--report", report.toString()).status());
        assertFalse(Files.exists(report));
        assertEquals(List.of("bad.csv"), files(dir));
    }
}
