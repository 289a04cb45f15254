package dev.neurite.cli;

import dev.neurite.data.DataFileException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** PNG and JPEG images turned into MNIST-like inputs. */
final class Images {
    private Images() {}

    /**
     * The image as {@code side × side} grayscale values in [0, 1], {@code side = √inputSize}; a light
     * background is inverted so that the digit is bright on dark, as in MNIST.
     */
    static float[] toInput(Path file, int inputSize) throws IOException {
        int side = (int) Math.round(Math.sqrt(inputSize));
        if (side * side != inputSize) {
            throw new IllegalArgumentException("the model takes " + inputSize + " inputs, not a square image; give a CSV or IDX file");
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new DataFileException(file, "is not a PNG or JPEG image (nor CSV or IDX): give one of those");
        }
        BufferedImage gray = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, side, side, null);
        g.dispose();
        float[] x = new float[inputSize];
        double mean = 0;
        for (int i = 0; i < inputSize; i++) {
            x[i] = gray.getRaster().getSample(i % side, i / side, 0) / 255f;
            mean += x[i];
        }
        if (mean / inputSize > 0.5) {
            for (int i = 0; i < inputSize; i++) {
                x[i] = 1f - x[i];
            }
        }
        return x;
    }
}
