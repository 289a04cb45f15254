package dev.neurite.onnx;

import dev.neurite.model.NamedTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds one ONNX ModelProto: nodes in order (each names its one output {@code <Op>_<k>} until renamed),
 * float32 initializers as {@code raw_data}, graph inputs and outputs of rank 2 (or 1) with a named batch
 * dimension, the standard domain's opset, and metadata properties.
 */
final class OnnxGraphWriter {
    private final int opset;
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>(), outputs = new ArrayList<>();
    private final List<String[]> nodeIo = new ArrayList<>();       // per node: op, then inputs…, then its output last
    private final List<Map<String, ?>> nodeAttributes = new ArrayList<>();

    OnnxGraphWriter(int opset) {
        this.opset = opset;
    }

    /** Adds a float tensor as an initializer and returns its name. */
    String initializer(NamedTensor t) {
        ProtoWriter w = new ProtoWriter();
        for (int d : t.shape()) {
            w.varint(OnnxFields.TENSOR_DIMS, d);
        }
        w.varint(OnnxFields.TENSOR_DATA_TYPE, OnnxFields.FLOAT).string(OnnxFields.TENSOR_NAME, t.name())
                .bytes(OnnxFields.TENSOR_RAW_DATA, ProtoWriter.littleEndian(t.values()));
        initializers.add(w);
        return t.name();
    }

    /** Adds a 1-D INT64 initializer and returns its name. */
    String int64Initializer(String name, long[] values) {
        ProtoWriter w = new ProtoWriter().varint(OnnxFields.TENSOR_DIMS, values.length)
                .varint(OnnxFields.TENSOR_DATA_TYPE, OnnxFields.INT64).string(OnnxFields.TENSOR_NAME, name)
                .bytes(OnnxFields.TENSOR_RAW_DATA, ProtoWriter.littleEndian(values));
        initializers.add(w);
        return name;
    }

    /**
     * Adds a node with one output and returns that output's name. Attribute values are a Long (INT) or a
     * Float (FLOAT).
     */
    String node(String op, List<String> in, Map<String, ?> attributes) {
        String out = op + "_" + nodeIo.size();
        String[] io = new String[in.size() + 2];
        io[0] = op;
        for (int k = 0; k < in.size(); k++) {
            io[k + 1] = in.get(k);
        }
        io[io.length - 1] = out;
        nodeIo.add(io);
        nodeAttributes.add(new TreeMap<>(attributes));
        return out;
    }

    /** Renames the last node's output (nothing reads it yet). */
    void renameLast(String name) {
        String[] io = nodeIo.get(nodeIo.size() - 1);
        io[io.length - 1] = name;
    }

    /** A graph input {@code [batch, size]} of {@code elemType}. */
    void input(String name, int elemType, String batch, int size) {
        inputs.add(valueInfo(name, elemType, batch, size));
    }

    /** A graph output {@code [batch, size]}, or {@code [batch]} when size is −1. */
    void output(String name, int elemType, String batch, int size) {
        outputs.add(valueInfo(name, elemType, batch, size));
    }

    private static ProtoWriter valueInfo(String name, int elemType, String batch, int size) {
        ProtoWriter shape = new ProtoWriter().message(OnnxFields.SHAPE_DIM, new ProtoWriter().string(OnnxFields.DIM_PARAM, batch));
        if (size >= 0) {
            shape.message(OnnxFields.SHAPE_DIM, new ProtoWriter().varint(OnnxFields.DIM_VALUE, size));
        }
        ProtoWriter tensor = new ProtoWriter().varint(OnnxFields.TYPE_TENSOR_ELEM_TYPE, elemType)
                .message(OnnxFields.TYPE_TENSOR_SHAPE, shape);
        return new ProtoWriter().string(OnnxFields.VALUE_NAME, name)
                .message(OnnxFields.VALUE_TYPE, new ProtoWriter().message(OnnxFields.TYPE_TENSOR_TYPE, tensor));
    }

    /** The ModelProto's bytes. */
    byte[] model(Map<String, String> properties) {
        ProtoWriter graph = new ProtoWriter();
        for (int n = 0; n < nodeIo.size(); n++) {
            String[] io = nodeIo.get(n);
            ProtoWriter node = new ProtoWriter();
            for (int k = 1; k < io.length - 1; k++) {
                node.string(OnnxFields.NODE_INPUT, io[k]);
            }
            node.string(OnnxFields.NODE_OUTPUT, io[io.length - 1]).string(OnnxFields.NODE_NAME, io[0] + "_" + n)
                    .string(OnnxFields.NODE_OP_TYPE, io[0]);
            nodeAttributes.get(n).forEach((key, value) -> node.message(OnnxFields.NODE_ATTRIBUTE, attribute(key, value)));
            graph.message(OnnxFields.GRAPH_NODE, node);
        }
        graph.string(OnnxFields.GRAPH_NAME, "neurite");
        initializers.forEach(t -> graph.message(OnnxFields.GRAPH_INITIALIZER, t));
        inputs.forEach(v -> graph.message(OnnxFields.GRAPH_INPUT, v));
        outputs.forEach(v -> graph.message(OnnxFields.GRAPH_OUTPUT, v));
        ProtoWriter model = new ProtoWriter().varint(OnnxFields.MODEL_IR_VERSION, OnnxFields.irVersionFor(opset))
                .string(OnnxFields.MODEL_PRODUCER_NAME, "neurite")
                .string(OnnxFields.MODEL_PRODUCER_VERSION, properties.getOrDefault(OnnxExport.VERSION, "dev"))
                .message(OnnxFields.MODEL_GRAPH, graph)
                .message(OnnxFields.MODEL_OPSET_IMPORT, new ProtoWriter().string(OnnxFields.OPSET_DOMAIN, "")
                        .varint(OnnxFields.OPSET_VERSION, opset));
        properties.forEach((k, v) -> model.message(OnnxFields.MODEL_METADATA_PROPS,
                new ProtoWriter().string(OnnxFields.ENTRY_KEY, k).string(OnnxFields.ENTRY_VALUE, v)));
        return model.toBytes();
    }

    private static ProtoWriter attribute(String name, Object value) {
        ProtoWriter a = new ProtoWriter().string(OnnxFields.ATTR_NAME, name);
        if (value instanceof Float f) {
            return a.fixed32(OnnxFields.ATTR_F, f).varint(OnnxFields.ATTR_TYPE, OnnxFields.ATTR_TYPE_FLOAT);
        }
        return a.varint(OnnxFields.ATTR_I, (Long) value).varint(OnnxFields.ATTR_TYPE, OnnxFields.ATTR_TYPE_INT);
    }
}
