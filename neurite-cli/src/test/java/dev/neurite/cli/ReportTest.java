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
        CliTest.Run r = run("train", "--data", "mnist", "--hidden", "32", "--epochs", "2", "--report", report.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of(".neurite-report", "accuracy.png", "accuracy.svg", "confusion.png", "confusion.svg", "index.html", "loss.png",
                "loss.svg", "misclassified.png"), files(report));
        BufferedImage loss = ImageIO.read(report.resolve("loss.png").toFile());
        assertEquals(720, loss.getWidth());
        assertTrue(Files.readString(report.resolve("loss.svg")).contains("<svg"));
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("<th>test accuracy</th>") && html.contains("misclassified.png") && html.contains("784-32relu"), html);
        assertEquals(1, files(dir).size(), "no temporary folder left beside the report");
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
