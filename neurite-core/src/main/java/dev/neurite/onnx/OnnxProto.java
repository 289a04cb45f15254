package dev.neurite.onnx;

import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX file Neurite reads, as {@link OnnxParser} decodes them: plain immutable records of the
 * messages in {@link OnnxFields}. Counts and data are what the file holds, already bounded by its size;
 * whether they make sense is for {@link OnnxChain} to decide.
 */
final class OnnxProto {
    private OnnxProto() {}

    /** ModelProto. {@code opsets} maps a domain ("" for the standard one) to its version. */
    record Model(long irVersion, String producerName, String producerVersion, Map<String, Long> opsets, Graph graph,
                 Map<String, String> properties, int functions, int trainingInfos) {}

    /** GraphProto. */
    record Graph(String name, List<Node> nodes, List<Tensor> initializers, List<ValueInfo> inputs,
                 List<ValueInfo> outputs, int sparseInitializers) {}

    /** NodeProto. */
    record Node(List<String> inputs, List<String> outputs, String name, String opType, String domain,
                List<Attribute> attributes) {
        Attribute attribute(String attributeName) {
            for (Attribute a : attributes) {
                if (a.name().equals(attributeName)) {
                    return a;
                }
            }
            return null;
        }
    }

    /** AttributeProto: the one value its {@code type} says, or the default of the others. */
    record Attribute(String name, int type, float f, long i, String s, Tensor t, float[] floats, long[] ints,
                     List<String> strings, boolean hasGraph) {}

    /** ValueInfoProto of a tensor: its element type and each dimension (a Long, a String parameter, or null). */
    record ValueInfo(String name, int elemType, List<Object> dims, boolean tensorType, boolean shaped) {}

    /**
     * TensorProto: its dims, type and values as the file holds them: {@code raw} (little-endian bytes, read
     * in place), or one of the typed fields.
     */
    record Tensor(String name, long[] dims, int dataType, ProtoReader.Slice raw, float[] floatData, double[] doubleData,
                  long[] intData, List<String> stringData, boolean external, boolean segmented) {
        /** The number of values its dims describe, or −1 when that overflows a long. */
        long declaredSize() {
            long n = 1;
            for (long d : dims) {
                if (d < 0 || (d != 0 && n > Long.MAX_VALUE / d)) {
                    return -1;
                }
                n *= d;
            }
            return n;
        }
    }
}
