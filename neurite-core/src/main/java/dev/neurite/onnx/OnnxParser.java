package dev.neurite.onnx;

import dev.neurite.onnx.OnnxProto.Attribute;
import dev.neurite.onnx.OnnxProto.Graph;
import dev.neurite.onnx.OnnxProto.Model;
import dev.neurite.onnx.OnnxProto.Node;
import dev.neurite.onnx.OnnxProto.Tensor;
import dev.neurite.onnx.OnnxProto.ValueInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the ONNX messages of {@link OnnxFields} from bytes into {@link OnnxProto} records, skipping every
 * other field. Nothing is sized from a count the file claims: arrays grow with the values actually read (a
 * packed field's length is checked against its message first), so what is allocated is bounded by a small
 * multiple of the input's length. Subgraphs (an attribute's {@code g}) are skipped, never descended into, so
 * the nesting is fixed and a hostile file cannot recurse.
 */
final class OnnxParser {
    private OnnxParser() {}

    static Model model(byte[] bytes) {
        ProtoReader r = new ProtoReader(bytes);
        long ir = -1;
        String producer = "", producerVersion = "";
        Map<String, Long> opsets = new LinkedHashMap<>();
        Map<String, String> props = new LinkedHashMap<>();
        Graph graph = null;
        int functions = 0, training = 0;
        while (r.hasMore()) {
            switch (r.field()) {
                case OnnxFields.MODEL_IR_VERSION -> ir = r.varintLong("ir_version");
                case OnnxFields.MODEL_PRODUCER_NAME -> producer = r.string("producer_name");
                case OnnxFields.MODEL_PRODUCER_VERSION -> producerVersion = r.string("producer_version");
                case OnnxFields.MODEL_GRAPH -> {
                    if (graph != null) {
                        throw new ProtoReader.Malformed("the model has two graphs");
                    }
                    graph = graph(r.message("graph"));
                }
                case OnnxFields.MODEL_OPSET_IMPORT -> {
                    ProtoReader o = r.message("opset_import");
                    String domain = "";
                    long version = -1;
                    while (o.hasMore()) {
                        switch (o.field()) {
                            case OnnxFields.OPSET_DOMAIN -> domain = o.string("opset domain");
                            case OnnxFields.OPSET_VERSION -> version = o.varintLong("opset version");
                            default -> o.skip();
                        }
                    }
                    opsets.merge(domain.equals(OnnxFields.DEFAULT_DOMAIN_ALIAS) ? "" : domain, version, Math::max);
                }
                case OnnxFields.MODEL_METADATA_PROPS -> {
                    ProtoReader e = r.message("metadata_props");
                    String key = "", value = "";
                    while (e.hasMore()) {
                        switch (e.field()) {
                            case OnnxFields.ENTRY_KEY -> key = e.string("metadata key");
                            case OnnxFields.ENTRY_VALUE -> value = e.string("metadata value");
                            default -> e.skip();
                        }
                    }
                    props.put(key, value);
                }
                case OnnxFields.MODEL_FUNCTIONS -> { r.skip(); functions++; }
                case OnnxFields.MODEL_TRAINING_INFO -> { r.skip(); training++; }
                default -> r.skip();
            }
        }
        return new Model(ir, producer, producerVersion, opsets, graph, props, functions, training);
    }

    private static Graph graph(ProtoReader r) {
        String name = "";
        List<Node> nodes = new ArrayList<>();
        List<Tensor> initializers = new ArrayList<>();
        List<ValueInfo> inputs = new ArrayList<>(), outputs = new ArrayList<>();
        int sparse = 0;
        while (r.hasMore()) {
            switch (r.field()) {
                case OnnxFields.GRAPH_NODE -> nodes.add(node(r.message("node")));
                case OnnxFields.GRAPH_NAME -> name = r.string("graph name");
                case OnnxFields.GRAPH_INITIALIZER -> initializers.add(tensor(r.message("initializer")));
                case OnnxFields.GRAPH_INPUT -> inputs.add(valueInfo(r.message("graph input")));
                case OnnxFields.GRAPH_OUTPUT -> outputs.add(valueInfo(r.message("graph output")));
                case OnnxFields.GRAPH_SPARSE_INITIALIZER -> { r.skip(); sparse++; }
                default -> r.skip();
            }
        }
        return new Graph(name, nodes, initializers, inputs, outputs, sparse);
    }

