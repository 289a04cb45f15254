package dev.neurite.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Verifies the files of Neurite's MNIST cache each time they are read. Every load checks each raw
 * file's size against MNIST's (cheap); the full SHA-256 is computed whenever a file's size or
 * modification time differs from what the stamp file {@value #STAMP} (in the cache folder) recorded
 * when it last matched. A damaged file is named, with how to fetch it again.
 */
final class MnistCache {
    /** The stamp file: one line per verified file, {@code name size mtime-millis sha256}. */
    static final String STAMP = ".verified";

    /** What a file must be: its size when stored raw, and the SHA-256 of its uncompressed bytes. */
    record Expected(long size, String sha256) {}

    private MnistCache() {}

    /** Checks the files of {@code dir}; {@code expected} maps each standard name to what it must be. */
    static void verify(Path dir, Map<String, Expected> expected) throws IOException {
        Map<String, String[]> stamps = readStamps(dir);
        boolean changed = false;
        for (Map.Entry<String, Expected> e : expected.entrySet()) {
            Path raw = dir.resolve(e.getKey());
            Path file = Files.isRegularFile(raw) ? raw : dir.resolve(e.getKey() + ".gz");
            long size = Files.size(file);
            if (file == raw && size != e.getValue().size()) {
                throw damaged(file, "has " + size + " bytes, MNIST's has " + e.getValue().size());
            }
            String stamp = size + " " + Files.getLastModifiedTime(file).toMillis();
            String[] recorded = stamps.get(file.getFileName().toString());
            if (recorded != null && recorded[0].equals(stamp) && recorded[1].equals(e.getValue().sha256())) {
                continue;
            }
            String actual = sha256(file, file != raw);
            if (!actual.equals(e.getValue().sha256())) {
                throw damaged(file, "has SHA-256 " + actual + ", MNIST's is " + e.getValue().sha256());
            }
            stamps.put(file.getFileName().toString(), new String[] {stamp, actual});
            changed = true;
        }
        if (changed) {
            writeStamps(dir, stamps);
        }
    }

    /** Records the files of {@code dir} as verified now (after a fetch that checked their digests). */
    static void stamp(Path dir, Map<String, Expected> expected) throws IOException {
        Map<String, String[]> stamps = new HashMap<>();
        for (Map.Entry<String, Expected> e : expected.entrySet()) {
            Path file = dir.resolve(e.getKey());
            stamps.put(e.getKey(), new String[] {Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis(),
                    e.getValue().sha256()});
        }
        writeStamps(dir, stamps);
    }

    private static DataFileException damaged(Path file, String what) {
        return new DataFileException(file, "is damaged: it " + what + ". Delete it (rm '" + file
                + "') and run again: Neurite fetches MNIST afresh into its cache");
    }

    static String sha256(Path file, boolean gzip) throws IOException {
        MessageDigest sha = dev.neurite.io.Sha256.digest();
        try (InputStream in = gzip ? new GzipStream(Files.newInputStream(file), file) : Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static Map<String, String[]> readStamps(Path dir) throws IOException {
        Map<String, String[]> stamps = new HashMap<>();
        Path f = dir.resolve(STAMP);
        if (!Files.isRegularFile(f) || Files.size(f) > 4096) {
            return stamps;   // no stamp (or not ours): every file is hashed
        }
        for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
            String[] p = line.split(" ");
            if (p.length == 4) {
                stamps.put(p[0], new String[] {p[1] + " " + p[2], p[3]});
            }
        }
        return stamps;
    }

    private static void writeStamps(Path dir, Map<String, String[]> stamps) throws IOException {
        StringBuilder text = new StringBuilder();
        stamps.forEach((name, s) -> text.append(name).append(' ').append(s[0]).append(' ').append(s[1]).append('\n'));
        Path tmp = dir.resolve(STAMP + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
            Files.move(tmp, dir.resolve(STAMP), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // a read-only cache cannot keep a stamp: its files are then hashed on every load, which is slower, not wrong
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException alsoReadOnly) {
                e.addSuppressed(alsoReadOnly);
            }
        }
    }
}
