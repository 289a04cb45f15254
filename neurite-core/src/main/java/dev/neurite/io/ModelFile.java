package dev.neurite.io;

import dev.neurite.data.Normalization;
import dev.neurite.layer.Dense;
import dev.neurite.layer.Layer;
import dev.neurite.model.Architecture;
import dev.neurite.model.LayerSpec;
import dev.neurite.model.Network;
import dev.neurite.model.OutputHead;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads {@link SavedModel}s in the safetensors layout: an 8-byte little-endian header length,
 * a JSON header, then the raw little-endian float32 tensors. Dense layer {@code i} (its position in
 * the network's layer list, as in a PyTorch {@code nn.Sequential}) is stored as {@code "i.weight"}
 * with shape {@code (out, in)} and {@code "i.bias"} with shape {@code (out)}, like {@code nn.Linear}.
 * Everything else sits in the header's {@code __metadata__}. See docs/model-format.md.
 */
public final class ModelFile {
    /**
     * The format version this Neurite writes. Version 2 added {@code header_sha256}; version 1 files (no
     * header checksum) are still read, as docs/model-format.md describes.
     */
    public static final int VERSION = 2;
    static final String FORMAT = "neurite-model";
    static final long MAX_HEADER = 16L << 20;

    private ModelFile() {}

    /** Saves a network with the loss its output layer suggests and nothing else. */
    public static void save(Network network, Path file) throws IOException {
        save(SavedModel.of(network, OutputHead.defaultLoss(network)), file);
    }

    /** Saves atomically: a temporary file in the same folder, forced to disk, then renamed over {@code file}. */
    public static void save(SavedModel model, Path file) throws IOException {
        Network net = model.network();
        Map<String, float[]> tensors = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        List<Layer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Dense d) {
                int in = d.inputSize(), out = d.outputSize();
                float[] w = d.weight().value().data();
                float[] t = new float[in * out];                      // (in,out) → PyTorch's (out,in)
                for (int r = 0; r < in; r++) {
                    for (int c = 0; c < out; c++) {
                        t[c * in + r] = w[r * out + c];
                    }
                }
                tensors.put(i + ".weight", t);
                shapes.put(i + ".weight", new long[] {out, in});
                if (d.hasBias()) {
                    tensors.put(i + ".bias", java.util.Arrays.copyOf(d.bias().value().data(), out));
                    shapes.put(i + ".bias", new long[] {out});
                }
            }
        }
        Normalization norm = model.normalization();
        if (!norm.kind().equals("none")) {
            tensors.put("normalization.shift", norm.shift());
            shapes.put("normalization.shift", new long[] {norm.features()});
            tensors.put("normalization.scale", norm.scale());
            shapes.put("normalization.scale", new long[] {norm.features()});
        }
        long total = 0;
        for (Map.Entry<String, float[]> e : tensors.entrySet()) {
            requireFinite(e.getKey(), e.getValue());
            total += 4L * e.getValue().length;
        }
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(total)).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Object> header = new LinkedHashMap<>();
        Map<String, String> meta = metadata(model, sha256(tensorBytes(tensors, data)));
        header.put("__metadata__", meta);
        long offset = 0;
        for (Map.Entry<String, float[]> e : tensors.entrySet()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", "F32");
            List<Long> shape = new ArrayList<>();
            for (long s : shapes.get(e.getKey())) {
                shape.add(s);
            }
            entry.put("shape", shape);
            long end = offset + 4L * e.getValue().length;
            entry.put("data_offsets", List.of(offset, end));
            header.put(e.getKey(), entry);
            offset = end;
        }
        meta.put(ModelHeader.HEADER_SHA256, ModelHeader.sha256(header));
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;                       // safetensors pads the header to 8 bytes
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        data.flip();
        writeAtomically(file, head, data);
    }

    private static ByteBuffer tensorBytes(Map<String, float[]> tensors, ByteBuffer data) {
        for (float[] t : tensors.values()) {
            for (float v : t) {
                data.putFloat(v);
            }
        }
        return data.duplicate().flip();
    }

    private static Map<String, String> metadata(SavedModel model, String checksum) {
        Architecture a = model.network().architecture();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", Integer.toString(VERSION));
        meta.put("architecture", a.toSpec());
        meta.put("bias", Boolean.toString(a.bias()));
        meta.put("init", a.init() == null ? "default" : a.init().cliName());
        meta.put("loss", model.loss().cliName());
        meta.put("normalization", model.normalization().kind());
        if (model.classNames() != null) {
            meta.put("class_names", Json.write(model.classNames()));
        }
        meta.put("tensors_sha256", checksum);
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(model.metadata()).entrySet()) {
            if (ModelHeader.FORMAT_KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("metadata key '" + e.getKey() + "' is reserved for the format");
            }
            if (!ModelHeader.isMetadataKey(e.getKey())) {
                throw new IllegalArgumentException("metadata key '" + e.getKey() + "' is not one of "
                        + new java.util.TreeSet<>(ModelHeader.PROVENANCE_KEYS) + "; name your own keys "
                        + ModelHeader.USER_PREFIX + "<name> (printable ASCII, at most 128 characters)");
            }
            meta.put(e.getKey(), e.getValue());
        }
        return meta;
    }

    /** Refuses NaN and ±∞: a model file only ever holds finite numbers. */
    private static void requireFinite(String name, float[] values) {
        for (int k = 0; k < values.length; k++) {
            if (!Float.isFinite(values[k])) {
                throw new IllegalArgumentException("cannot save the model: tensor '" + name + "' holds " + values[k]
                        + " at index " + k + " (of " + values.length + "); the weights are not finite, so the training"
                        + " diverged: lower the learning rate or the regularisation");
            }
        }
    }

    private static void writeAtomically(Path file, ByteBuffer... parts) throws IOException {
        AtomicFile.write(file, out -> {
            for (ByteBuffer b : parts) {
                out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
            }
        });
    }

    static String sha256(ByteBuffer bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes);
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Loads and validates a model file; see {@link ModelReader} for what is checked. */
    public static SavedModel load(Path file) throws IOException {
        return new ModelReader(file).read();
    }

    /** The tensors an architecture has, name → shape, in file order. */
    static Map<String, long[]> expectedTensors(Architecture a, boolean normalized) {
        Map<String, long[]> out = new LinkedHashMap<>();
        int size = a.inputSize(), index = 0;
        for (LayerSpec spec : a.layers()) {
            if (spec instanceof LayerSpec.Dense d) {
                out.put(index + ".weight", new long[] {d.units(), size});
                if (a.bias()) {
                    out.put(index + ".bias", new long[] {d.units()});
                }
                size = d.units();
                index += d.activation() == dev.neurite.layer.Activation.Function.IDENTITY ? 1 : 2;
            } else {
                index++;
            }
        }
        if (normalized) {
            out.put("normalization.shift", new long[] {a.inputSize()});
            out.put("normalization.scale", new long[] {a.inputSize()});
        }
        return out;
    }



    /** Strict UTF-8: validated in small pieces, then decoded once (no buffer of twice the text's size). */
    static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
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
        return new String(bytes, StandardCharsets.UTF_8);
    }

}
