package dev.neurite.onnx;

import dev.neurite.onnx.OnnxConstants.Constant;
import dev.neurite.onnx.OnnxProto.Attribute;
import dev.neurite.onnx.OnnxProto.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nodes after the model's output that only turn it into labels: ArgMax, scikit-learn's
 * ArrayFeatureExtractor(classes, argmax) and ZipMap, Neurite's own GreaterOrEqual for one output, and the
 * Cast, Reshape, Squeeze and Identity between them. They compute nothing Neurite keeps, except the class
 * labels they name; the values they give may be graph outputs.
 */
final class OnnxTail {
    static final Set<String> OPS = Set.of("ArgMax", "ArrayFeatureExtractor", "ZipMap", "Cast", "Reshape", "Identity",
            "Squeeze", "Flatten", "GreaterOrEqual");

    private final Set<String> values = new HashSet<>();
    private List<String> classNames;

    boolean contains(String value) {
        return values.contains(value);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    List<String> classNames() {
        return classNames;
    }

    void read(Node node, Map<String, Constant> constants, OnnxChain chain) {
        String op = node.opType();
        if (!OPS.contains(op)) {
            throw chain.refuse("after the model's output only an ArgMax, ArrayFeatureExtractor, ZipMap, GreaterOrEqual,"
                    + " Cast, Reshape or Identity tail is read");
        }
        if (op.equals("ZipMap")) {
            Attribute strings = node.attribute("classlabels_strings"), ints = node.attribute("classlabels_int64s");
            if (strings != null && !strings.strings().isEmpty()) {
                classNames = List.copyOf(strings.strings());
            } else if (ints != null && ints.ints().length > 0) {
                List<String> names = new ArrayList<>();
                for (long v : ints.ints()) {
                    names.add(Long.toString(v));
                }
                classNames = names;
            }
        } else if (op.equals("ArrayFeatureExtractor")) {
            Constant classes = constants.get(node.inputs().get(0));
            if (classes == null || classes.labels() == null) {
                throw chain.refuse("ArrayFeatureExtractor reads no constant list of class labels");
            }
            classNames = classes.labels();
        }
        values.addAll(node.outputs());
    }
}
