package dev.neurite.onnx;

import dev.neurite.data.NormalizationKind;
import dev.neurite.io.SavedModel;
import dev.neurite.layer.Activation;
import dev.neurite.loss.Loss;
import dev.neurite.model.Architecture;
import dev.neurite.model.GraphNode;
import dev.neurite.model.ModelGraph;
import dev.neurite.model.NamedTensor;
import dev.neurite.onnx.OnnxProto.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model an imported chain becomes: for a file {@link OnnxExport} wrote, its properties read back (the
 * training architecture with its dropout, the loss, class names, normalisation kind and metadata, each used
 * only when it fits the graph); for a foreign file, what the graph and its producer give.
 */
final class OnnxProperties {
    private final Model m;
    private final OnnxChain chain;
    private final Map<String, String> p;

    OnnxProperties(Model m, OnnxChain chain) {
        this.m = m;
        this.chain = chain;
        this.p = m.properties();
    }

    ModelGraph graph(List<GraphNode> nodes) {
        NormalizationKind kind = kind();
        if (kind != null && nodes.get(0) instanceof GraphNode.Normalize n) {
            nodes = new ArrayList<>(nodes);
            nodes.set(0, new GraphNode.Normalize(kind, n.shift(), n.scale()));
        }
        Map<String, String> metadata = metadata();
        Architecture stored = architecture();
        if (stored != null) {
            for (List<GraphNode> candidate : List.of(nodes, withoutFinish(nodes))) {
                Loss loss = loss(candidate);
                try {
                    ModelGraph g = assemble(stored, candidate, loss, classNames(candidate), metadata);
                    checkSha(g, metadata);
                    return g;
                } catch (IllegalArgumentException e) {
                    // not the stored architecture (an edited file): read the chain as it is, below
                }
            }
            chain.notes.add("the architecture property '" + p.get(OnnxExport.ARCHITECTURE)
                    + "' does not match the graph; the graph is read as it is");
        }
        return ModelGraph.of(nodes, loss(nodes), classNames(nodes), metadata);
    }

    private static List<GraphNode> withoutFinish(List<GraphNode> nodes) {
        return nodes.get(nodes.size() - 1) instanceof GraphNode.Activate ? nodes.subList(0, nodes.size() - 1) : nodes;
    }

    private static ModelGraph assemble(Architecture a, List<GraphNode> nodes, Loss loss, List<String> names,
                                       Map<String, String> metadata) {
        List<NamedTensor> given = ModelGraph.of(nodes, loss, names, metadata).tensors();
        List<ModelGraph.TensorSpec> specs = ModelGraph.tensorShapes(a, nodes.get(0) instanceof GraphNode.Normalize n
                ? n.kind() : NormalizationKind.NONE);
        if (specs.size() != given.size()) {
            throw new IllegalArgumentException("tensor count");
        }
        Map<String, NamedTensor> byName = new LinkedHashMap<>();
        for (int k = 0; k < specs.size(); k++) {
            if (specs.get(k).size() != given.get(k).size()) {
                throw new IllegalArgumentException("tensor size");
            }
            byName.put(specs.get(k).name(), given.get(k));
        }
        ModelGraph g = ModelGraph.assemble(a, nodes.get(0) instanceof GraphNode.Normalize n ? n.kind()
                : NormalizationKind.NONE, (spec, into) -> byName.get(spec.name()).copyTo(into), loss, names, metadata);
        List<String> want = nodes.stream().map(OnnxProperties::describe).toList();
        if (!g.nodes().stream().map(OnnxProperties::describe).toList().equals(want)) {
            throw new IllegalArgumentException("nodes differ");
        }
        return g;
    }

    private static String describe(GraphNode n) {
        if (n instanceof GraphNode.Activate a) {
            return a.function() + " " + a.alpha() + " " + a.size();
        }
        return n.getClass().getSimpleName() + n.inputSize() + "x" + n.outputSize()
                + (n instanceof GraphNode.Affine f && f.bias() != null ? "b" : "");
    }

