package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Edits model files the way an attacker (or a careful forger) would: with or without fixing the checksums. */
final class ModelFiles {
    private ModelFiles() {}

    /** A small classifier (dropout, standard normalisation, three named classes) saved to {@code f}. */
    static Path saved(Path f) throws IOException {
        dev.neurite.model.Network net = dev.neurite.model.Network.of("5-d0.2-7tanh-d0.1-3softmax", 4);
        dev.neurite.data.Normalization norm = dev.neurite.data.Normalization.fitStandard(
                dev.neurite.TestData.uniform(20, 5, 2, 3, 1));
        ModelFile.save(new SavedModel(net, dev.neurite.loss.Loss.crossEntropy(), norm, java.util.List.of("a", "b", "c"),
                java.util.Map.of("seed", "4")), f);
        return f;
    }

    static String header(byte[] b) {
        int n = (int) ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return new String(b, 8, n, StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code out}: {@code f} with {@code from} replaced by {@code to} in the header; with {@code sign}, the
     * header's {@code header_sha256} is recomputed so that only the checks behind the checksum can refuse it.
     */
    static Path edit(Path f, Path out, String from, String to, boolean sign) throws IOException {
        byte[] b = Files.readAllBytes(f);
        String header = header(b);
        assertTrue(header.contains(from), header);
        int n = header.getBytes(StandardCharsets.UTF_8).length;
        byte[] data = java.util.Arrays.copyOfRange(b, 8 + n, b.length);
        return write(out, sign ? resign(header.replace(from, to)) : header.replace(from, to), data);
    }

    /** Writes {@code out}: {@code f} with float {@code index} of its data set to {@code value}, both checksums fixed. */
    static Path withFloat(Path f, Path out, int index, float value) throws IOException {
        byte[] b = Files.readAllBytes(f);
        String header = header(b);
        int n = header.getBytes(StandardCharsets.UTF_8).length;
        ByteBuffer data = ByteBuffer.wrap(java.util.Arrays.copyOfRange(b, 8 + n, b.length)).order(ByteOrder.LITTLE_ENDIAN);
        String oldSum = Sha256.hex(data.duplicate());
        data.putFloat(4 * index, value);
        String newSum = Sha256.hex(data.duplicate());
        return write(out, resign(header.replace(oldSum, newSum)), data.array());
    }

    @SuppressWarnings("unchecked")
    static String resign(String header) {
        Object parsed;
        try {
            parsed = JsonReader.parse(header.stripTrailing());
        } catch (IllegalArgumentException e) {
            return header;                                    // not JSON: nothing to sign
        }
        Map<String, Object> h = (Map<String, Object>) parsed;
        Object old = ((Map<String, Object>) h.get("__metadata__")).get(ModelHeader.HEADER_SHA256);
        return old == null ? header : header.replace((String) old, ModelHeader.sha256(h));
    }

    static Path write(Path out, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h).put(data);
        Files.write(out, buf.array());
        return out;
    }
}