    private static Node node(ProtoReader r) {
        List<String> inputs = List.of(), outputs = List.of();
        List<Attribute> attributes = List.of();
        String name = "", op = "", domain = "";
        while (r.hasMore()) {
            switch (r.field()) {
                case OnnxFields.NODE_INPUT -> inputs = add(inputs, r.string("node input"));
                case OnnxFields.NODE_OUTPUT -> outputs = add(outputs, r.string("node output"));
                case OnnxFields.NODE_NAME -> name = r.string("node name");
                case OnnxFields.NODE_OP_TYPE -> op = r.string("op_type");
                case OnnxFields.NODE_DOMAIN -> domain = r.string("node domain");
                case OnnxFields.NODE_ATTRIBUTE -> attributes = add(attributes, attribute(r.message("attribute")));
                default -> r.skip();
            }
        }
        return new Node(inputs, outputs, name, op, domain.equals(OnnxFields.DEFAULT_DOMAIN_ALIAS) ? "" : domain, attributes);
    }

    private static <T> List<T> add(List<T> list, T item) {
        List<T> l = list.isEmpty() ? new ArrayList<>(2) : list;
        l.add(item);
        return l;
    }

    private static Attribute attribute(ProtoReader r) {
        String name = "", s = null;
        int type = 0;
        float f = 0;
        long i = 0;
        Tensor t = null;
        Floats floats = new Floats();
        Longs ints = new Longs();
        List<String> strings = List.of();
        boolean graph = false;
        while (r.hasMore()) {
            switch (r.field()) {
                case OnnxFields.ATTR_NAME -> name = r.string("attribute name");
                case OnnxFields.ATTR_TYPE -> type = r.varintInt("attribute type");
                case OnnxFields.ATTR_F -> { r.expect(OnnxFields.FIXED32, "attribute f"); f = r.fixed32(); }
                case OnnxFields.ATTR_I -> i = r.varintLong("attribute i");
                case OnnxFields.ATTR_S -> s = r.string("attribute s");
                case OnnxFields.ATTR_T -> t = tensor(r.message("attribute t"));
                case OnnxFields.ATTR_FLOATS -> floats.read(r);
                case OnnxFields.ATTR_INTS -> ints.read(r);
                case OnnxFields.ATTR_STRINGS -> strings = add(strings, r.string("attribute strings"));
                case OnnxFields.ATTR_G -> { r.skip(); graph = true; }
                default -> r.skip();
            }
        }
        return new Attribute(name, type, f, i, s, t, floats.array(), ints.array(), strings, graph);
    }

    private static Tensor tensor(ProtoReader r) {
        String name = "";
        Longs dims = new Longs(), intData = new Longs();
        Floats floats = new Floats();
        Doubles doubles = new Doubles();
        List<String> strings = List.of();
        ProtoReader.Slice raw = null;
        int type = 0;
        boolean external = false, segmented = false;
        while (r.hasMore()) {
            switch (r.field()) {
                case OnnxFields.TENSOR_DIMS -> dims.read(r);
                case OnnxFields.TENSOR_DATA_TYPE -> type = r.varintInt("data_type");
                case OnnxFields.TENSOR_SEGMENT -> { r.skip(); segmented = true; }
                case OnnxFields.TENSOR_FLOAT_DATA -> floats.read(r);
                case OnnxFields.TENSOR_INT32_DATA, OnnxFields.TENSOR_INT64_DATA -> intData.read(r);
                case OnnxFields.TENSOR_STRING_DATA -> strings = add(strings, r.string("string_data"));
                case OnnxFields.TENSOR_NAME -> name = r.string("tensor name");
                case OnnxFields.TENSOR_RAW_DATA -> raw = r.slice("raw_data");
                case OnnxFields.TENSOR_DOUBLE_DATA -> doubles.read(r);
                case OnnxFields.TENSOR_EXTERNAL_DATA -> { r.skip(); external = true; }
                case OnnxFields.TENSOR_DATA_LOCATION -> external |= r.varintInt("data_location") == OnnxFields.LOCATION_EXTERNAL;
                default -> r.skip();
            }
        }
        return new Tensor(name, dims.array(), type, raw, floats.array(), doubles.array(), intData.array(), strings,
                external, segmented);
    }

