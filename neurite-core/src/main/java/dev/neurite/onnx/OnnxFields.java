package dev.neurite.onnx;

/**
 * The field numbers, enum values and IR versions of the ONNX schema that Neurite reads and writes, in one
 * place. They are those of {@code onnx/onnx.proto} in the ONNX repository (proto2, package {@code onnx}):
 * each constant is named {@code MESSAGE_FIELD} after the message and field it stands for. Only the ten
 * messages an MLP needs are here; every other field is skipped on reading and never written.
 */
final class OnnxFields {
    private OnnxFields() {}

    // protobuf wire types (the low 3 bits of a tag)
    static final int VARINT = 0, FIXED64 = 1, LEN = 2, FIXED32 = 5;

    // ModelProto
    static final int MODEL_IR_VERSION = 1, MODEL_PRODUCER_NAME = 2, MODEL_PRODUCER_VERSION = 3, MODEL_DOMAIN = 4,
            MODEL_MODEL_VERSION = 5, MODEL_DOC_STRING = 6, MODEL_GRAPH = 7, MODEL_OPSET_IMPORT = 8,
            MODEL_METADATA_PROPS = 14, MODEL_TRAINING_INFO = 20, MODEL_FUNCTIONS = 25;

    // OperatorSetIdProto
    static final int OPSET_DOMAIN = 1, OPSET_VERSION = 2;

    // StringStringEntryProto
    static final int ENTRY_KEY = 1, ENTRY_VALUE = 2;

    // GraphProto
    static final int GRAPH_NODE = 1, GRAPH_NAME = 2, GRAPH_INITIALIZER = 5, GRAPH_DOC_STRING = 10, GRAPH_INPUT = 11,
            GRAPH_OUTPUT = 12, GRAPH_VALUE_INFO = 13, GRAPH_SPARSE_INITIALIZER = 15;

    // NodeProto
    static final int NODE_INPUT = 1, NODE_OUTPUT = 2, NODE_NAME = 3, NODE_OP_TYPE = 4, NODE_ATTRIBUTE = 5,
            NODE_DOMAIN = 7;

    // AttributeProto, and its AttributeType enum
    static final int ATTR_NAME = 1, ATTR_F = 2, ATTR_I = 3, ATTR_S = 4, ATTR_T = 5, ATTR_G = 6, ATTR_FLOATS = 7,
            ATTR_INTS = 8, ATTR_STRINGS = 9, ATTR_TYPE = 20;
    static final int ATTR_TYPE_FLOAT = 1, ATTR_TYPE_INT = 2, ATTR_TYPE_STRING = 3, ATTR_TYPE_TENSOR = 4,
            ATTR_TYPE_GRAPH = 5, ATTR_TYPE_FLOATS = 6, ATTR_TYPE_INTS = 7, ATTR_TYPE_STRINGS = 8;

    // TensorProto, its DataType and DataLocation enums
    static final int TENSOR_DIMS = 1, TENSOR_DATA_TYPE = 2, TENSOR_SEGMENT = 3, TENSOR_FLOAT_DATA = 4,
            TENSOR_INT32_DATA = 5, TENSOR_STRING_DATA = 6, TENSOR_INT64_DATA = 7, TENSOR_NAME = 8, TENSOR_RAW_DATA = 9,
            TENSOR_DOUBLE_DATA = 10, TENSOR_EXTERNAL_DATA = 13, TENSOR_DATA_LOCATION = 14;
    static final int FLOAT = 1, INT32 = 6, INT64 = 7, STRING = 8, BOOL = 9, DOUBLE = 11;
    static final int LOCATION_EXTERNAL = 1;

    // ValueInfoProto
    static final int VALUE_NAME = 1, VALUE_TYPE = 2;

    // TypeProto (tensor_type is one arm of its oneof) and TypeProto.Tensor
    static final int TYPE_TENSOR_TYPE = 1, TYPE_TENSOR_ELEM_TYPE = 1, TYPE_TENSOR_SHAPE = 2;

    // TensorShapeProto and its Dimension (a oneof of dim_value and dim_param)
    static final int SHAPE_DIM = 1, DIM_VALUE = 1, DIM_PARAM = 2;

    /** The default domain: the standard operators are named by an empty domain or {@code "ai.onnx"}. */
    static final String DEFAULT_DOMAIN = "", DEFAULT_DOMAIN_ALIAS = "ai.onnx", ML_DOMAIN = "ai.onnx.ml";

    /** The opsets Neurite exports: the default, and the highest it writes. */
    static final int DEFAULT_OPSET = 13, MIN_EXPORT_OPSET = 13, MAX_EXPORT_OPSET = 21, MIN_IMPORT_OPSET = 9;

    /**
     * The IR version a model of {@code opset} declares: the one the ONNX release that introduced that opset
     * wrote (opset 13 and 14: IR 7; 15 to 18: IR 8; 19 and 20: IR 9; 21: IR 10).
     */
    static int irVersionFor(int opset) {
        if (opset <= 14) {
            return 7;
        } else if (opset <= 18) {
            return 8;
        } else if (opset <= 20) {
            return 9;
        }
        return 10;
    }

    /** A data type's name, for messages. */
    static String typeName(int dataType) {
        return switch (dataType) {
            case FLOAT -> "FLOAT";
            case 2 -> "UINT8";
            case 3 -> "INT8";
            case 4 -> "UINT16";
            case 5 -> "INT16";
            case INT32 -> "INT32";
            case INT64 -> "INT64";
            case STRING -> "STRING";
            case BOOL -> "BOOL";
            case 10 -> "FLOAT16";
            case DOUBLE -> "DOUBLE";
            case 16 -> "BFLOAT16";
            default -> "data type " + dataType;
        };
    }
}
