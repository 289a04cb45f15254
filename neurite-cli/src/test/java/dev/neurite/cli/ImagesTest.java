package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.DataFileException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images as predict reads them: transparency, corrupt and truncated files, huge claimed sizes. */
class ImagesTest {
    @TempDir
    Path dir;

    /** A dark "1" on the given background (null: transparent). */
    static BufferedImage digit(Color background) {
        BufferedImage img = new BufferedImage(56, 56, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        if (background != null) {
            g.setColor(background);
            g.fillRect(0, 0, 56, 56);
        }
        g.setColor(Color.BLACK);
        g.fillRect(25, 8, 7, 40);
        g.dispose();
        return img;
    }

    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        BufferedImage rgb = img;
        if (format.equals("jpeg")) {
            rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(img, 0, 0, null);
        }
        assertTrue(ImageIO.write(rgb, format, b));
        return b.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content);
        return f;
    }

    private static String error(Path f) {
        String m = assertThrows(DataFileException.class, () -> Images.toInput(f, 784)).getMessage();
        assertTrue(m.startsWith(f + ": "), m);
        return m;
    }

    @Test
    void aTransparentBackgroundIsReadAsOnAPageNotAsBlank() throws IOException {
        float[] onWhite = Images.toInput(write("white.png", encode(digit(Color.WHITE), "png")), 784);
        float[] transparent = Images.toInput(write("clear.png", encode(digit(null), "png")), 784);
        assertArrayEquals(onWhite, transparent);
        assertTrue(transparent[14 * 28 + 14] > 0.5f, "the stroke is bright, as in MNIST");
        BufferedImage empty = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        assertTrue(error(write("empty.png", encode(empty, "png"))).endsWith("is fully transparent: there is nothing to read"));
    }

    /** The chunks of a PNG as (offset, length) pairs of whole chunks. */
    private static int chunkAt(byte[] png, String type) {
        int at = 8;
        while (at < png.length) {
            int len = ByteBuffer.wrap(png, at, 4).getInt();
            if (new String(png, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals(type)) {
                return at;
            }
            at += 12 + len;
        }
        throw new AssertionError("no " + type);
    }

    private static void fixCrc(byte[] png, int chunk) {
        int len = ByteBuffer.wrap(png, chunk, 4).getInt();
        CRC32 crc = new CRC32();
        crc.update(png, chunk + 4, 4 + len);
        ByteBuffer.wrap(png, chunk + 8 + len, 4).putInt((int) crc.getValue());
    }

    @Test
    void corruptAndTruncatedPngsAreRefusedNamingTheFile() throws IOException {
        byte[] png = encode(digit(Color.WHITE), "png");
        int idat = chunkAt(png, "IDAT"), iend = chunkAt(png, "IEND");
        byte[] badCrc = png.clone();
        badCrc[idat + 10] ^= 0x55;
        assertTrue(error(write("crc.png", badCrc)).contains("chunk 'IDAT' has a wrong CRC"));
        assertTrue(error(write("cut.png", Arrays.copyOf(png, idat + 20))).contains("the file was cut short"));
        assertTrue(error(write("noend.png", Arrays.copyOf(png, iend))).contains("no IEND chunk at the end"));
        byte[] taller = png.clone();
        ByteBuffer.wrap(taller, 8 + 8 + 4, 4).putInt(57);   // IHDR height 57 for 56 rows of data
        fixCrc(taller, 8);
        assertTrue(error(write("taller.png", taller)).contains("IHDR's 56×57 image needs"));
        byte[] trailing = Arrays.copyOf(png, png.length + 5);
        assertTrue(error(write("trailing.png", trailing)).contains("5 bytes after the IEND chunk"));
    }

    @Test
    void aHugeClaimedSizeIsRefusedBeforeDecoding() throws IOException {
        byte[] png = encode(digit(Color.WHITE), "png");
        ByteBuffer.wrap(png, 16, 8).putInt(16_000).putInt(16_000);
        fixCrc(png, 8);
        assertTrue(error(write("huge.png", png)).contains("is 16000×16000 pixels, more than the 50 megapixels Neurite decodes"));
        byte[] jpeg = encode(digit(Color.WHITE), "jpeg");
        for (int at = 2; at < jpeg.length - 9; at++) {
            if ((jpeg[at] & 0xFF) == 0xFF && (jpeg[at + 1] & 0xFF) == 0xC0) {
                ByteBuffer.wrap(jpeg, at + 5, 4).putShort((short) 16_000).putShort((short) 16_000);
            }
        }
        assertTrue(error(write("huge.jpg", jpeg)).contains("is 16000×16000 pixels"));
    }

    @Test
    void jpegsCutAnywhereAreRefusedAndWholeOnesRead() throws IOException {
        byte[] jpeg = encode(digit(Color.WHITE), "jpeg");
        assertTrue(Images.toInput(write("ok.jpg", jpeg), 784)[14 * 28 + 28 / 2] > 0.5f);
        for (double cut : new double[] {0.1, 0.5, 0.9}) {
            Path f = write("cut" + cut + ".jpg", Arrays.copyOf(jpeg, (int) (jpeg.length * cut)));
            assertTrue(error(f).contains("is not a valid JPEG image"), error(f));
        }
        byte[] bogus = jpeg.clone();
        bogus[4] = (byte) 0xFF;   // the APP0 segment's length: far past the end
        assertTrue(error(write("bogus.jpg", bogus)).contains("is not a valid JPEG image: marker FF E0 has length"));
    }

    @Test
    void predictExitsTwoWithOneLineNamingTheImage() throws IOException {
        Path csv = dir.resolve("four.csv"), model = dir.resolve("four.neurite");
        StringBuilder rows = new StringBuilder("a,b,c,d,y\n");
        for (int i = 0; i < 40; i++) {
            rows.append(i % 2).append(",0,0,").append(1 - i % 2).append(',').append(i % 2).append('\n');
        }
        Files.writeString(csv, rows);
        assertEquals(0, run("train", "--train", csv.toString(), "--hidden", "4", "--epochs", "2", "--out", model.toString()).status());
        byte[] png = encode(digit(Color.WHITE), "png");
        Path cut = write("cut.png", Arrays.copyOf(png, png.length - 12));
        Path out = dir.resolve("never.csv");
        CliTest.Run r = run("predict", "--model", model.toString(), "--input", cut.toString(), "--output", out.toString());
        assertEquals(2, r.status());
        assertEquals("neurite: " + cut + ": is not a valid PNG image: no IEND chunk at the end: the file was cut short (at byte "
                + (png.length - 12) + ")", r.err().strip());
        assertFalse(Files.exists(out));

        Path flat = dir.resolve("flat-idx");
        dev.neurite.data.Idx.write(flat, new int[] {3, 4}, new byte[12]);
        CliTest.Run idx = run("predict", "--model", model.toString(), "--input", flat.toString());
        assertEquals(2, idx.status());
        assertEquals("neurite: " + flat + ": holds items of shape [4] (dimensions [3, 4]), but 2×2 images are needed:"
                + " dimensions [3, 2, 2]", idx.err().strip());
        Path square = dir.resolve("square-idx");
        dev.neurite.data.Idx.write(square, new int[] {3, 2, 2}, new byte[12]);
        assertEquals(0, run("predict", "--model", model.toString(), "--input", square.toString()).status());
    }
}
