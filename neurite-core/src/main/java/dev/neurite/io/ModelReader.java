package dev.neurite.io;

import dev.neurite.data.Normalization;
import dev.neurite.layer.Dense;
import dev.neurite.layer.Layer;
import dev.neurite.loss.Loss;
import dev.neurite.model.Architecture;
import dev.neurite.model.Network;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one model file, trusting nothing: the header length is bounded by the file, the header must be
 * strict UTF-8 JSON, the metadata must name this format and version, the architecture is sized before
 * anything is allocated, every tensor must be F32 with the shape the architecture implies, the tensors
 * must tile the data section exactly (no overlap, no gap, nothing after), and the data's SHA-256 must
 * match the header's. What it allocates is bounded by a small multiple of the file's own size.
 */
final class ModelReader {
    private final Path file;

    ModelReader(Path file) {
        this.file = file;
    }

    private ModelFormatException fail(String what) {
        return new ModelFormatException(file, what);
    }

    SavedModel read() throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw fail("is " + size + " bytes long; a model file starts with an 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLength = lenBuf.flip().getLong();
            if (headerLength < 2 || headerLength > size - 8 || headerLength > ModelFile.MAX_HEADER) {
                throw fail("offset 0: header length " + Long.toUnsignedString(headerLength) + " does not fit a file of "
                        + size + " bytes (it must be between 2 and " + Math.min(size - 8, ModelFile.MAX_HEADER) + ")");
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLength);
            readFully(ch, headerBuf, 8);
            Map<String, Object> header = parseHeader(headerBuf.array());
            long dataStart = 8 + headerLength, dataLength = size - dataStart;
            Map<String, String> meta = metadata(header);
            Architecture arch = architecture(meta);
            String normKind = meta.getOrDefault("normalization", "none");
            if (!List.of("none", "min-max", "standard").contains(normKind)) {
                throw fail("metadata: normalization '" + normKind + "' is not none, min-max or standard");
            }
            Map<String, long[]> expected = ModelFile.expectedTensors(arch, !normKind.equals("none"));
            long expectedBytes = 0;
            try {
                for (long[] shape : expected.values()) {
                    expectedBytes = Math.addExact(expectedBytes, Math.multiplyExact(4, product(shape)));
                }
            } catch (ArithmeticException e) {
                throw fail("architecture " + arch.toSpec() + " is too large for any file");
            }
            if (expectedBytes != dataLength) {
                throw fail("architecture " + arch.toSpec() + " needs " + expectedBytes + " bytes of tensors, the file has "
                        + dataLength + " after its header");
            }
            Map<String, long[]> offsets = tensorEntries(header, expected, dataLength);
            ByteBuffer data = ByteBuffer.allocate((int) dataLength).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, data, dataStart);
            data.flip();
            String checksum = ModelFile.sha256(data.duplicate());
            if (!checksum.equals(meta.get("tensors_sha256"))) {
                throw fail("the tensor bytes have SHA-256 " + checksum + " but the header records "
                        + meta.get("tensors_sha256") + ": the file is corrupted");
            }
            requireFinite(offsets, data);
            return build(arch, meta, normKind, offsets, data);
        }
    }

    /** A model file holds only finite numbers; NaN or ±∞ means a diverged run or a damaged file. */
    private void requireFinite(Map<String, long[]> offsets, ByteBuffer data) throws ModelFormatException {
        for (Map.Entry<String, long[]> e : offsets.entrySet()) {
            long begin = e.getValue()[0], end = e.getValue()[1];
            for (long at = begin; at < end; at += 4) {
                float v = data.getFloat((int) at);
                if (!Float.isFinite(v)) {
                    throw fail("tensor '" + e.getKey() + "' holds " + v + " at index " + (at - begin) / 4
                            + "; a model holds only finite numbers (was it saved from a diverged run?)");
                }
            }
        }
    }

    private void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw fail("truncated at offset " + pos);
            }
            pos += n;
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parseHeader(byte[] bytes) throws ModelFormatException {
        String text;
        try {
            text = ModelFile.decodeUtf8(bytes);
        } catch (CharacterCodingException e) {
            throw fail("offset 8: the header is not valid UTF-8");
        }
        Object parsed;
        try {
            parsed = JsonReader.parse(text);            // the padding is JSON whitespace
        } catch (IllegalArgumentException e) {
            throw fail("the header is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map)) {
            throw fail("the header must be a JSON object");
        }
        return (Map<String, Object>) parsed;
    }

    private Map<String, String> metadata(Map<String, Object> header) throws ModelFormatException {
        if (!(header.get("__metadata__") instanceof Map<?, ?> raw)) {
            throw fail("the header has no __metadata__ object; this is a safetensors file but not a Neurite model");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            if (!(e.getValue() instanceof String v)) {
                throw fail("metadata: '" + shown((String) e.getKey()) + "' must be a string");
            }
            meta.put((String) e.getKey(), v);
        }
        if (!ModelFile.FORMAT.equals(meta.get("format"))) {
            throw fail("metadata: format is '" + shown(meta.get("format")) + "', expected '" + ModelFile.FORMAT + "'");
        }
        String versionText = meta.get("format_version");
        if (versionText == null || !versionText.matches("[1-9][0-9]{0,8}")) {
            throw fail("metadata: format_version '" + shown(versionText) + "' is not a version number such as \""
                    + ModelFile.VERSION + "\"");
        }
        int version = Integer.parseInt(versionText);
        if (version > ModelFile.VERSION) {
            throw fail("format version " + version + " is not " + ModelFile.VERSION
                    + "; it was written by a newer Neurite: upgrade to read it");
        }
        String arch = meta.get("architecture");
        if (arch != null && arch.length() > ModelHeader.MAX_ARCHITECTURE_CHARS) {
            throw fail("metadata: the architecture is " + arch.length() + " characters long, more than the "
                    + ModelHeader.MAX_ARCHITECTURE_CHARS + " a model may have");
        }
        checkHeaderSha256(header, meta, version);
        for (String key : meta.keySet()) {
            if (!ModelHeader.FORMAT_KEYS.contains(key) && !ModelHeader.isMetadataKey(key)) {
                throw fail("metadata: unknown key '" + shown(key) + "'" + ModelHeader.nearMiss(key)
                        + "; a model's own keys start with '" + ModelHeader.USER_PREFIX + "'");
            }
        }
        for (String key : List.of("architecture", "loss", "tensors_sha256")) {
            if (!meta.containsKey(key)) {
                throw fail("metadata: '" + key + "' is missing");
            }
        }
        return meta;
    }

    /** Version 2 records the header's own SHA-256; version 1 has none (and so may not have one). */
    private void checkHeaderSha256(Map<String, Object> header, Map<String, String> meta, int version)
            throws ModelFormatException {
        String recorded = meta.get(ModelHeader.HEADER_SHA256);
        if (version == 1) {
            if (recorded != null) {
                throw fail("metadata: format version 1 has no header_sha256, but this header has one: the header is corrupted");
            }
            return;
        }
        if (recorded == null) {
            throw fail("metadata: 'header_sha256' is missing (format version " + version + " requires it)");
        }
        String actual = ModelHeader.sha256(header);
        if (!actual.equals(recorded)) {
            throw fail("the header has SHA-256 " + actual + " but records " + shown(recorded)
                    + ": the header is corrupted");
        }
    }

    /** A value as a message shows it: at most 80 characters, anything unprintable as \\uXXXX. */
    static String shown(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < s.length() && k < 80; k++) {
            char c = s.charAt(k);
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return s.length() > 80 ? sb + "…" : sb.toString();
    }

    private Architecture architecture(Map<String, String> meta) throws ModelFormatException {
        try {
            String bias = meta.getOrDefault("bias", "true");
            if (!bias.equals("true") && !bias.equals("false")) {
                throw new IllegalArgumentException("bias must be true or false, was '" + bias + "'");
            }
            String text = meta.get("architecture");
            Architecture arch = Architecture.parse(text, Boolean.parseBoolean(bias), initOf(meta.getOrDefault("init", "default")));
            if (!arch.toSpec().equals(text)) {
                throw new IllegalArgumentException("architecture '" + shown(text) + "' is not written as Neurite writes it ('"
                        + shown(arch.toSpec()) + "')");
            }
            return arch;
        } catch (IllegalArgumentException e) {
            throw fail("metadata: " + e.getMessage());
        }
    }

    /** Validates each tensor entry against the expected names and shapes; returns name → [begin, end). */
    private static dev.neurite.layer.Init initOf(String name) {
        return name.equals("default") ? null : dev.neurite.layer.Init.parse(name);
    }

    private Map<String, long[]> tensorEntries(Map<String, Object> header, Map<String, long[]> expected, long dataLength)
            throws ModelFormatException {
        Map<String, long[]> offsets = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : header.entrySet()) {
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            long[] want = expected.get(name);
            if (want == null) {
                throw fail("tensor '" + shown(name) + "' is not part of the architecture (expected " + expected.keySet() + ")");
            }
            if (!(e.getValue() instanceof Map<?, ?> entry)) {
                throw fail("tensor '" + name + "' must be an object with dtype, shape and data_offsets");
            }
            for (Object field : entry.keySet()) {
                if (!List.of("dtype", "shape", "data_offsets").contains(field)) {
                    throw fail("tensor '" + name + "' has the unknown field '" + shown(field.toString())
                            + "' (a tensor has dtype, shape and data_offsets)");
                }
            }
            if (!"F32".equals(entry.get("dtype"))) {
                throw fail("tensor '" + name + "' has dtype " + entry.get("dtype") + "; Neurite models are F32");
            }
            long[] shape = longs(name, "shape", entry.get("shape"), -1);
            if (!Arrays.equals(shape, want)) {
                throw fail("tensor '" + name + "' has shape " + Arrays.toString(shape) + ", the architecture needs "
                        + Arrays.toString(want));
            }
            long[] range = longs(name, "data_offsets", entry.get("data_offsets"), 2);
            if (range[0] > range[1] || range[1] > dataLength) {
                throw fail("tensor '" + name + "' has data_offsets " + Arrays.toString(range) + " outside the "
                        + dataLength + " data bytes");
            }
            if (range[1] - range[0] != 4 * product(shape)) {
                throw fail("tensor '" + name + "' spans " + (range[1] - range[0]) + " bytes, its shape needs "
                        + 4 * product(shape));
            }
            offsets.put(name, range);
        }
        for (String name : expected.keySet()) {
            if (!offsets.containsKey(name)) {
                throw fail("tensor '" + name + "' is missing");
            }
        }
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(offsets.entrySet());
        sorted.sort(Map.Entry.comparingByValue((a, b) -> Long.compare(a[0], b[0])));
        long at = 0;
        for (Map.Entry<String, long[]> e : sorted) {
            if (e.getValue()[0] != at) {
                throw fail("tensor '" + e.getKey() + "' starts at data offset " + e.getValue()[0] + ", expected " + at
                        + (e.getValue()[0] < at ? " (it overlaps the one before)" : " (a gap before it)"));
            }
            at = e.getValue()[1];
        }
        return offsets;
    }

    private long[] longs(String name, String field, Object value, int length) throws ModelFormatException {
        if (!(value instanceof List<?> list) || (length >= 0 && list.size() != length) || list.size() > 8) {
            throw fail("tensor '" + name + "': " + field + " must be a list of " + (length >= 0 ? length + " " : "")
                    + "non-negative integers, was " + value);
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
                throw fail("tensor '" + name + "': " + field + " must hold non-negative integers, was " + value);
            }
            out[i] = v;
        }
        return out;
    }

    private static long product(long[] shape) {
        long p = 1;
        for (long s : shape) {
            p = Math.multiplyExact(p, s);
        }
        return p;
    }

    private SavedModel build(Architecture arch, Map<String, String> meta, String normKind, Map<String, long[]> offsets,
                             ByteBuffer data) throws ModelFormatException {
        Network net = arch.build(0);
        List<Layer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Dense d) {
                int in = d.inputSize(), out = d.outputSize();
                float[] w = d.weight().value().data();
                long start = offsets.get(i + ".weight")[0];
                for (int c = 0; c < out; c++) {               // file (out,in) → Neurite (in,out)
                    for (int r = 0; r < in; r++) {
                        w[r * out + c] = data.getFloat((int) (start + 4L * (c * (long) in + r)));
                    }
                }
                if (d.hasBias()) {
                    floats(data, offsets.get(i + ".bias")[0], d.bias().value().data(), out);
                }
            }
        }
        Normalization norm = Normalization.none(arch.inputSize());
        if (!normKind.equals("none")) {
            float[] shift = new float[arch.inputSize()], scale = new float[arch.inputSize()];
            floats(data, offsets.get("normalization.shift")[0], shift, shift.length);
            floats(data, offsets.get("normalization.scale")[0], scale, scale.length);
            norm = new Normalization(normKind, shift, scale);
        }
        Loss loss;
        try {
            loss = Loss.parse(meta.get("loss"));
        } catch (IllegalArgumentException e) {
            throw fail("metadata: " + e.getMessage());
        }
        List<String> classNames = classNames(meta.get("class_names"), net.outputSize());
        Map<String, String> provenance = new LinkedHashMap<>(meta);
        provenance.keySet().removeAll(ModelHeader.FORMAT_KEYS);
        return new SavedModel(net, loss, norm, classNames, provenance);
    }

    private static void floats(ByteBuffer data, long start, float[] into, int n) {
        for (int k = 0; k < n; k++) {
            into[k] = data.getFloat((int) (start + 4L * k));
        }
    }

    private List<String> classNames(String json, int outputs) throws ModelFormatException {
        if (json == null) {
            return null;
        }
        Object parsed;
        try {
            parsed = JsonReader.parse(json);
        } catch (IllegalArgumentException e) {
            throw fail("metadata: class_names is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof List<?> list) || !list.stream().allMatch(o -> o instanceof String)) {
            throw fail("metadata: class_names must be a JSON list of strings");
        }
        int expected = outputs == 1 ? 2 : outputs;
        if (list.size() != expected) {
            throw fail("metadata: class_names has " + list.size() + " names, the network's output needs " + expected);
        }
        return list.stream().map(String.class::cast).toList();
    }
}
