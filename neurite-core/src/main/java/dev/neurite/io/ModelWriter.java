package dev.neurite.io;

import dev.neurite.model.Architecture;
import dev.neurite.model.ModelGraph;
import dev.neurite.model.NamedTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a {@link ModelGraph} as a model file's bytes: one pass over {@link ModelGraph#tensors()}, each
 * stored under its own name; a matrix (a weight, {@code (in, out)} in the graph) is stored transposed, as
 * PyTorch's {@code nn.Linear} holds it {@code (out, in)}; vectors as they are. See docs/model-format.md.
 */
final class ModelWriter {
    private ModelWriter() {}

    static byte[] toBytes(ModelGraph graph) {
        List<NamedTensor> tensors = graph.tensors();
        long total = 0;
        for (NamedTensor t : tensors) {
            requireFinite(t);
            total += 4L * t.size();
        }
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(total)).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Object> header = new LinkedHashMap<>();
        for (NamedTensor t : tensors) {
            long offset = data.position();
            put(t, data);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", "F32");
            entry.put("shape", fileShape(t));
            entry.put("data_offsets", List.of(offset, (long) data.position()));
            header.put(t.name(), entry);
        }
        data.flip();
        Map<String, String> meta = metadata(graph, Sha256.hex(data.duplicate()));
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("__metadata__", meta);
        ordered.putAll(header);
        meta.put(ModelHeader.HEADER_SHA256, ModelHeader.sha256(ordered));
        byte[] json = Json.write(ordered).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;                       // safetensors pads the header to 8 bytes
        ByteBuffer out = ByteBuffer.allocate(Math.addExact(8 + padded, data.remaining())).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        while (out.position() < 8 + padded) {
            out.put((byte) ' ');
        }
        out.put(data);
        return out.array();
    }

    /** The file's shape of a tensor: a matrix {@code (in, out)} as {@code (out, in)}, a vector as it is. */
    static List<Long> fileShape(int[] shape) {
        return shape.length == 2 ? List.of((long) shape[1], (long) shape[0]) : List.of((long) shape[0]);
    }

    private static List<Long> fileShape(NamedTensor t) {
        return fileShape(t.shape());
    }

    private static void put(NamedTensor t, ByteBuffer data) {
        if (t.rank() == 2) {
            int in = t.dim(0), out = t.dim(1);
            for (int c = 0; c < out; c++) {                              // (in,out) → PyTorch's (out,in)
                for (int r = 0; r < in; r++) {
                    data.putFloat(t.get(r * out + c));
                }
            }
        } else {
            for (int k = 0; k < t.size(); k++) {
                data.putFloat(t.get(k));
            }
        }
    }

    private static Map<String, String> metadata(ModelGraph graph, String checksum) {
        Architecture a = graph.architecture();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", ModelFile.FORMAT);
        meta.put("format_version", Integer.toString(ModelFile.VERSION));
        meta.put("architecture", a.toSpec());
        meta.put("bias", Boolean.toString(a.bias()));
        meta.put("init", a.init() == null ? "default" : a.init().cliName());
        meta.put("loss", graph.loss().cliName());
        meta.put("normalization", graph.normalizationKind().cliName());
        if (graph.classNames() != null) {
            meta.put("class_names", Json.write(graph.classNames()));
        }
        meta.put("tensors_sha256", checksum);
        for (Map.Entry<String, String> e : new TreeMap<>(graph.metadata()).entrySet()) {
            if (ModelHeader.FORMAT_KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("metadata key '" + e.getKey() + "' is reserved for the format");
            }
            if (!ModelHeader.isMetadataKey(e.getKey())) {
                throw new IllegalArgumentException("metadata key '" + e.getKey() + "' is not one of "
                        + new TreeSet<>(ModelHeader.PROVENANCE_KEYS) + "; name your own keys "
                        + ModelHeader.USER_PREFIX + "<name> (printable ASCII, at most 128 characters)");
            }
            meta.put(e.getKey(), e.getValue());
        }
        return meta;
    }

    /** Refuses NaN and ±∞: a model file only ever holds finite numbers. */
    private static void requireFinite(NamedTensor t) {
        for (int k = 0; k < t.size(); k++) {
            if (!Float.isFinite(t.get(k))) {
                throw new IllegalArgumentException("cannot save the model: tensor '" + t.name() + "' holds " + t.get(k)
                        + " at index " + k + " (of " + t.size() + "); the weights are not finite, so the training"
                        + " diverged: lower the learning rate or the regularisation");
            }
        }
    }
}
