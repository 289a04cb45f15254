package dev.neurite.onnx;

import dev.neurite.io.ModelFile;
import dev.neurite.io.ModelFormatException;
import dev.neurite.io.SavedModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Loads a model from a Neurite model file or an ONNX file, whichever it is, as {@code neurite predict},
 * {@code evaluate}, {@code info} and {@code serve} read {@code --model}. The format is told by the content,
 * not the name: a Neurite file begins with its 8-byte header length and an opening brace, an ONNX file with a
 * protobuf field.
 *
 * <pre>{@code
 * SavedModel model = Models.load(Path.of("mlp.onnx"));   // or "mnist.neurite"
 * }</pre>
 */
public final class Models {
    /** The formats {@link #load} tells apart. */
    public enum Format { NEURITE, ONNX }

    private Models() {}

    /** Loads either format, with every check of {@link ModelFile#load} or {@link OnnxImport#load}. */
    public static SavedModel load(Path file) throws IOException {
        return fromBytes(readAll(file), file.toString());
    }

    /** Reads either format from bytes; errors start with {@code source}. */
    public static SavedModel fromBytes(byte[] bytes, String source) throws IOException {
        return formatOf(bytes) == Format.ONNX ? OnnxImport.fromBytes(bytes, source).model()
                : ModelFile.fromBytes(bytes, source);
    }

    /** The format of a file's bytes: Neurite when they begin with a plausible header length and an opening brace. */
    public static Format formatOf(byte[] bytes) {
        if (bytes.length >= 9 && bytes[8] == '{') {
            long n = 0;
            for (int k = 7; k >= 0; k--) {
                n = n << 8 | (bytes[k] & 0xFF);
            }
            if (n >= 2 && n <= bytes.length - 8) {
                return Format.NEURITE;
            }
        }
        // ONNX's ModelProto starts with a field tag (ir_version is field 1, a varint: 0x08); anything else
        // goes to the Neurite reader, whose errors say what a model file must look like
        return bytes.length > 0 && (bytes[0] & 7) != 3 && (bytes[0] & 7) != 4 && (bytes[0] & 0xF8) != 0
                && (bytes[0] & 7) <= 5 ? Format.ONNX : Format.NEURITE;
    }

    /** The format of a file, from its first nine bytes and its size (see {@link #formatOf(byte[])}). */
    public static Format formatOf(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(9, size));
            while (head.hasRemaining() && ch.read(head, head.position()) >= 0) {
                // read the nine bytes (or the whole, shorter file)
            }
            byte[] b = head.array();
            if (b.length >= 9 && b[8] == '{') {
                long n = 0;
                for (int k = 7; k >= 0; k--) {
                    n = n << 8 | (b[k] & 0xFF);
                }
                return n >= 2 && n <= size - 8 ? Format.NEURITE : formatOf(java.util.Arrays.copyOf(b, 1));
            }
            return formatOf(b.length < 9 ? b : java.util.Arrays.copyOf(b, 1));
        }
    }

    /** The whole file, its size checked against {@link ModelFile#MAX_BYTES} first. */
    static byte[] readAll(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > ModelFile.MAX_BYTES) {
                throw new ModelFormatException(file, "is " + size + " bytes long, more than the " + ModelFile.MAX_BYTES
                        + " a model file may have");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining()) {
                if (ch.read(buf, buf.position()) < 0) {
                    throw new ModelFormatException(file, "truncated at offset " + buf.position() + " while being read");
                }
            }
            return buf.array();
        }
    }
}
