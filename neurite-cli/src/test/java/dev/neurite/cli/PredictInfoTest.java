package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.Idx;
import dev.neurite.data.Mnist;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict and info through the real command, on a model trained on MNIST. */
class PredictInfoTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void train() {
        model = dir.resolve("mnist.neurite");
        CliTest.Run r = run("train", "--data", "mnist", "--hidden", "64", "--epochs", "2", "--out", model.toString());
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void predictsIdxImagesAsEvaluateScoresThem() throws IOException {
        Path images = Mnist.locate(null, s -> { }).resolve("t10k-images-idx3-ubyte");
        Path labels = Mnist.locate(null, s -> { }).resolve("t10k-labels-idx1-ubyte");
        Path out = dir.resolve("predictions.csv");
        CliTest.Run r = run("predict", "--model", model.toString(), "--input", images.toString(), "--json",
                "--output", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(10_000, lines.size());
        assertTrue(lines.get(0).startsWith("{\"index\":0,\"class\":7,\"probabilities\":["), lines.get(0));
        int[] truth = Idx.labels(Idx.read(labels), labels);
        int right = 0;
        for (int i = 0; i < lines.size(); i++) {
            int c = Integer.parseInt(lines.get(i).replaceFirst(".*\"class\":(\\d+).*", "$1"));
            right += c == truth[i] ? 1 : 0;
        }
        CliTest.Run ev = run("evaluate", "--model", model.toString(), "--data", "mnist", "--json");
        double accuracy = Double.parseDouble(ev.lastLine().replaceFirst(".*\"accuracy\":([0-9.]+).*", "$1"));
        assertEquals(accuracy, right / 10_000.0, 1e-9, "predict and evaluate agree");
        List<String> csv = Files.readAllLines(out);
        assertEquals("index,class,p0,p1,p2,p3,p4,p5,p6,p7,p8,p9", csv.get(0));
        assertEquals(10_001, csv.size());
    }

    @Test
    void predictsADrawnDigitFromAPng() throws IOException {
        // a black "1" on white, as people draw them: Neurite inverts it to MNIST's white on black
        BufferedImage img = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 56, 56);
        g.setColor(Color.BLACK);
        g.fillRect(25, 8, 7, 40);
        g.dispose();
        Path png = dir.resolve("one.png");
        ImageIO.write(img, "png", png.toFile());
        CliTest.Run r = run("predict", "--model", model.toString(), "--input", png.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("{\"index\":0,\"class\":1,"), r.out());
    }

    @Test
    void predictRefusesInputOfAnotherWidthAndUnreadableFiles() throws IOException {
        Path csv = dir.resolve("narrow.csv");
        Files.writeString(csv, "a,b,c\n1,2,3\n");
        CliTest.Run r = run("predict", "--model", model.toString(), "--input", csv.toString(), "--output",
                dir.resolve("never.csv").toString());
        assertEquals(2, r.status());
        assertEquals("neurite: the model " + model + " takes 784 inputs but " + csv + " has 3 features per row", r.err().strip());
        assertFalse(Files.exists(dir.resolve("never.csv")));
        Path junk = dir.resolve("junk.png");
        Files.writeString(junk, "not an image");
        CliTest.Run j = run("predict", "--model", model.toString(), "--input", junk.toString());
        assertEquals(2, j.status());
        assertTrue(j.err().contains("is not a PNG or JPEG image"), j.err());
    }

    @Test
    void infoShowsArchitectureAndProvenance() {
        CliTest.Run r = run("info", "--model", model.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("architecture    784-64relu-10softmax"), r.out());
        assertTrue(r.out().contains("parameters      50,890"), r.out());
        assertTrue(r.out().contains("data            mnist"), r.out());
        CliTest.Run j = run("info", "--model", model.toString(), "--json");
        assertTrue(j.lastLine().contains("\"parameters\":50890"), j.lastLine());
        assertEquals(2, run("info", "--model", dir.resolve("missing.neurite").toString()).status());
    }
}
