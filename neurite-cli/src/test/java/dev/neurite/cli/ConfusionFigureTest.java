package dev.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ConfusionFigureTest {
    /** MNIST-like counts: four-digit diagonal cells, a single error, and empty cells. */
    private static long[][] counts(int k) {
        long[][] c = new long[k][k];
        for (int t = 0; t < k; t++) {
            c[t][t] = 1000 + 33 * t;
            c[t][(t + 1) % k] = t == 0 ? 1 : 7 * t;
        }
        c[1][1] = 1132;
        return c;
    }

    private static List<String> names(int k) {
        return IntStream.range(0, k).mapToObj(Integer::toString).toList();
    }

    private static void everyNumberFitsAndReads(List<ReportPages.Cell> cells, int k) {
        assertEquals(k * k, cells.size());
        for (ReportPages.Cell c : cells) {
            assertTrue(c.text().length() * ConfusionFigure.DIGIT_WIDTH * c.fontSize() <= c.width() - 4,
                    c.text() + " at " + c.fontSize() + "px fits a cell of " + c.width());
            assertTrue(c.fontSize() >= 7, "readable size " + c.fontSize());
            double ratio = ReportPages.contrast(c.fill(), c.textColour());
            assertTrue(ratio >= 4.5, "contrast " + ratio + " of " + c.textColour() + " on " + c.fill() + " for " + c.text());
        }
    }

    @Test
    void countsPrintInFullFitTheirCellsAndContrast() {
        for (int k : new int[] {2, 10, 26, 47}) {
            List<ReportPages.Cell> cells = ReportPages.cells(new ConfusionFigure(counts(k), names(k), false, "test").svg());
            everyNumberFitsAndReads(cells, k);
            for (ReportPages.Cell c : cells) {
                assertEquals(Long.toString(c.count()), c.text(), "the cell prints its whole count");
            }
            assertTrue(cells.stream().anyMatch(c -> c.text().equals("1132")));
        }
    }

    @Test
    void errorsAreRedEvenASingleOneAndRightAnswersBlue() {
        List<ReportPages.Cell> cells = ReportPages.cells(new ConfusionFigure(counts(10), names(10), false, "test").svg());
        for (ReportPages.Cell c : cells) {
            Color f = c.fill();
            if (c.count() == 0) {
                assertEquals(Color.WHITE, f);
            } else if (c.trueClass() == c.predicted()) {
                assertTrue(f.getBlue() > f.getRed() + 40, "blue diagonal " + f);
            } else {
                assertTrue(f.getRed() > f.getGreen() + 40 && f.getRed() > f.getBlue() + 30, "red error cell " + f + " for " + c.count());
                assertTrue(ReportPages.contrast(f, Color.WHITE) >= 1.3, "an error stands out from an empty cell: " + f);
            }
        }
        ReportPages.Cell single = cells.stream().filter(c -> c.trueClass() == 0 && c.predicted() == 1).findFirst().orElseThrow();
        assertEquals(1, single.count());
    }

    @Test
    void theNormalisedMatrixPrintsPercentagesOfEachTrueClass() {
        long[][] c = counts(10);
        List<ReportPages.Cell> cells = ReportPages.cells(new ConfusionFigure(c, names(10), true, "validation").svg());
        everyNumberFitsAndReads(cells, 10);
        for (int t = 0; t < 10; t++) {
            long row = 0;
            for (long v : c[t]) {
                row += v;
            }
            double sum = 0;
            for (ReportPages.Cell cell : cells) {
                if (cell.trueClass() == t) {
                    double shown = Double.parseDouble(cell.text());
                    assertEquals(100.0 * cell.count() / row, shown, 0.05, "cell " + t + "," + cell.predicted());
                    sum += shown;
                }
            }
            assertEquals(100, sum, 0.2, "row " + t);
        }
    }

    @Test
    void thePngIsTheSameFigureAtTwiceTheSize() throws IOException {
        ConfusionFigure f = new ConfusionFigure(counts(10), names(10), false, "test");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(f.png()));
        ReportPages.Cell error = ReportPages.cells(f.svg()).stream().filter(c -> c.trueClass() == 5 && c.predicted() == 6).findFirst().orElseThrow();
        int x = (int) (2 * (error.x() + 2)), y = 2 * (int) (56 + 5 * error.width() + 2);
        assertEquals(error.fill().getRGB(), png.getRGB(x, y), "the PNG paints the error cell's red at its place");
    }

    @Test
    void tooManyClassesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ConfusionFigure(counts(61), names(61), false, "test"));
    }
}
