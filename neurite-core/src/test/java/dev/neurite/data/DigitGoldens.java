package dev.neurite.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The golden digit cases of {@code tools/digit-goldens/make_goldens.py}: a source image (8-bit PGM, ink =
 * byte/255) and its 28×28 MNIST-style input as numpy/scipy computed it. Shared with the browser tests
 * (the model page's JavaScript is checked against the same arrays).
 */
public final class DigitGoldens {
    /** The cases, by file name. */
    public static final List<String> NAMES = List.of("seven-full", "one-small", "zero", "dash", "dot", "grey-noisy");

    /** A source image: {@code height × width} ink bytes (0..255), row-major. */
    public record Source(int width, int height, int[] bytes) {
        /** The ink in [0, 1]. */
        public float[] ink() {
            float[] v = new float[bytes.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = bytes[i] / 255f;
            }
            return v;
        }
    }

    private DigitGoldens() {}

    public static Source source(String name) {
        byte[] b = read(name + ".pgm");
        String header = new String(b, 0, Math.min(b.length, 64), StandardCharsets.US_ASCII);
        String[] f = header.split("\\s+", 5);   // P5, width, height, 255, data…
        if (!f[0].equals("P5") || !f[3].equals("255")) {
            throw new IllegalStateException(name + ".pgm: not an 8-bit binary PGM");
        }
        int w = Integer.parseInt(f[1]), h = Integer.parseInt(f[2]);
        int start = b.length - w * h;
        int[] bytes = new int[w * h];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = b[start + i] & 0xFF;
        }
        return new Source(w, h, bytes);
    }

    /** The golden 784 values. */
    public static float[] golden(String name) {
        String[] tokens = new String(read(name + ".golden.txt"), StandardCharsets.US_ASCII).trim().split("\\s+");
        float[] v = new float[tokens.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.parseFloat(tokens[i]);
        }
        return v;
    }

    private static byte[] read(String file) {
        try (InputStream in = DigitGoldens.class.getResourceAsStream("digits/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no test resource digits/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
