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
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one model file, trusting nothing: the header length is bounded by the file (and 16 MiB), the
 * header is checked by {@link HeaderReader} (strict JSON, format and version, its own checksum, known keys,
 * the architecture's length and form), the architecture is sized before anything is allocated, every
 * tensor must be F32 with the shape the architecture implies, the tensors must tile the data section
 * exactly (no overlap, no gap, nothing after), the data's SHA-256 must match the header's, and every value
 * must be finite. What it allocates is bounded by a small multiple of the file's own size.
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
            HeaderReader headerReader = new HeaderReader(file);
            Map<String, Object> header = headerReader.parse(headerBuf.array());
            long dataStart = 8 + headerLength, dataLength = size - dataStart;
            Map<String, String> meta = headerReader.metadata(header);
            Architecture arch = headerReader.architecture(meta);
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

    /** Validates each tensor entry against the expected names and shapes; returns name → [begin, end). */
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
                throw fail("tensor '" + HeaderReader.shown(name) + "' is not part of the architecture (expected " + expected.keySet() + ")");
            }
            if (!(e.getValue() instanceof Map<?, ?> entry)) {
                throw fail("tensor '" + name + "' must be an object with dtype, shape and data_offsets");
            }
            for (Object field : entry.keySet()) {
                if (!List.of("dtype", "shape", "data_offsets").contains(field)) {
                    throw fail("tensor '" + name + "' has the unknown field '" + HeaderReader.shown(field.toString())
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
        List<String> classNames = new HeaderReader(file).classNames(meta.get("class_names"), net.outputSize());
        Map<String, String> provenance = new LinkedHashMap<>(meta);
        provenance.keySet().removeAll(ModelHeader.FORMAT_KEYS);
        return new SavedModel(net, loss, norm, classNames, provenance);
    }

    private static void floats(ByteBuffer data, long start, float[] into, int n) {
        for (int k = 0; k < n; k++) {
            into[k] = data.getFloat((int) (start + 4L * k));
        }
    }

}
