package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    private static byte[] pixels(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 37);
        }
        return b;
    }

    @Test
    void rawAndGzipRoundTrip() throws IOException {
        for (String name : new String[] {"img", "img.gz"}) {
            Path f = dir.resolve(name);
            Idx.write(f, new int[] {3, 2, 2}, pixels(12));
            Idx.Array a = Idx.read(f);
            assertArrayEquals(new int[] {3, 2, 2}, a.dims());
            assertEquals(4, a.itemSize());
            assertArrayEquals(pixels(12), a.data());
        }
        // gzip is recognised by content, not by name
        Files.move(dir.resolve("img.gz"), dir.resolve("plain-name"));
        assertArrayEquals(pixels(12), Idx.read(dir.resolve("plain-name")).data());
    }

    @Test
    void imagesScaleUnsignedBytesToUnitRange() throws IOException {
        Path img = dir.resolve("i"), lab = dir.resolve("l");
        Idx.write(img, new int[] {2, 1, 3}, new byte[] {0, (byte) 255, (byte) 128, 1, 2, 3});
        Idx.write(lab, new int[] {2}, new byte[] {7, 9});
        Dataset d = Idx.dataset(img, lab, 10);
        assertEquals(1f, d.x().get(0, 1));
        assertEquals(128 / 255f, d.x().get(0, 2));
        assertArrayEquals(new int[] {7, 9}, d.labels());
        assertEquals(1f, d.y().get(1, 9));
    }

    private Path withBytes(byte[] content) throws IOException {
        Path f = dir.resolve("bad");
        Files.write(f, content);
        return f;
    }

    private String error(byte[] content) throws IOException {
        Path f = withBytes(content);
        return assertThrows(DataFileException.class, () -> Idx.read(f)).getMessage();
    }

    @Test
    void corruptFilesSayWhereAndWhat() throws IOException {
        Path good = dir.resolve("good");
        Idx.write(good, new int[] {2, 2, 2}, pixels(8));
        byte[] bytes = Files.readAllBytes(good); // 4 magic + 12 dims + 8 data = 24 bytes

        assertEquals(dir.resolve("bad") + ": offset 0: expected an IDX magic number 0x0000TTRR, found 0x504b0304",
                error(new byte[] {0x50, 0x4b, 3, 4, 0, 0}));
        assertEquals(dir.resolve("bad") + ": offset 2: expected type 0x08 (unsigned bytes), found 0x0d",
                error(new byte[] {0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0}));
        assertEquals(dir.resolve("bad") + ": truncated at offset 2: expected 4 bytes of the magic number from offset 0, found 2",
                error(new byte[] {0, 0}));
        assertEquals(dir.resolve("bad") + ": truncated at offset 10: expected 12 bytes of 3 dimension sizes from offset 4, found 6",
                error(Arrays.copyOf(bytes, 10)));
        assertEquals(dir.resolve("bad") + ": truncated at offset 21: expected 8 bytes of the data of dimensions [2, 2, 2] from offset 16, found 5",
                error(Arrays.copyOf(bytes, 21)));
        assertEquals(dir.resolve("bad") + ": offset 24: expected the end of the file after [2, 2, 2], found more bytes",
                error(Arrays.copyOf(bytes, 25)));
        assertEquals(dir.resolve("bad") + ": offset 3: expected 1 to 4 dimensions, found 0",
                error(new byte[] {0, 0, 8, 0}));
    }

    @Test
    void truncatedGzipIsReportedToo() throws IOException {
        Path gz = dir.resolve("x.gz");
        Idx.write(gz, new int[] {100, 10}, pixels(1000));
        byte[] bytes = Files.readAllBytes(gz);
        Path cut = withBytes(Arrays.copyOf(bytes, bytes.length / 2));
        var e = assertThrows(IOException.class, () -> Idx.read(cut));
        assertEquals(true, e.getMessage().startsWith(cut + ": gzip data truncated"), e.getMessage());
    }

    @Test
    void imagesAndLabelsMustPair() throws IOException {
        Path img = dir.resolve("i"), lab = dir.resolve("l");
        Idx.write(img, new int[] {3, 2, 1}, pixels(6));
        Idx.write(lab, new int[] {2}, new byte[] {1, 2});
        assertEquals(img + ": holds 3 images but " + lab + " holds 2 labels; they must pair one to one",
                assertThrows(DataFileException.class, () -> Idx.dataset(img, lab, 10)).getMessage());
        Idx.write(lab, new int[] {3}, new byte[] {1, 2, 12});
        assertEquals(lab + ": offset 10: label 12 is outside [0, 10)",
                assertThrows(DataFileException.class, () -> Idx.dataset(img, lab, 10)).getMessage());
        Idx.write(lab, new int[] {3, 1}, new byte[] {1, 2, 3});
        assertThrows(DataFileException.class, () -> Idx.dataset(img, lab, 10));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Idx.read(dir.resolve("missing")));
    }
}
