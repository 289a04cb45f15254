package dev.neurite.onnx;

import dev.neurite.onnx.OnnxProto.Attribute;
import dev.neurite.onnx.OnnxProto.Node;
import dev.neurite.onnx.OnnxProto.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Constant tensors of an imported graph (initializers and {@code Constant} nodes) as Neurite's values:
 * float32 (float64 rounded to nearest, with a note), or a list of class labels. A tensor's values are
 * converted only after its dims are checked against the bytes it actually holds, so nothing is allocated
 * that the file does not contain.
 */
final class OnnxConstants {
    /** A constant: its dims (empty for a scalar) and its float values, or its labels (INT64 or STRING). */
    record Constant(String name, long[] dims, float[] values, List<String> labels, boolean wasDouble) {
        int rank() { return dims.length; }

        long dim(int d) { return dims[d]; }
    }

    private OnnxConstants() {}

    /** The tensor as a constant; throws {@link IllegalArgumentException} with what is wrong (the caller adds where). */
    static Constant of(Tensor t) {
        if (t.external()) {
            throw new IllegalArgumentException("tensor '" + t.name() + "' keeps its data in an external file, which"
                    + " Neurite does not read (save the model with its weights inside: onnx.save_model(...,"
                    + " save_as_external_data=False))");
        }
        if (t.segmented()) {
            throw new IllegalArgumentException("tensor '" + t.name() + "' is stored in segments, which Neurite does not read");
        }
        long n = t.declaredSize();
        if (n < 0) {
            throw new IllegalArgumentException("tensor '" + t.name() + "' has dims " + java.util.Arrays.toString(t.dims())
                    + ", which are negative or overflow");
        }
        if (n > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("tensor '" + t.name() + "' claims " + n + " values, more than Neurite reads");
        }
        switch (t.dataType()) {
            case OnnxFields.FLOAT, OnnxFields.DOUBLE -> {
                boolean isDouble = t.dataType() == OnnxFields.DOUBLE;
                return new Constant(t.name(), t.dims(), floats(t, n, isDouble), null, isDouble);
            }
            case OnnxFields.INT64, OnnxFields.INT32 -> {
                long[] v = ints(t, n);
                List<String> labels = new ArrayList<>();
                float[] f = new float[v.length];
                for (int k = 0; k < v.length; k++) {
                    labels.add(Long.toString(v[k]));
                    f[k] = v[k];
                }
                return new Constant(t.name(), t.dims(), f, labels, false);
            }
            case OnnxFields.STRING -> {
                if (t.stringData().size() != n) {
                    throw new IllegalArgumentException(count(t, n, t.stringData().size()));
                }
                return new Constant(t.name(), t.dims(), null, List.copyOf(t.stringData()), false);
            }
            default -> throw new IllegalArgumentException("tensor '" + t.name() + "' is " + OnnxFields.typeName(t.dataType())
                    + "; Neurite reads FLOAT and DOUBLE weights (and INT64 or STRING class labels)");
        }
    }

    private static float[] floats(Tensor t, long n, boolean isDouble) {
        int width = isDouble ? 8 : 4;
        if (t.raw() != null) {
            ProtoReader.Slice raw = t.raw();
            if (raw.length() != n * width) {
                throw new IllegalArgumentException("tensor '" + t.name() + "' has dims " + java.util.Arrays.toString(t.dims())
                        + " (" + n + " values) but " + raw.length() + " bytes of raw_data, not " + n * width);
            }
            float[] v = new float[(int) n];
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(raw.bytes(), raw.offset(), raw.length())
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < v.length; k++) {
                v[k] = isDouble ? (float) b.getDouble() : b.getFloat();
            }
            return v;
        }
        if (isDouble) {
            double[] d = t.doubleData() == null ? new double[0] : t.doubleData();
            if (d.length != n) {
                throw new IllegalArgumentException(count(t, n, d.length));
            }
            float[] v = new float[d.length];
            for (int k = 0; k < d.length; k++) {
                v[k] = (float) d[k];
            }
            return v;
        }
        float[] f = t.floatData() == null ? new float[0] : t.floatData();
        if (f.length != n) {
            throw new IllegalArgumentException(count(t, n, f.length));
        }
        return f;
    }

    private static long[] ints(Tensor t, long n) {
        if (t.raw() != null) {
            int width = t.dataType() == OnnxFields.INT64 ? 8 : 4;
            ProtoReader.Slice raw = t.raw();
            if (raw.length() != n * width) {
                throw new IllegalArgumentException("tensor '" + t.name() + "' has " + n + " values but " + raw.length()
                        + " bytes of raw_data, not " + n * width);
            }
            long[] v = new long[(int) n];
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(raw.bytes(), raw.offset(), raw.length())
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < v.length; k++) {
                v[k] = width == 8 ? b.getLong() : b.getInt();
            }
            return v;
        }
        if (t.intData().length != n) {
            throw new IllegalArgumentException(count(t, n, t.intData().length));
        }
        return t.intData();
    }

    private static String count(Tensor t, long n, int found) {
        return "tensor '" + t.name() + "' has dims " + java.util.Arrays.toString(t.dims()) + " (" + n + " values) but holds "
                + found + " values";
    }

    /** The value of a {@code Constant} node: its {@code value} tensor, or {@code value_float(s)}/{@code value_int(s)}. */
    static Constant ofNode(Node node) {
        if (node.attributes().size() != 1) {
            throw new IllegalArgumentException("a Constant node needs exactly one value attribute, has "
                    + node.attributes().size());
        }
        Attribute a = node.attributes().get(0);
        String name = node.outputs().isEmpty() ? "" : node.outputs().get(0);
        return switch (a.name()) {
            case "value" -> {
                if (a.t() == null) {
                    throw new IllegalArgumentException("Constant's 'value' holds no tensor");
                }
                Constant c = of(a.t());
                yield new Constant(name, c.dims(), c.values(), c.labels(), c.wasDouble());
            }
            case "value_float" -> new Constant(name, new long[0], new float[] {a.f()}, null, false);
            case "value_floats" -> {
                float[] f = a.floats() == null ? new float[0] : a.floats();
                yield new Constant(name, new long[] {f.length}, f, null, false);
            }
            case "value_int" -> new Constant(name, new long[0], new float[] {a.i()}, List.of(Long.toString(a.i())), false);
            case "value_ints" -> {
                float[] f = new float[a.ints().length];
                List<String> labels = new ArrayList<>();
                for (int k = 0; k < f.length; k++) {
                    f[k] = a.ints()[k];
                    labels.add(Long.toString(a.ints()[k]));
                }
                yield new Constant(name, new long[] {f.length}, f, labels, false);
            }
            default -> throw new IllegalArgumentException("Constant's attribute '" + a.name() + "' is not read by Neurite"
                    + " (it reads value, value_float(s) and value_int(s))");
        };
    }

    /** The transpose of a rank-2 constant. */
    static Constant transpose(Constant c, String name) {
        int r = (int) c.dim(0), k = (int) c.dim(1);
        float[] t = new float[c.values().length];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < k; j++) {
                t[j * r + i] = c.values()[i * k + j];
            }
        }
        return new Constant(name, new long[] {k, r}, t, null, c.wasDouble());
    }
}
