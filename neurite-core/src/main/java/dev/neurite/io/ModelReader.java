package dev.neurite.io;

import dev.neurite.data.NormalizationKind;
import dev.neurite.loss.Loss;
import dev.neurite.model.Architecture;
import dev.neurite.model.ModelGraph;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one model file's bytes into a {@link ModelGraph}, trusting nothing: the header length is bounded by the file (and 16 MiB), the
 * header is checked by {@link HeaderReader} (strict JSON, format and version, its own checksum, known keys,
 * the architecture's length and form), the architecture is sized before anything is allocated, every
 * tensor must be F32 with the shape the architecture implies ({@link ModelGraph#tensorShapes}, a matrix
 * transposed as the file stores it), the tensors must tile the data section
 * exactly (no overlap, no gap, nothing after), the data's SHA-256 must match the header's, and every value
 * must be finite. What it allocates is bounded by a small multiple of the input's own size. Messages start with
 * the source: the file's path, or the name a caller of {@link ModelFile#fromBytes} gave.
 */
final class ModelReader {
    private final String source;

    /** @param source what the bytes are, for messages: the file's path or the name the caller gave */
    ModelReader(String source) {
        this.source = source;
    }

    private ModelFormatException fail(String what) {
        return new ModelFormatException(source, what);
    }

    SavedModel read(byte[] bytes) throws ModelFormatException {
        long size = bytes.length;
        if (size < 8) {
            throw fail("is " + size + " bytes long; a model file starts with an 8-byte header length");
        }
        ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = all.getLong(0);
        if (headerLength < 2 || headerLength > size - 8 || headerLength > ModelFile.MAX_HEADER) {
            throw fail("not a Neurite model file (safetensors layout): offset 0: header length " + Long.toUnsignedString(headerLength) + " does not fit a file of "
                    + size + " bytes (it must be between 2 and " + Math.min(size - 8, ModelFile.MAX_HEADER) + ")");
        }
        HeaderReader headerReader = new HeaderReader(source);
        Map<String, Object> header = headerReader.parse(bytes, 8, (int) headerLength);
        int dataStart = 8 + (int) headerLength;
        long dataLength = size - dataStart;
        Map<String, String> meta = headerReader.metadata(header);
        Architecture arch = headerReader.architecture(meta);
        NormalizationKind kind;
        try {
            kind = NormalizationKind.parse(meta.getOrDefault("normalization", NormalizationKind.NONE.cliName()));
        } catch (IllegalArgumentException e) {
            throw fail("metadata: " + e.getMessage());
        }
        List<ModelGraph.TensorSpec> specs = ModelGraph.tensorShapes(arch, kind);
        Map<String, long[]> expected = new LinkedHashMap<>();
        long expectedBytes = 0;
        try {
            for (ModelGraph.TensorSpec spec : specs) {
                expected.put(spec.name(), fileShape(spec));
                expectedBytes = Math.addExact(expectedBytes, Math.multiplyExact(4, product(fileShape(spec))));
            }
        } catch (ArithmeticException e) {
            throw fail("architecture " + arch.toSpec() + " is too large for any file");
        }
        if (expectedBytes != dataLength) {
            throw fail("architecture " + arch.toSpec() + " needs " + expectedBytes + " bytes of tensors, the file has "
                    + dataLength + " after its header");
        }
        Map<String, long[]> offsets = tensorEntries(header, expected, dataLength);
        ByteBuffer data = all.slice(dataStart, (int) dataLength).order(ByteOrder.LITTLE_ENDIAN);
        String checksum = Sha256.hex(data.duplicate());
        if (!checksum.equals(meta.get("tensors_sha256"))) {
            throw fail("the tensor bytes have SHA-256 " + checksum + " but the header records "
                    + meta.get("tensors_sha256") + ": the file is corrupted");
        }
        requireFinite(offsets, data);
        return build(arch, meta, kind, offsets, data);
    }

    private static long[] fileShape(ModelGraph.TensorSpec spec) {
        List<Long> shape = ModelWriter.fileShape(spec.shape().stream().mapToInt(Integer::intValue).toArray());
        return shape.stream().mapToLong(Long::longValue).toArray();
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

    /** The graph from the tensors (each read in the graph's layout: a matrix transposed back to (in, out)), then the model. */
    private SavedModel build(Architecture arch, Map<String, String> meta, NormalizationKind kind,
                             Map<String, long[]> offsets, ByteBuffer data) throws ModelFormatException {
        Loss loss;
        try {
            loss = Loss.parse(meta.get("loss"));
        } catch (IllegalArgumentException e) {
            throw fail("metadata: " + e.getMessage());
        }
        List<String> classNames = new HeaderReader(source).classNames(meta.get("class_names"), arch.outputSize());
        String features = meta.get(SchemaJson.FEATURES);
        if (features != null) {
            try {
                int inputs = SchemaJson.read(features).inputSize();
                if (inputs != arch.inputSize()) {
                    throw new IllegalArgumentException("features describe " + inputs + " inputs, the network takes " + arch.inputSize());
                }
            } catch (IllegalArgumentException e) {
                throw fail("metadata: " + e.getMessage());
            }
        }
        Map<String, String> provenance = new LinkedHashMap<>(meta);
        provenance.keySet().removeAll(ModelHeader.FORMAT_KEYS);
        try {
            ModelGraph graph = ModelGraph.assemble(arch, kind, (spec, into) -> values(spec, offsets.get(spec.name())[0], data, into),
                    loss, classNames, provenance);
            return SavedModel.of(graph);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());               // a loss that does not fit the network, a zero scale, …
        }
    }

    private static void values(ModelGraph.TensorSpec spec, long start, ByteBuffer data, float[] into) {
        if (spec.shape().size() == 2) {
            int in = spec.shape().get(0), out = spec.shape().get(1);
            for (int c = 0; c < out; c++) {                  // file (out,in) → graph (in,out)
                for (int r = 0; r < in; r++) {
                    into[r * out + c] = data.getFloat((int) (start + 4L * (c * (long) in + r)));
                }
            }
        } else {
            floats(data, start, into, into.length);
        }
    }

    private static void floats(ByteBuffer data, long start, float[] into, int n) {
        for (int k = 0; k < n; k++) {
            into[k] = data.getFloat((int) (start + 4L * k));
        }
    }

}