    private void checkSha(ModelGraph g, Map<String, String> metadata) {
        String claimed = p.get(OnnxExport.TENSORS_SHA256);
        if (claimed != null && !claimed.equals(OnnxExport.tensorsSha256(SavedModel.of(g)))) {
            chain.notes.add("the weights differ from those the exporter recorded (tensors_sha256 " + claimed + ")");
        }
    }

    private Architecture architecture() {
        String text = p.get(OnnxExport.ARCHITECTURE);
        if (text == null || text.length() > 32 * 1024) {
            return null;
        }
        try {
            return Architecture.parse(text, !"false".equals(p.get(OnnxExport.BIAS)), null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private NormalizationKind kind() {
        String k = p.get(OnnxExport.NORMALIZATION);
        if (k == null) {
            return null;
        }
        try {
            NormalizationKind kind = NormalizationKind.parse(k);
            return kind == NormalizationKind.NONE ? null : kind;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The stored loss when it fits the chain's ending, else the one the ending suggests. */
    private Loss loss(List<GraphNode> nodes) {
        Activation.Function ending = nodes.get(nodes.size() - 1) instanceof GraphNode.Activate a
                ? a.function() : Activation.Function.IDENTITY;
        String stored = p.get(OnnxExport.LOSS);
        for (Loss l : List.of(Loss.crossEntropy(), Loss.binaryCrossEntropy(), Loss.meanSquaredError(), Loss.sumOfSquares())) {
            if (l.cliName().equals(stored) && (l.fusedActivation() == null || l.fusedActivation() == ending
                    || ending == Activation.Function.IDENTITY)) {
                return l;
            }
        }
        return switch (ending) {
            case SOFTMAX -> Loss.crossEntropy();
            case SIGMOID -> Loss.binaryCrossEntropy();
            default -> Loss.meanSquaredError();
        };
    }

    private List<String> classNames(List<GraphNode> nodes) {
        int outputs = nodes.get(nodes.size() - 1).outputSize();
        int wanted = outputs == 1 ? 2 : outputs;
        List<String> names = p.containsKey(OnnxExport.CLASS_NAMES) ? JsonStrings.parse(p.get(OnnxExport.CLASS_NAMES))
                : chain.classNames();
        if (names == null || names.size() != wanted) {
            return null;
        }
        for (int k = 0; k < names.size(); k++) {
            if (!names.get(k).equals(Integer.toString(k))) {
                return names;
            }
        }
        return null;          // 0, 1, … K−1: the classes are their indices
    }

    private Map<String, String> metadata() {
        Map<String, String> out = new LinkedHashMap<>();
        p.forEach((k, v) -> {
            if (k.startsWith(OnnxExport.META_PREFIX)) {
                String key = k.substring(OnnxExport.META_PREFIX.length());
                if (SavedModel.isMetadataKey(key)) {
                    out.put(key, v);
                } else {
                    chain.notes.add("metadata property '" + k + "' left out: a model file cannot hold the key '" + key + "'");
                }
            } else if (!isNeuriteKey(k)) {
                if (SavedModel.isMetadataKey("user.onnx." + k)) {
                    out.put("user.onnx." + k, v);
                } else {
                    chain.notes.add("metadata property '" + k + "' left out: its key is not printable ASCII of at most"
                            + " 118 characters");
                }
            }
        });
        if (!"neurite".equals(m.producerName())) {
            out.put("user.onnx_producer", (m.producerName() + " " + m.producerVersion()).trim());
            out.put("user.onnx_opset", Long.toString(m.opsets().get("")));
        }
        return out;
    }

    private static boolean isNeuriteKey(String k) {
        return Set.of(OnnxExport.VERSION, OnnxExport.ARCHITECTURE, OnnxExport.BIAS, OnnxExport.LOSS,
                OnnxExport.NORMALIZATION, OnnxExport.CLASS_NAMES, OnnxExport.TENSORS_SHA256).contains(k);
    }
}
