package dev.neurite.onnx;

import dev.neurite.data.NormalizationKind;
import dev.neurite.layer.Activation;
import dev.neurite.model.GraphNode;
import dev.neurite.onnx.OnnxConstants.Constant;
import dev.neurite.onnx.OnnxProto.Attribute;
import dev.neurite.onnx.OnnxProto.Graph;
import dev.neurite.onnx.OnnxProto.Node;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an ONNX graph as a straight chain of Neurite steps: walks the nodes in file order, following the one
 * value that flows from the graph's input ("the chain"), and turns each node it meets into a part of a
 * {@link GraphNode}; anything else is refused by {@link #refuse}, naming the node. What it accepts is listed in
 * {@link #SUPPORTED} and docs/onnx.md; the normalisation constants and layer shapes are checked in
 * {@link OnnxLayers}.
 */
final class OnnxChain {
    static final String SUPPORTED = "Neurite reads straight-chain MLPs: one FLOAT or DOUBLE input [batch, features];"
            + " constant Sub/Div/Mul/Add before the first layer (the normalisation); Gemm (transB, alpha, beta) or"
            + " MatMul + Add per dense layer, weights from initializers or Constant nodes; an inference-mode"
            + " BatchNormalization right after a layer; Relu, Tanh, Sigmoid,"
            + " LeakyRelu, Softmax (last axis) after a layer; Flatten, Dropout, Identity and Cast along the way; an"
            + " ArgMax, ArrayFeatureExtractor, ZipMap, Cast, Reshape tail for labels (docs/onnx.md)";

    private final Graph graph;
    private final Map<String, Constant> constants = new HashMap<>();
    private final OnnxTail tail = new OnnxTail();
    private final Set<String> consumed = new HashSet<>();
    final OnnxLayers layers;
    final Set<String> notes = new LinkedHashSet<>();
    private String chain;          // the value flowing from the input
    private boolean frozen;        // a tail node has read the chain: no more layers
    private int index;
    private Node node;

    OnnxChain(Graph graph) {
        this.graph = graph;
        this.layers = new OnnxLayers(this);
        for (OnnxProto.Tensor t : graph.initializers()) {
            try {
                Constant c = OnnxConstants.of(t);
                constants.put(t.name(), c);
                noteDouble(c);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("initializer: " + e.getMessage());
            }
        }
    }

    /** Walks every node from the input {@code input}; returns the chain's steps. */
    List<GraphNode> read(String input) {
        chain = input;
        for (index = 0; index < graph.nodes().size(); index++) {
            node = graph.nodes().get(index);
            step();
        }
        node = null;
        List<GraphNode> nodes = layers.finish();
        checkOutputs();
        return nodes;
    }

    private void step() {
        if (!node.domain().isEmpty() && !(node.domain().equals(OnnxFields.ML_DOMAIN) && node.opType().equals("ZipMap")
                || node.domain().equals(OnnxFields.ML_DOMAIN) && node.opType().equals("ArrayFeatureExtractor"))) {
            throw refuse("its domain '" + node.domain() + "' is not the standard one");
        }
        for (Attribute a : node.attributes()) {
            if (a.hasGraph()) {
                throw refuse("it holds a subgraph (attribute '" + a.name() + "')");
            }
        }
        if (node.opType().equals("Constant")) {
            try {
                Constant c = OnnxConstants.ofNode(node);
                constants.put(c.name(), c);
                noteDouble(c);
            } catch (IllegalArgumentException e) {
                throw refuse(e.getMessage());
            }
            return;
        }
        boolean readsChain = node.inputs().contains(chain);
        if (!readsChain && node.inputs().stream().anyMatch(consumed::contains)) {
            throw refuse("it reads a value that an earlier node already read: the graph branches");
        }
        if (readsChain) {
            onChain();
        } else if (node.inputs().stream().anyMatch(tail::contains)) {
            tail.read(node, constants, this);
        } else if (!node.inputs().isEmpty() && node.inputs().stream().allMatch(constants::containsKey)) {
            foldConstant();
        } else {
            throw refuse("it does not read the input's chain: the graph branches or has a dynamic input");
        }
    }

    private void onChain() {
        String op = node.opType();
        if (frozen) {
            if (!OnnxTail.OPS.contains(op)) {
                throw refuse("it reads the model's output after the label tail began: the graph branches");
            }
            tail.read(node, constants, this);
            return;
        }
        for (String in : node.inputs()) {
            if (!in.equals(chain) && !in.isEmpty() && !constants.containsKey(in)) {
                throw refuse("its input '" + in + "' is neither the chain nor a constant (a dynamic weight or a branch)");
            }
        }
        if (node.inputs().stream().filter(chain::equals).count() > 1) {
            throw refuse("it reads the chain twice: the graph branches");
        }
        switch (op) {
            case "Identity", "Dropout" -> { }
            case "Flatten" -> {
                long axis = intAttribute("axis", 1);
                if (axis != 1 && axis != -1) {
                    throw refuse("Flatten axis " + axis + " on a [batch, features] input; Neurite reads axis 1 only");
                }
            }
            case "Cast" -> {
                long to = intAttribute("to", -1);
                if (to == OnnxFields.DOUBLE) {
                    notes.add("the graph computes in float64 from node " + index + " (" + op + "); Neurite computes in float32");
                } else if (to != OnnxFields.FLOAT) {
                    throw refuse("Cast to " + OnnxFields.typeName((int) to) + " on the chain; only FLOAT and DOUBLE are read");
                }
            }
            case "Sub", "Div", "Mul", "Add" -> layers.elementwise(op, constantOperand(op));
            case "MatMul" -> {
                if (!node.inputs().get(0).equals(chain)) {
                    throw refuse("MatMul(W, x) multiplies from the left; Neurite reads x·W with x first");
                }
                layers.matMul(constant(1));
            }
            case "Gemm" -> gemm();
            case "BatchNormalization" -> batchNormalization();
            case "Relu" -> layers.activate(Activation.Function.RELU, Activation.DEFAULT_LEAKY_SLOPE);
            case "Tanh" -> layers.activate(Activation.Function.TANH, Activation.DEFAULT_LEAKY_SLOPE);
            case "Sigmoid" -> layers.activate(Activation.Function.SIGMOID, Activation.DEFAULT_LEAKY_SLOPE);
            case "LeakyRelu" -> {
                float alpha = floatAttribute("alpha", 0.01f);
                if (!(alpha >= 0 && alpha < 1)) {
                    throw refuse("LeakyRelu alpha " + alpha + " is outside [0, 1), which Neurite's leaky ReLU takes");
                }
                layers.activate(Activation.Function.LEAKY_RELU, alpha);
            }
            case "Softmax" -> {
                long axis = intAttribute("axis", -1);
                if (axis != -1 && axis != 1) {
                    throw refuse("Softmax on axis " + axis + "; Neurite's softmax is over the last axis of [batch, classes]");
                }
                layers.activate(Activation.Function.SOFTMAX, Activation.DEFAULT_LEAKY_SLOPE);
            }
            case "ArgMax", "ZipMap", "Reshape", "Squeeze", "GreaterOrEqual" -> {
                frozen = true;
                tail.read(node, constants, this);
            }
            default -> throw refuse("the operator is not supported");
        }
        if (!frozen) {
            advance();
        }
    }

    private void advance() {
        consumed.add(chain);
        if (node.outputs().isEmpty() || node.outputs().get(0).isEmpty()) {
            throw refuse("it has no output");
        }
        chain = node.outputs().get(0);
    }

    private void gemm() {
        if (!node.inputs().get(0).equals(chain)) {
            throw refuse("Gemm's first input must be the chain x (Gemm(x, W, b))");
        }
        if (intAttribute("transA", 0) != 0) {
            throw refuse("Gemm transA = 1 would transpose the batch; Neurite reads x·W with transA = 0");
        }
        Constant w = constant(1);
        Constant c = node.inputs().size() > 2 && !node.inputs().get(2).isEmpty() ? constant(2) : null;
        layers.gemm(w, intAttribute("transB", 0) != 0, floatAttribute("alpha", 1f), c, floatAttribute("beta", 1f));
    }

    private void batchNormalization() {
        if (!node.inputs().get(0).equals(chain) || node.inputs().size() != 5) {
            throw refuse("BatchNormalization needs the chain and four constants (scale, B, mean, var), has inputs "
                    + node.inputs());
        }
        if (intAttribute("training_mode", 0) != 0 || node.outputs().size() > 1) {
            throw refuse("BatchNormalization in training mode (running statistics as outputs); Neurite reads inference mode");
        }
        layers.batchNorm(constant(1), constant(2), constant(3), constant(4), floatAttribute("epsilon", 1e-5f));
    }

    private Constant constantOperand(String op) {
        if (node.inputs().size() != 2) {
            throw refuse(op + " needs two inputs, has " + node.inputs().size());
        }
        boolean chainFirst = node.inputs().get(0).equals(chain);
        if (!chainFirst && (op.equals("Sub") || op.equals("Div"))) {
            throw refuse(op + "(constant, x) is not a normalisation; Neurite reads " + op + "(x, constant)");
        }
        return constant(chainFirst ? 1 : 0);
    }

    private Constant constant(int input) {
        if (node.inputs().size() <= input) {
            throw refuse("it needs input " + input + ", has " + node.inputs().size());
        }
        Constant c = constants.get(node.inputs().get(input));
        if (c == null) {
            throw refuse("input '" + node.inputs().get(input) + "' is not a constant: Neurite reads weights from initializers"
                    + " or Constant nodes (a dynamic weight)");
        }
        if (c.values() == null) {
            throw refuse("input '" + c.name() + "' holds strings, not numbers");
        }
        return c;
    }

    /** A node computing from constants only: Identity, Cast or Transpose, folded here (as exporters leave them). */
    private void foldConstant() {
        Constant in = constants.get(node.inputs().get(0));
        String out = node.outputs().isEmpty() ? "" : node.outputs().get(0);
        switch (node.opType()) {
            case "Identity", "Cast" -> constants.put(out, new Constant(out, in.dims(), in.values(), in.labels(), in.wasDouble()));
            case "Transpose" -> {
                if (in.rank() != 2 || in.values() == null) {
                    throw refuse("Transpose of a constant of rank " + in.rank() + "; Neurite folds rank-2 transposes only");
                }
                constants.put(out, OnnxConstants.transpose(in, out));
            }
            default -> throw refuse("it computes from constants alone, which Neurite does not fold for " + node.opType());
        }
    }

    /** The class labels the tail names (ArrayFeatureExtractor's constant, ZipMap's labels), or null. */
    List<String> classNames() {
        return tail.classNames();
    }

    private void checkOutputs() {
        boolean chainOut = false;
        for (OnnxProto.ValueInfo out : graph.outputs()) {
            if (out.name().equals(chain)) {
                chainOut = true;
            } else if (!tail.contains(out.name())) {
                throw new IllegalArgumentException("graph output '" + out.name() + "' is not the model's output '" + chain
                        + "' nor its label tail: the graph branches. " + SUPPORTED);
            }
        }
        if (!chainOut && tail.isEmpty()) {
            throw new IllegalArgumentException("no graph output is the chain's last value '" + chain + "'. " + SUPPORTED);
        }
    }

    private void noteDouble(Constant c) {
        if (c.wasDouble()) {
            notes.add("float64 weights converted to float32 (rounded to nearest)");
        }
    }

    long intAttribute(String name, long otherwise) {
        Attribute a = node.attribute(name);
        return a == null ? otherwise : a.i();
    }

    float floatAttribute(String name, float otherwise) {
        Attribute a = node.attribute(name);
        return a == null ? otherwise : a.f();
    }

    /** The refusal of the current node: its index, name and op type, the reason, and what is supported. */
    IllegalArgumentException refuse(String reason) {
        if (node == null) {
            return new IllegalArgumentException(reason + ". " + SUPPORTED);
        }
        return new IllegalArgumentException("node " + index + " '" + node.name() + "' (" + node.opType() + "): " + reason
                + ". " + SUPPORTED);
    }

    /** The normalisation kind to record for a foreign graph's front constants. */
    static NormalizationKind foreignKind() {
        return NormalizationKind.STANDARD;
    }
}
