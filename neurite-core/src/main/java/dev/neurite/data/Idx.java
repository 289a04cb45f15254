package dev.neurite.data;

import dev.neurite.tensor.Matrix;
import java.io.BufferedInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The IDX format of the MNIST files: a big-endian header {@code 0x00 0x00 <type> <rank>}, then
 * {@code rank} 32-bit dimension sizes, then the data. Neurite reads unsigned bytes (type 0x08), raw
 * or gzip-compressed (recognised by its magic bytes, whatever the file is called).
 */
public final class Idx {
    /** Type code of unsigned bytes, the only one MNIST uses. */
    public static final int UBYTE = 0x08;

    private Idx() {}

    /** An IDX array: its dimensions and its bytes, row-major. */
    public record Array(int[] dims, byte[] data) {
        /** The number of items: the first dimension. */
        public int count() {
            return dims[0];
        }

        /** The size of one item: the product of the other dimensions. */
        public int itemSize() {
            int size = 1;
            for (int i = 1; i < dims.length; i++) {
                size *= dims[i];
            }
            return size;
        }
    }

    /** Reads an unsigned-byte IDX file, checking its magic number, dimensions and length. */
    public static Array read(Path file) throws IOException {
        try (InputStream in = open(file)) {
            byte[] head = readFully(in, file, 0, 4, "the magic number");
            if (head[0] != 0 || head[1] != 0) {
                throw new DataFileException(file, String.format("offset 0: expected an IDX magic number 0x0000TTRR, found 0x%02x%02x%02x%02x",
                        head[0], head[1], head[2], head[3]));
            }
            int type = head[2] & 0xFF, rank = head[3] & 0xFF;
            if (type != UBYTE) {
                throw new DataFileException(file, String.format("offset 2: expected type 0x08 (unsigned bytes), found 0x%02x", type));
            }
            if (rank < 1 || rank > 4) {
                throw new DataFileException(file, "offset 3: expected 1 to 4 dimensions, found " + rank);
            }
            byte[] dimBytes = readFully(in, file, 4, 4 * rank, rank + " dimension sizes");
            int[] dims = new int[rank];
            long total = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = ((dimBytes[4 * i] & 0xFF) << 24) | ((dimBytes[4 * i + 1] & 0xFF) << 16)
                        | ((dimBytes[4 * i + 2] & 0xFF) << 8) | (dimBytes[4 * i + 3] & 0xFF);
                if (dims[i] < 0) {
                    throw new DataFileException(file, "offset " + (4 + 4 * i) + ": dimension " + i + " is negative");
                }
                total *= dims[i];
            }
            if (total > Integer.MAX_VALUE - 16) {
                throw new DataFileException(file, "offset 4: dimensions " + java.util.Arrays.toString(dims)
                        + " describe " + total + " bytes, more than Neurite reads into one array");
            }
            long dataOffset = 4 + 4L * rank;
            byte[] data = readFully(in, file, dataOffset, (int) total, "the data of dimensions " + java.util.Arrays.toString(dims));
            if (in.read() != -1) {
                throw new DataFileException(file, "offset " + (dataOffset + total) + ": expected the end of the file after "
                        + java.util.Arrays.toString(dims) + ", found more bytes");
            }
            return new Array(dims, data);
        }
    }

    private static InputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such file");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    private static byte[] readFully(InputStream in, Path file, long offset, int length, String what) throws IOException {
        byte[] buf = new byte[length];
        int read = 0;
        try {
            while (read < length) {
                int n = in.read(buf, read, length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        } catch (EOFException e) {
            // a gzip stream cut short ends here; reported below with the offset
        }
        if (read < length) {
            throw new DataFileException(file, "truncated at offset " + (offset + read) + ": expected " + length
                    + " bytes of " + what + " from offset " + offset + ", found " + read);
        }
        return buf;
    }

    /** Images as rows of floats in [0, 1] (each byte / 255): {@code (count, itemSize)}. */
    public static Matrix images(Array images) {
        byte[] b = images.data();
        Matrix m = Matrix.zeros(images.count(), images.itemSize());
        float[] d = m.data();
        for (int i = 0; i < b.length; i++) {
            d[i] = (b[i] & 0xFF) / 255f;
        }
        return m;
    }

    /** Labels as ints; the array must have rank 1. */
    public static int[] labels(Array labels, Path file) throws DataFileException {
        if (labels.dims().length != 1) {
            throw new DataFileException(file, "expected labels (1 dimension), found dimensions "
                    + java.util.Arrays.toString(labels.dims()));
        }
        int[] out = new int[labels.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels.data()[i] & 0xFF;
        }
        return out;
    }

    /**
     * A classification set from an image file and a label file: features in [0, 1], classes
     * {@code 0..numClasses-1}. The two files must hold the same number of items.
     */
    public static Dataset dataset(Path imageFile, Path labelFile, int numClasses) throws IOException {
        Array images = read(imageFile);
        Array labelArray = read(labelFile);
        int[] labels = labels(labelArray, labelFile);
        if (images.count() != labels.length) {
            throw new DataFileException(imageFile, "holds " + images.count() + " images but " + labelFile + " holds "
                    + labels.length + " labels; they must pair one to one");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= numClasses) {
                throw new DataFileException(labelFile, "offset " + (8 + i) + ": label " + labels[i]
                        + " is outside [0, " + numClasses + ")");
            }
        }
        return Dataset.classification(images(images), labels, numClasses);
    }

    /** Writes an unsigned-byte IDX file, gzip-compressed when the name ends in {@code .gz}. */
    public static void write(Path file, int[] dims, byte[] data) throws IOException {
        long total = 1;
        for (int d : dims) {
            total *= d;
        }
        if (total != data.length) {
            throw new IllegalArgumentException("dimensions " + java.util.Arrays.toString(dims) + " need " + total
                    + " bytes, data has " + data.length);
        }
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream maybeZipped = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
             DataOutputStream out = new DataOutputStream(maybeZipped)) {
            out.writeInt(UBYTE << 8 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }
}
