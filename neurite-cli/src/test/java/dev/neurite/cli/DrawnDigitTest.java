package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurite.data.DigitGoldens;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Digits drawn as a person draws them (the whole canvas, off centre, on a transparent background) read as
 * MNIST-style inputs by {@code neurite predict}: the golden arrays of numpy/scipy, and the right class.
 */
class DrawnDigitTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void train() {
        model = dir.resolve("mnist.neurite");
        CliTest.Run r = run("train", "--data", "mnist", "--hidden", "64", "--epochs", "2", "--quiet",
                "--out", model.toString());
        assertEquals(0, r.status(), r.err());
    }

    /** The golden source as a PNG: dark ink on white, or black ink whose alpha is the ink on a transparent background. */
    static Path png(String name, boolean transparent) throws IOException {
        DigitGoldens.Source s = DigitGoldens.source(name);
        BufferedImage img = new BufferedImage(s.width(), s.height(),
                transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < s.bytes().length; i++) {
            int v = s.bytes()[i];
            int argb = transparent ? v << 24 : 0xFF000000 | (255 - v) * 0x010101;
            img.setRGB(i % s.width(), i / s.width(), argb);
        }
        Path f = dir.resolve(name + (transparent ? "-clear" : "") + ".png");
        ImageIO.write(img, "png", f.toFile());
        return f;
    }

    @Test
    void pngsReadAsTheGoldenInputsOnWhiteAndOnTransparent() throws IOException {
        for (String name : DigitGoldens.NAMES) {
            assertArrayEquals(DigitGoldens.golden(name), Images.toInput(png(name, false), 784), 1e-5f, name);
            assertArrayEquals(DigitGoldens.golden(name), Images.toInput(png(name, true), 784), 1e-5f, name + " transparent");
        }
    }

    @Test
    void aFullCanvasSevenAndAnOffCentreOneAndAZeroAreRecognised() throws IOException {
        String[][] cases = {{"seven-full", "7"}, {"one-small", "1"}, {"zero", "0"}};
        for (String[] c : cases) {
            for (boolean transparent : new boolean[] {false, true}) {
                CliTest.Run r = run("predict", "--model", model.toString(), "--input", png(c[0], transparent).toString(), "--json");
                assertEquals(0, r.status(), r.err());
                assertEquals(c[1], r.lastLine().replaceFirst(".*\"class\":(\\d+).*", "$1"), c[0] + ": " + r.lastLine());
            }
        }
    }
}