    private static ValueInfo valueInfo(ProtoReader r) {
        String name = "";
        int elem = 0;
        List<Object> dims = List.of();
        boolean tensor = false, shaped = false;
        while (r.hasMore()) {
            switch (r.field()) {
                case OnnxFields.VALUE_NAME -> name = r.string("value name");
                case OnnxFields.VALUE_TYPE -> {
                    ProtoReader type = r.message("value type");
                    while (type.hasMore()) {
                        if (type.field() != OnnxFields.TYPE_TENSOR_TYPE) {
                            type.skip();      // a sequence or map type: not a tensor
                            continue;
                        }
                        tensor = true;
                        ProtoReader t = type.message("tensor_type");
                        while (t.hasMore()) {
                            switch (t.field()) {
                                case OnnxFields.TYPE_TENSOR_ELEM_TYPE -> elem = t.varintInt("elem_type");
                                case OnnxFields.TYPE_TENSOR_SHAPE -> { shaped = true; dims = shape(t.message("shape")); }
                                default -> t.skip();
                            }
                        }
                    }
                }
                default -> r.skip();
            }
        }
        return new ValueInfo(name, elem, dims, tensor, shaped);
    }

    private static List<Object> shape(ProtoReader r) {
        List<Object> dims = new ArrayList<>();
        while (r.hasMore()) {
            if (r.field() != OnnxFields.SHAPE_DIM) {
                r.skip();
                continue;
            }
            ProtoReader d = r.message("dim");
            Object value = null;
            while (d.hasMore()) {
                switch (d.field()) {
                    case OnnxFields.DIM_VALUE -> value = d.varintLong("dim_value");
                    case OnnxFields.DIM_PARAM -> value = d.string("dim_param");
                    default -> d.skip();
                }
            }
            dims.add(value);
        }
        return dims;
    }

    /** Repeated floats, packed (one length, then fixed32s) or not. */
    private static final class Floats {
        float[] a = new float[0];
        int n;

        void read(ProtoReader r) {
            if (r.wireType() == OnnxFields.LEN) {
                ProtoReader p = r.message("packed floats");
                while (p.hasMore()) {
                    add(p.fixed32());
                }
            } else {
                r.expect(OnnxFields.FIXED32, "a float");
                add(r.fixed32());
            }
        }

        private void add(float v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, Math.max(8, n * 2));
            }
            a[n++] = v;
        }

        float[] array() { return n == 0 ? null : Arrays.copyOf(a, n); }
    }

    /** Repeated doubles, packed or not. */
    private static final class Doubles {
        double[] a = new double[0];
        int n;

        void read(ProtoReader r) {
            if (r.wireType() == OnnxFields.LEN) {
                ProtoReader p = r.message("packed doubles");
                while (p.hasMore()) {
                    add(p.fixed64());
                }
            } else {
                r.expect(OnnxFields.FIXED64, "a double");
                add(r.fixed64());
            }
        }

        private void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, Math.max(8, n * 2));
            }
            a[n++] = v;
        }

        double[] array() { return n == 0 ? null : Arrays.copyOf(a, n); }
    }

    /** Repeated varint integers, packed or not. */
    private static final class Longs {
        long[] a = new long[0];
        int n;

        void read(ProtoReader r) {
            if (r.wireType() == OnnxFields.LEN) {
                ProtoReader p = r.message("packed integers");
                while (p.hasMore()) {
                    add(p.varint());
                }
            } else {
                r.expect(OnnxFields.VARINT, "an integer");
                add(r.varint());
            }
        }

        private void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, Math.max(4, n * 2));
            }
            a[n++] = v;
        }

        long[] array() { return n == 0 ? new long[0] : Arrays.copyOf(a, n); }
    }
}
