package dev.neurite.io;

import dev.neurite.model.ModelGraph;
import dev.neurite.model.Network;
import dev.neurite.model.OutputHead;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Saves and loads {@link SavedModel}s, as files or as bytes, in the safetensors layout: an 8-byte
 * little-endian header length, a JSON header, then the raw little-endian float32 tensors. The file is the
 * model's {@link ModelGraph}: each of its tensors under its own name, dense layer {@code i} (its position
 * in the network's layer list, as in a PyTorch {@code nn.Sequential}) as {@code "i.weight"} with shape
 * {@code (out, in)} and {@code "i.bias"} with shape {@code (out)}, like {@code nn.Linear}. Everything else
 * sits in the header's {@code __metadata__}. See docs/model-format.md.
 *
 * <pre>{@code
 * byte[] bytes = ModelFile.toBytes(model);                       // e.g. for a Spark broadcast
 * SavedModel back = ModelFile.fromBytes(bytes, "upload 42");     // errors start with "upload 42: "
 * }</pre>
 */
public final class ModelFile {
    /**
     * The format version this Neurite writes. Version 2 added {@code header_sha256}; version 1 files (no
     * header checksum) are still read, as docs/model-format.md describes.
     */
    public static final int VERSION = 2;
    /** The largest model file or byte array read: what one Java array can hold. */
    public static final int MAX_BYTES = Integer.MAX_VALUE - 8;
    static final String FORMAT = "neurite-model";
    static final long MAX_HEADER = 16L << 20;

    private ModelFile() {}

    /** Saves a network with the loss its output layer suggests and nothing else. */
    public static void save(Network network, Path file) throws IOException {
        save(SavedModel.of(network, OutputHead.defaultLoss(network)), file);
    }

    /** Saves atomically: a temporary file in the same folder, forced to disk, then renamed over {@code file}. */
    public static void save(SavedModel model, Path file) throws IOException {
        byte[] bytes = toBytes(model);
        AtomicFile.write(file, out -> out.write(bytes));
    }

    /**
     * The model file's bytes, exactly what {@link #save(SavedModel, Path)} writes.
     *
     * @throws IllegalArgumentException if a weight is not finite or a metadata key is not allowed
     */
    public static byte[] toBytes(SavedModel model) {
        return ModelWriter.toBytes(model.graph());
    }

    /**
     * Reads and validates a model from bytes (see {@link ModelReader} for what is checked); {@code bytes} is
     * not modified and not kept.
     *
     * @param sourceName what the bytes are, e.g. an upload's name: every error message starts with it
     * @throws ModelFormatException if the bytes are not a valid model, naming {@code sourceName}
     */
    public static SavedModel fromBytes(byte[] bytes, String sourceName) throws ModelFormatException {
        return new ModelReader(java.util.Objects.requireNonNull(sourceName, "sourceName")).read(bytes);
    }

    /**
     * Loads and validates a model file: its size is checked against {@link #MAX_BYTES} before it is read,
     * then it is read whole and passed to {@link #fromBytes} with the path as the name.
     */
    public static SavedModel load(Path file) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_BYTES) {
                throw new ModelFormatException(file, "is " + size + " bytes long, more than the " + MAX_BYTES
                        + " a model file may have");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining()) {
                if (ch.read(buf, buf.position()) < 0) {
                    throw new ModelFormatException(file, "truncated at offset " + buf.position() + " while being read");
                }
            }
            return fromBytes(buf.array(), file.toString());
        }
    }


    /** Strict UTF-8: validated in small pieces, then decoded once (no buffer of twice the text's size). */
    static String decodeUtf8(byte[] bytes, int offset, int length) throws CharacterCodingException {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(4096);
        java.nio.charset.CoderResult r;
        do {
            r = decoder.decode(in, out, true);
            if (r.isError()) {
                r.throwException();
            }
            out.clear();
        } while (r.isOverflow());
        while ((r = decoder.flush(out)).isOverflow()) {
            out.clear();
        }
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

}
