package dev.neurite.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A strict gzip reader (RFC 1952) whose every error is a {@link DataFileException} naming the file.
 * Unlike {@link java.util.zip.GZIPInputStream} it refuses bytes after the last member that are not
 * another member (the JDK's reader ignores them silently), checks each member's CRC-32 and length,
 * and reports a stream cut short as a truncation instead of an {@code EOFException}.
 */
final class GzipStream extends InputStream {
    private final PushbackInputStream in;
    private final Path file;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] buf = new byte[1 << 16];
    private long compressedOffset;
    private long memberSize;
    private int lastInput;
    private boolean done;

    GzipStream(InputStream raw, Path file) throws IOException {
        this.in = new PushbackInputStream(new BufferedInputStream(raw, 1 << 16), 1 << 16);
        this.file = file;
        header(true);
    }

    private int next(String what) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new DataFileException(file, "gzip data truncated at compressed offset " + compressedOffset + " (in " + what
                    + "); the file was cut short: fetch or copy it again");
        }
        compressedOffset++;
        return b;
    }

    /** Reads a member header; false at a clean end of the file between members. */
    private boolean header(boolean first) throws IOException {
        int b0 = in.read();
        if (b0 < 0 && !first) {
            return false;
        }
        if (b0 >= 0) {
            compressedOffset++;
        }
        int b1 = b0 < 0 ? -1 : next("the gzip header");
        if (b0 != 0x1f || b1 != 0x8b) {
            throw new DataFileException(file, "compressed offset " + (compressedOffset - (b0 < 0 ? 0 : b1 < 0 ? 1 : 2))
                    + ": " + (first ? "expected the gzip magic 1f 8b" : "unexpected bytes after the end of the gzip data")
                    + "; the file is damaged or has trailing garbage");
        }
        if (next("the gzip header") != 8) {
            throw new DataFileException(file, "compressed offset " + (compressedOffset - 1) + ": unknown gzip compression method");
        }
        int flags = next("the gzip header");
        for (int i = 0; i < 6; i++) {
            next("the gzip header");
        }
        if ((flags & 4) != 0) {
            int xlen = next("the gzip header") | next("the gzip header") << 8;
            for (int i = 0; i < xlen; i++) {
                next("the gzip extra field");
            }
        }
        for (int bit : new int[] {8, 16}) {
            if ((flags & bit) != 0) {
                while (next("the gzip header") != 0) {
                    // skip the zero-terminated file name or comment
                }
            }
        }
        if ((flags & 2) != 0) {
            next("the gzip header");
            next("the gzip header");
        }
        inflater.reset();
        crc.reset();
        memberSize = 0;
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!done) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new DataFileException(file, "gzip data damaged near compressed offset " + compressedOffset
                        + " (" + e.getMessage() + ")");
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberSize += n;
                return n;
            }
            if (inflater.finished()) {
                endOfMember();
            } else if (inflater.needsInput()) {
                int got = in.read(buf);
                if (got < 0) {
                    throw new DataFileException(file, "gzip data truncated at compressed offset " + compressedOffset
                            + "; the file was cut short: fetch or copy it again");
                }
                compressedOffset += got;
                lastInput = got;
                inflater.setInput(buf, 0, got);
            } else {
                throw new DataFileException(file, "gzip data damaged near compressed offset " + compressedOffset);
            }
        }
        return -1;
    }

    private void endOfMember() throws IOException {
        int left = inflater.getRemaining();
        in.unread(buf, lastInput - left, left);
        compressedOffset -= left;
        long wantCrc = 0, wantSize = 0;
        for (int i = 0; i < 4; i++) {
            wantCrc |= (long) next("the gzip trailer") << (8 * i);
        }
        for (int i = 0; i < 4; i++) {
            wantSize |= (long) next("the gzip trailer") << (8 * i);
        }
        if (wantCrc != crc.getValue() || wantSize != (memberSize & 0xFFFFFFFFL)) {
            throw new DataFileException(file, "gzip checksum or length mismatch at compressed offset " + (compressedOffset - 8)
                    + "; the file is damaged: fetch or copy it again");
        }
        if (!header(false)) {
            done = true;
        }
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
