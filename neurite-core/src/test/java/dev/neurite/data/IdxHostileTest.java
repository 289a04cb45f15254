package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.fuzz.Allocation;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files built to attack the reader: overflowing shapes, lying sizes, gzip tricks, wrong shapes. */
class IdxHostileTest {
    @TempDir
    Path dir;

    private static byte[] idx(int[] dims, int dataBytes) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(0x0800 | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(new byte[dataBytes]);
        return b.toByteArray();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(raw);
        }
        return b.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content);
        return f;
    }

    private static String error(Path f) {
        return assertThrows(DataFileException.class, () -> Idx.read(f)).getMessage();
    }

    @Test
    void dimensionsWhoseIntProductWrapsAreRefused() throws IOException {
        // 598407739 · 11001563 · 22416 wraps to 784 in int arithmetic
        Path f = write("wrap", idx(new int[] {1, 598407739, 11001563, 22416}, 784));
        assertEquals(f + ": offset 4: dimensions [1, 598407739, 11001563, 22416] describe more than 2147483631 bytes, more than"
                + " Neurite reads into one array; the header is damaged or the file is not MNIST-like", error(f));
        Path zero = write("zero", idx(new int[] {0, 598407739, 11001563, 22416}, 0));
        assertTrue(error(zero).startsWith(zero + ": offset 4: dimensions [0, 598407739"), error(zero));
    }

    @Test
    void negativeDimensionsNameTheFile() throws IOException {
        Path f = write("neg", idx(new int[] {Integer.MAX_VALUE, -4}, 0));
        assertEquals(f + ": offset 8: dimension 1 is negative (-4); the header is damaged", error(f));
    }

    @Test
    void aTinyFileClaimingTwoGigabytesFailsWithoutAllocatingThem() throws IOException {
        Path raw = write("claims", idx(new int[] {2_000_000_000}, 4));
        Path gz = write("claims.gz", gzip(idx(new int[] {2_000_000_000}, 4)));
        for (Path f : new Path[] {raw, gz}) {
            Allocation.Outcome o = Allocation.of(() -> Idx.read(f));
            DataFileException e = assertInstanceOf(DataFileException.class, o.thrown());
            assertTrue(e.getMessage().startsWith(f + ": truncated at offset 12: expected 2000000000 bytes"), e.getMessage());
            assertTrue(o.bytes() < 4_000_000, f + " allocated " + o.bytes() + " bytes");
        }
    }

    @Test
    void gzipWithTrailingGarbageIsRefusedLikeRawTrailingBytes() throws IOException {
        byte[] z = gzip(idx(new int[] {2, 2}, 4));
        Path f = write("trail.gz", Arrays.copyOf(z, z.length + 3));
        assertEquals(f + ": compressed offset " + z.length + ": unexpected bytes after the end of the gzip data;"
                + " the file is damaged or has trailing garbage", error(f));
        // two gzip members one after the other are one stream (as gzip itself reads them)
        byte[] all = idx(new int[] {2, 2}, 4), a = gzip(Arrays.copyOf(all, 10)), b = gzip(Arrays.copyOfRange(all, 10, all.length));
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertEquals(2, Idx.read(write("two.gz", both)).count());
    }

    @Test
    void damagedOrCutGzipNamesTheFile() throws IOException {
        byte[] z = gzip(idx(new int[] {100, 10}, 1000));
        Path cut = write("cut.gz", Arrays.copyOf(z, z.length / 2));
        assertTrue(error(cut).startsWith(cut + ": gzip data truncated at compressed offset"), error(cut));
        byte[] badCrc = z.clone();
        badCrc[badCrc.length - 6] ^= 1;
        Path crc = write("crc.gz", badCrc);
        assertTrue(error(crc).startsWith(crc + ": gzip checksum or length mismatch"), error(crc));
        Path noTrailer = write("notrailer.gz", Arrays.copyOf(z, z.length - 8));
        assertTrue(error(noTrailer).contains("in the gzip trailer"), error(noTrailer));
    }

    @Test
    void aValidFileWithZeroImagesSaysSo() throws IOException {
        Path img = write("img", idx(new int[] {0, 28, 28}, 0)), lab = write("lab", idx(new int[] {0}, 0));
        assertEquals(img + ": holds no items (dimensions [0, 28, 28]): there is nothing to read",
                assertThrows(DataFileException.class, () -> Idx.dataset(img, lab, 10)).getMessage());
        assertEquals(img + ": holds no items (dimensions [0, 28, 28]): there is nothing to read",
                assertThrows(DataFileException.class, () -> Idx.images(Idx.read(img), img, 28, 28)).getMessage());
    }

    @Test
    void imagesOfAnotherShapeAreNotReadAsTwentyEightSquare() throws IOException {
        Path flat = write("flat", idx(new int[] {2, 784}, 2 * 784));
        assertEquals(flat + ": holds items of shape [784] (dimensions [2, 784]), but 28×28 images are needed: dimensions [2, 28, 28]",
                assertThrows(DataFileException.class, () -> Idx.images(Idx.read(flat), flat, 28, 28)).getMessage());
        Path wide = write("wide", idx(new int[] {2, 14, 56}, 2 * 784));
        assertEquals(wide + ": holds items of shape [14, 56] (dimensions [2, 14, 56]), but 28×28 images are needed: dimensions [2, 28, 28]",
                assertThrows(DataFileException.class, () -> Idx.images(Idx.read(wide), wide, 28, 28)).getMessage());
        Path flatLabels = write("labels", idx(new int[] {2}, 2));
        assertTrue(assertThrows(DataFileException.class, () -> Idx.dataset(flat, flatLabels, 10)).getMessage()
                .startsWith(flat + ": expected images (3 dimensions"));
        assertEquals(28 * 28, Idx.images(Idx.read(write("ok", idx(new int[] {2, 28, 28}, 2 * 784))), flat, 28, 28).cols());
    }
}
