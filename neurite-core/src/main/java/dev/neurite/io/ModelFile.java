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
    /** The format version this Neurite writes and reads. */
    public static final int VERSION = 1;
    static final String FORMAT = "neurite-model";
    static final long MAX_HEADER = 100L << 20;
    private static final List<String> RESERVED = List.of("format", "format_version", "architecture", "bias", "init",
            "loss", "normalization", "class_names", "tensors_sha256");

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
        for (float[] t : tensors.values()) {
            total += 4L * t.length;
        }
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(total)).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", metadata(model, sha256(tensorBytes(tensors, data))));
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
        byte[] json = JsonWriter.write(header).getBytes(StandardCharsets.UTF_8);
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
            meta.put("class_names", JsonWriter.write(model.classNames()));
        }
        meta.put("tensors_sha256", checksum);
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(model.metadata()).entrySet()) {
            if (RESERVED.contains(e.getKey())) {
                throw new IllegalArgumentException("metadata key '" + e.getKey() + "' is reserved for the format");
            }
            meta.put(e.getKey(), e.getValue());
        }
        return meta;
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



    static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

}
