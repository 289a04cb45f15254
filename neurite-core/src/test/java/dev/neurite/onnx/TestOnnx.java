package dev.neurite.onnx;

import java.util.List;

/** A small ONNX graph builder for the import tests, on the package's own {@link ProtoWriter}. */
final class TestOnnx {
    private final ProtoWriter graph = new ProtoWriter();
    private final ProtoWriter model = new ProtoWriter();
    private int opset = 13;
    private boolean withGraph = true;

    /** x [N, 3] → Gemm(W (3, 2), b) → Relu → y: the valid base every negative test changes one thing of. */
    static TestOnnx base() {
        return new TestOnnx().input("x", OnnxFields.FLOAT, "N", 3L)
                .floats("W", new long[] {3, 2}, 1, 2, 3, 4, 5, 6).floats("b", new long[] {2}, 0.5f, -0.5f)
                .node("Gemm", "gemm", List.of("x", "W", "b"), List.of("z"))
                .node("Relu", "relu", List.of("z"), List.of("y")).output("y");
    }

    TestOnnx opset(int v) {
        opset = v;
        return this;
    }

    TestOnnx noGraph() {
        withGraph = false;
        return this;
    }

    TestOnnx node(String op, String name, List<String> in, List<String> out, ProtoWriter... attributes) {
        return node(op, name, "", in, out, attributes);
    }

    TestOnnx node(String op, String name, String domain, List<String> in, List<String> out, ProtoWriter... attributes) {
        ProtoWriter n = new ProtoWriter();
        in.forEach(i -> n.string(OnnxFields.NODE_INPUT, i));
        out.forEach(o -> n.string(OnnxFields.NODE_OUTPUT, o));
        n.string(OnnxFields.NODE_NAME, name).string(OnnxFields.NODE_OP_TYPE, op);
        for (ProtoWriter a : attributes) {
            n.message(OnnxFields.NODE_ATTRIBUTE, a);
        }
        if (!domain.isEmpty()) {
            n.string(OnnxFields.NODE_DOMAIN, domain);
        }
        graph.message(OnnxFields.GRAPH_NODE, n);
        return this;
    }

    static ProtoWriter intAttr(String name, long v) {
        return new ProtoWriter().string(OnnxFields.ATTR_NAME, name).varint(OnnxFields.ATTR_I, v)
                .varint(OnnxFields.ATTR_TYPE, OnnxFields.ATTR_TYPE_INT);
    }

    static ProtoWriter floatAttr(String name, float v) {
        return new ProtoWriter().string(OnnxFields.ATTR_NAME, name).fixed32(OnnxFields.ATTR_F, v)
                .varint(OnnxFields.ATTR_TYPE, OnnxFields.ATTR_TYPE_FLOAT);
    }

    static ProtoWriter stringsAttr(String name, String... values) {
        ProtoWriter a = new ProtoWriter().string(OnnxFields.ATTR_NAME, name);
        for (String v : values) {
            a.string(OnnxFields.ATTR_STRINGS, v);
        }
        return a.varint(OnnxFields.ATTR_TYPE, OnnxFields.ATTR_TYPE_STRINGS);
    }

    static ProtoWriter tensorAttr(String name, ProtoWriter tensor) {
        return new ProtoWriter().string(OnnxFields.ATTR_NAME, name).message(OnnxFields.ATTR_T, tensor)
                .varint(OnnxFields.ATTR_TYPE, OnnxFields.ATTR_TYPE_TENSOR);
    }

    static ProtoWriter graphAttr(String name) {
        return new ProtoWriter().string(OnnxFields.ATTR_NAME, name)
                .message(OnnxFields.ATTR_G, new ProtoWriter().string(OnnxFields.GRAPH_NAME, "sub"))
                .varint(OnnxFields.ATTR_TYPE, OnnxFields.ATTR_TYPE_GRAPH);
    }

    static ProtoWriter tensor(String name, long[] dims, float... values) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(OnnxFields.TENSOR_DIMS, d);
        }
        return t.varint(OnnxFields.TENSOR_DATA_TYPE, OnnxFields.FLOAT).string(OnnxFields.TENSOR_NAME, name)
                .bytes(OnnxFields.TENSOR_RAW_DATA, ProtoWriter.littleEndian(values));
    }

    TestOnnx floats(String name, long[] dims, float... values) {
        return initializer(tensor(name, dims, values));
    }

    TestOnnx initializer(ProtoWriter tensor) {
        graph.message(OnnxFields.GRAPH_INITIALIZER, tensor);
        return this;
    }

    TestOnnx raw(int field, ProtoWriter message) {
        graph.message(field, message);
        return this;
    }

    TestOnnx input(String name, int elemType, Object... dims) {
        graph.message(OnnxFields.GRAPH_INPUT, valueInfo(name, elemType, dims));
        return this;
    }

    TestOnnx output(String name) {
        graph.message(OnnxFields.GRAPH_OUTPUT, valueInfo(name, OnnxFields.FLOAT));
        return this;
    }

    private static ProtoWriter valueInfo(String name, int elemType, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            shape.message(OnnxFields.SHAPE_DIM, d instanceof Long l ? new ProtoWriter().varint(OnnxFields.DIM_VALUE, l)
                    : new ProtoWriter().string(OnnxFields.DIM_PARAM, (String) d));
        }
        ProtoWriter tensor = new ProtoWriter().varint(OnnxFields.TYPE_TENSOR_ELEM_TYPE, elemType);
        if (dims.length > 0) {
            tensor.message(OnnxFields.TYPE_TENSOR_SHAPE, shape);
        }
        return new ProtoWriter().string(OnnxFields.VALUE_NAME, name)
                .message(OnnxFields.VALUE_TYPE, new ProtoWriter().message(OnnxFields.TYPE_TENSOR_TYPE, tensor));
    }

    TestOnnx property(String key, String value) {
        model.message(OnnxFields.MODEL_METADATA_PROPS, new ProtoWriter().string(OnnxFields.ENTRY_KEY, key)
                .string(OnnxFields.ENTRY_VALUE, value));
        return this;
    }

    byte[] bytes() {
        model.varint(OnnxFields.MODEL_IR_VERSION, 7).string(OnnxFields.MODEL_PRODUCER_NAME, "test");
        if (withGraph) {
            model.message(OnnxFields.MODEL_GRAPH, graph);
        }
        model.message(OnnxFields.MODEL_OPSET_IMPORT, new ProtoWriter().varint(OnnxFields.OPSET_VERSION, opset));
        return model.toBytes();
    }
}
