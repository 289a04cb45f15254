package dev.neurite.data;

import dev.neurite.tensor.Matrix;
import java.io.BufferedInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
                size = Math.multiplyExact(size, dims[i]);
            }
            return size;
        }
    }

    /** The most bytes Neurite reads into one array. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    /**
     * Reads an unsigned-byte IDX file, checking its magic number, dimensions and length. The size the
     * dimensions claim is checked against the file's size before anything is allocated (for gzip,
     * the data is read in growing steps, so a stream that ends early never costs its claimed size).
     */
    public static Array read(Path file) throws IOException {
        boolean gzip = isGzip(file);
        long fileSize = Files.size(file);
        try (InputStream in = gzip ? new GzipStream(Files.newInputStream(file), file)
                : new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
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
            for (int i = 0; i < rank; i++) {
                dims[i] = ((dimBytes[4 * i] & 0xFF) << 24) | ((dimBytes[4 * i + 1] & 0xFF) << 16)
                        | ((dimBytes[4 * i + 2] & 0xFF) << 8) | (dimBytes[4 * i + 3] & 0xFF);
                if (dims[i] < 0) {
                    throw new DataFileException(file, "offset " + (4 + 4 * i) + ": dimension " + i + " is negative ("
                            + dims[i] + "); the header is damaged");
                }
            }
            long total = totalBytes(file, dims);
            long dataOffset = 4 + 4L * rank;
            String what = "the data of dimensions " + Arrays.toString(dims);
            if (!gzip && fileSize < dataOffset + total) {
                throw new DataFileException(file, "truncated at offset " + fileSize + ": expected " + total + " bytes of "
                        + what + " from offset " + dataOffset + ", found " + (fileSize - dataOffset));
            }
            byte[] data = gzip ? readFully(in, file, dataOffset, (int) total, what) : new byte[(int) total];
            if (!gzip && in.readNBytes(data, 0, data.length) < data.length) {
                throw new DataFileException(file, "changed while it was read (shorter than its size)");
            }
            if (in.read() != -1) {
                throw new DataFileException(file, "offset " + (dataOffset + total) + ": expected the end of the file after "
                        + Arrays.toString(dims) + ", found more bytes");
            }
            return new Array(dims, data);
        }
    }

    /** The product of the dimensions, in exact arithmetic, refused past {@link #MAX_BYTES} (every partial product too). */
    private static long totalBytes(Path file, int[] dims) throws DataFileException {
        long item = 1;
        for (int i = 1; i < dims.length; i++) {
            item *= dims[i];   // each factor < 2^31 and item <= MAX_BYTES: no long overflow
            if (item > MAX_BYTES) {
                throw tooLarge(file, dims);
            }
        }
        long total = item * dims[0];
        if (total > MAX_BYTES) {
            throw tooLarge(file, dims);
        }
        return total;
    }

    private static DataFileException tooLarge(Path file, int[] dims) {
        return new DataFileException(file, "offset 4: dimensions " + Arrays.toString(dims) + " describe more than "
                + MAX_BYTES + " bytes, more than Neurite reads into one array; the header is damaged or the file is not MNIST-like");
    }

    private static boolean isGzip(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b;
        }
    }

    /** Reads {@code length} bytes, growing the buffer only as data arrives (at most twice what was read). */
    private static byte[] readFully(InputStream in, Path file, long offset, int length, String what) throws IOException {
        byte[] buf = new byte[Math.min(length, 1 << 16)];
        int read = 0;
        while (read < length) {
            if (read == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(length, 2L * buf.length));
            }
            int n = in.read(buf, read, buf.length - read);
            if (n < 0) {
                break;
            }
            read += n;
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

    /**
     * Images that must be {@code rows × cols} pixels each, as {@link #images(Array)}: the array must
     * have dimensions {@code [N, rows, cols]} with N &gt; 0; {@code [N, rows·cols]} or any other shape of
     * the same size is refused rather than silently read as {@code rows × cols}.
     */
    public static Matrix images(Array images, Path file, int rows, int cols) throws DataFileException {
        int[] d = images.dims();
        if (d.length != 3 || d[1] != rows || d[2] != cols) {
            throw new DataFileException(file, "holds items of shape " + Arrays.toString(Arrays.copyOfRange(d, 1, d.length))
                    + " (dimensions " + Arrays.toString(d) + "), but " + rows + "×" + cols + " images are needed: dimensions ["
                    + (d.length == 0 ? "N" : d[0]) + ", " + rows + ", " + cols + "]");
        }
        requireItems(images, file);
        return images(images);
    }

    private static void requireItems(Array a, Path file) throws DataFileException {
        if (a.count() == 0) {
            throw new DataFileException(file, "holds no items (dimensions " + Arrays.toString(a.dims())
                    + "): there is nothing to read");
        }
    }

    /** Labels as ints; the array must have rank 1. */
    public static int[] labels(Array labels, Path file) throws DataFileException {
        if (labels.dims().length != 1) {
            throw new DataFileException(file, "expected labels (1 dimension), found dimensions "
                    + Arrays.toString(labels.dims()));
        }
        int[] out = new int[labels.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels.data()[i] & 0xFF;
        }
        return out;
    }

    /**
     * A classification set from an image file and a label file: features in [0, 1], classes
     * {@code 0..numClasses-1}. The image file must have dimensions {@code [N, rows, cols]}, the label
     * file {@code [N]}, with N &gt; 0.
     */
    public static Dataset dataset(Path imageFile, Path labelFile, int numClasses) throws IOException {
        Array images = read(imageFile);
        if (images.dims().length != 3) {
            throw new DataFileException(imageFile, "expected images (3 dimensions: count, rows, columns), found dimensions "
                    + Arrays.toString(images.dims()));
        }
        requireItems(images, imageFile);
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
            throw new IllegalArgumentException("dimensions " + Arrays.toString(dims) + " need " + total
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
