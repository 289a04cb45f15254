package dev.neurite.cli;

import dev.neurite.data.DataFileException;
import dev.neurite.data.DigitInput;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * PNG and JPEG images turned into MNIST-like inputs. Before ImageIO decodes anything, the file is
 * checked: a PNG's chunk structure and CRCs ({@link PngStructure}), a JPEG's start and end markers,
 * and the image's size from its header against {@link #MAX_PIXELS}. Every failure is a
 * {@link DataFileException} naming the file; ImageIO's own messages never reach the user.
 */
final class Images {
    /** The most pixels an image may have: 50 megapixels. */
    static final long MAX_PIXELS = 50_000_000;

    /** The largest image file read: 64 MB. */
    static final long MAX_FILE_BYTES = 64L << 20;

    /** Images larger than this on a side are decoded subsampled: the result is 28×28 anyway. */
    private static final int DECODE_SIDE = 1024;

    private Images() {}

    /**
     * The image as {@code side × side} grayscale values in [0, 1], {@code side = √inputSize}; a light
     * background is inverted so that the digit is bright on dark, as in MNIST. A transparent image is
     * first composited as it would show on a page: on white when its ink is dark, on black when light.
     * A 28×28 model gets the digit as MNIST made its digits ({@link DigitInput}: cropped to the ink, scaled
     * into 20×20, centred by mass); other squares are the whole image resized.
     */
    static float[] toInput(Path file, int inputSize) throws IOException {
        int side = (int) Math.round(Math.sqrt(inputSize));
        if (side * side != inputSize) {
            throw new IllegalArgumentException("the model takes " + inputSize + " inputs, not a square image; give a CSV or IDX file");
        }
        BufferedImage image = composited(file, decode(file));
        if (inputSize == DigitInput.SIDE * DigitInput.SIDE) {
            return DigitInput.mnist(ink(image), image.getWidth(), image.getHeight());
        }
        BufferedImage gray = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, side, side, null);
        g.dispose();
        float[] x = new float[inputSize];
        for (int i = 0; i < inputSize; i++) {
            x[i] = gray.getRaster().getSample(i % side, i / side, 0) / 255f;
        }
        return brightOnDark(x);
    }

    /** The ink of an opaque image, row-major in [0, 1]: its luminance, inverted when the background is light. */
    static float[] ink(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        float[] v = new float[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int rgb = row[x];
                double luminance = (0.299 * (rgb >> 16 & 0xFF) + 0.587 * (rgb >> 8 & 0xFF) + 0.114 * (rgb & 0xFF)) / 255;
                v[y * w + x] = (float) Math.min(1, Math.max(0, luminance));
            }
        }
        return brightOnDark(v);
    }

    /** {@code x} itself, inverted in place when its mean is above one half (dark ink on a light background). */
    private static float[] brightOnDark(float[] x) {
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        if (mean / x.length > 0.5) {
            for (int i = 0; i < x.length; i++) {
                x[i] = 1f - x[i];
            }
        }
        return x;
    }

    /** Checks and decodes the file, subsampled when it is larger than needed. */
    static BufferedImage decode(Path file) throws IOException {
        long fileSize = Files.size(file);
        if (fileSize > MAX_FILE_BYTES) {
            throw new DataFileException(file, "is " + fileSize / (1 << 20) + " MB, more than the " + (MAX_FILE_BYTES >> 20)
                    + " MB Neurite reads as an image; scale it down first");
        }
        byte[] bytes = Files.readAllBytes(file);
        boolean png = PngStructure.looksLikePng(bytes);
        if (png) {
            PngStructure.check(file, bytes, MAX_PIXELS);
        } else if (JpegStructure.looksLikeJpeg(bytes)) {
            JpegStructure.check(file, bytes);
        } else {
            throw new DataFileException(file, "is not a PNG or JPEG image (nor CSV or IDX): give one of those");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(png ? "png" : "jpeg");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0), height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new DataFileException(file, "is not a valid image: it is " + width + "×" + height + " pixels");
                }
                if (width * height > MAX_PIXELS) {
                    throw PngStructure.tooLarge(file, width, height, MAX_PIXELS);
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.max(1, (Math.max(width, height) + DECODE_SIDE - 1) / DECODE_SIDE);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (DataFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO's messages ("Error reading PNG image data", "Bogus marker length") name no file
            throw new DataFileException(file, "is not a readable " + (png ? "PNG" : "JPEG") + " image: the decoder found"
                    + " damaged data" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    /**
     * An image with transparency drawn on the background it would show on: white when its visible
     * ink (alpha-weighted) is dark, black when light. A fully transparent image is refused.
     */
    static BufferedImage composited(Path file, BufferedImage image) throws DataFileException {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        double alphaSum = 0, inkSum = 0;
        boolean translucent = false;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                double a = (argb >>> 24) / 255.0;
                double luminance = (0.299 * (argb >> 16 & 0xFF) + 0.587 * (argb >> 8 & 0xFF) + 0.114 * (argb & 0xFF)) / 255;
                alphaSum += a;
                inkSum += a * luminance;
                translucent |= a < 1;
            }
        }
        if (alphaSum == 0) {
            throw new DataFileException(file, "is fully transparent: there is nothing to read");
        }
        if (!translucent) {
            return image;
        }
        BufferedImage flat = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = flat.createGraphics();
        g.setColor(inkSum / alphaSum < 0.5 ? Color.WHITE : Color.BLACK);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return flat;
    }
}
