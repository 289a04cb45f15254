package dev.neurite.model;

import dev.neurite.data.Normalization;
import dev.neurite.data.NormalizationKind;
import dev.neurite.layer.Activation;
import dev.neurite.layer.BatchNorm;
import dev.neurite.layer.Buffer;
import dev.neurite.layer.Dense;
import dev.neurite.layer.Layer;
import dev.neurite.layer.Param;
import dev.neurite.loss.Loss;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A trained model as a format-neutral, immutable chain of steps: what the model file writes and reads,
 * and what other formats (ONNX) translate.
 *
 * <pre>
 *   Normalize(shift, scale)      x' = (x − shift) · scale          only when the model has a normalisation
 *   Affine(W: (in,out), b)       z  = x'·W + b                     one per dense layer; b may be absent
 *   BatchNorm(γ, β, mean, var)   y  = γ·(z − mean)/√(var + ε) + β  after a dense layer that has one
 *   Activate(f, alpha)           a  = f(z)                         after a dense layer that has one
 *   …
 *   head                         what the outputs mean ({@link #head()}): the loss, the task, the class names
 * </pre>
 * Dropout has no node (it is the identity at inference), but the training {@link #architecture()} is kept,
 * so a network rebuilt from the graph ({@link #toNetwork()}) trains and prints as the original did.
 *
 * <p>Every tensor is named by the parameter it came from: dense layer {@code i} (its position in the
 * network's layer list, as in a PyTorch {@code nn.Sequential}) has {@code "i.weight"} and {@code "i.bias"}, a
 * batchnorm at position {@code k} {@code "k.weight"} (γ), {@code "k.bias"} (β), {@code "k.running_mean"} and
 * {@code "k.running_var"}, the normalisation {@code "normalization.shift"} and {@code "normalization.scale"}. A graph always
 * agrees with its architecture: its tensors are exactly {@link #tensorShapes} of it, in that order,
 * which is checked when the graph is made, so a writer of {@link #tensors()} and a reader expecting
 * {@code tensorShapes} cannot disagree.
 */
public final class ModelGraph {
    /** The name and shape of one tensor a graph of some architecture holds. */
    public record TensorSpec(String name, List<Integer> shape) {
        public TensorSpec {
            shape = List.copyOf(shape);
        }

        /** The number of values (a long: an architecture read from a file may claim more than fit). */
        public long size() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private static final String SHIFT = "normalization.shift", SCALE = "normalization.scale";

    private final Architecture architecture;
    private final List<GraphNode> nodes;
    private final Loss loss;
    private final List<String> classNames;
    private final Map<String, String> metadata;
    private final OutputHead head;

    private ModelGraph(Architecture architecture, List<GraphNode> nodes, Loss loss, List<String> classNames,
                       Map<String, String> metadata) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.nodes = List.copyOf(nodes);
        this.loss = Objects.requireNonNull(loss, "loss");
        this.classNames = classNames == null ? null : List.copyOf(classNames);
        this.metadata = Map.copyOf(metadata);
        GraphPlan.requireMatches(architecture, this.nodes);
        GraphNode last = this.nodes.get(this.nodes.size() - 1);
        Activation.Function ending = last instanceof GraphNode.Activate a ? a.function() : Activation.Function.IDENTITY;
        this.head = OutputHead.of(ending, loss, architecture.outputSize()).named(this.classNames);
    }

    /**
     * The graph of a network with its normalisation, the loss it was trained with, its class names (null
     * for none) and free-form metadata; the weights are copied.
     *
     * @throws IllegalArgumentException if the loss does not fit the network or the normalisation its input
     */
    public static ModelGraph of(Network network, Normalization normalization, Loss loss, List<String> classNames,
                                Map<String, String> metadata) {
        if (normalization.features() != network.inputSize()) {
            throw new IllegalArgumentException("normalization has " + normalization.features()
                    + " features, the network takes " + network.inputSize());
        }
        List<GraphNode> nodes = new ArrayList<>();
        if (normalization.kind() != NormalizationKind.NONE) {
            int n = normalization.features();
            nodes.add(new GraphNode.Normalize(normalization.kind(), NamedTensor.adopt(SHIFT, new int[] {n},
                    normalization.shift()), NamedTensor.adopt(SCALE, new int[] {n}, normalization.scale())));
        }
        for (Layer layer : network.layers()) {                // dropout is the identity at inference: no node
            if (layer instanceof Dense d) {
                nodes.add(new GraphNode.Affine(tensor(d.weight(), d.inputSize(), d.outputSize()),
                        d.hasBias() ? tensor(d.bias(), d.outputSize()) : null));
            } else if (layer instanceof BatchNorm b) {
                int n = b.outputSize();
                nodes.add(new GraphNode.BatchNorm(tensor(b.gamma(), n), tensor(b.beta(), n), tensor(b.runningMean(), n),
                        tensor(b.runningVar(), n)));
            } else if (layer instanceof Activation a) {
                nodes.add(new GraphNode.Activate(a.function(), a.alpha(), a.outputSize()));
            }
        }
        return new ModelGraph(network.architecture(), nodes, loss, classNames, metadata);
    }

    private static NamedTensor tensor(Param p, int... shape) {
        return NamedTensor.adopt(p.name(), shape, java.util.Arrays.copyOf(p.value().data(), p.size()));
    }

    private static NamedTensor tensor(Buffer b, int... shape) {
        return NamedTensor.adopt(b.name(), shape, java.util.Arrays.copyOf(b.value().data(), b.size()));
    }

    /**
     * The graph of {@code architecture} (and a normalisation of {@code kind}): for each tensor of
     * {@link #tensorShapes}, in order, the graph allocates {@link TensorSpec#size()} floats and
     * {@code fill} writes the tensor's values into them, row-major in the graph's shape (a weight
     * {@code (in, out)}). This is how a file format rebuilds a graph without a second copy of its weights;
     * {@code fill} must not keep the arrays.
     */
    public static ModelGraph assemble(Architecture architecture, NormalizationKind kind,
                                      BiConsumer<TensorSpec, float[]> fill, Loss loss, List<String> classNames,
                                      Map<String, String> metadata) {
        return new ModelGraph(architecture, GraphPlan.nodes(architecture, kind, fill), loss, classNames, metadata);
    }

    /**
     * The graph of a chain of nodes that came from elsewhere (another format): an optional
     * {@link GraphNode.Normalize} first, then dense layers, each an {@link GraphNode.Affine} with an optional
     * {@link GraphNode.Activate} after it. The architecture is derived from the nodes (no dropout, the
     * default initialisers), and the tensors are renamed to the names that architecture gives them.
     *
     * @throws IllegalArgumentException if the chain is not of that form, its sizes do not chain, or some
     *                                  dense layers have a bias and others not
     */
    public static ModelGraph of(List<GraphNode> nodes, Loss loss, List<String> classNames, Map<String, String> metadata) {
        Architecture architecture = GraphPlan.architectureOf(nodes);
        NormalizationKind kind = nodes.get(0) instanceof GraphNode.Normalize n ? n.kind() : NormalizationKind.NONE;
        Map<Integer, NamedTensor> byPosition = new HashMap<>();
        List<NamedTensor> given = tensorsOf(nodes);
        for (int k = 0; k < given.size(); k++) {
            byPosition.put(k, given.get(k));
        }
        List<TensorSpec> specs = tensorShapes(architecture, kind);
        Map<String, Integer> position = new HashMap<>();
        for (int k = 0; k < specs.size(); k++) {
            position.put(specs.get(k).name(), k);
        }
        return assemble(architecture, kind, (spec, into) -> byPosition.get(position.get(spec.name())).copyTo(into), loss,
                classNames, metadata);
    }

    /**
     * The tensors a graph of {@code architecture} with a normalisation of {@code kind} holds, name → shape
     * in the graph's layout (a weight is {@code (in, out)}), in {@link #tensors()} order: each dense layer's
     * weight then bias (then its batchnorm's γ, β, running mean and running variance), layer by layer, then the normalisation's shift and scale. Computed from the
     * architecture alone, without allocating the tensors.
     */
    public static List<TensorSpec> tensorShapes(Architecture architecture, NormalizationKind kind) {
        return GraphPlan.tensorShapes(architecture, kind);
    }

    /** The network this graph describes, with its training architecture (dropout included) and a copy of the weights. */
    public Network toNetwork() {
        Network network = architecture.build(0);
        Map<String, NamedTensor> byName = new LinkedHashMap<>();
        for (NamedTensor t : tensors()) {
            byName.put(t.name(), t);
        }
        int filled = 0;
        float[][] values = network.snapshot();             // parameters, then buffers (batchnorm's running statistics)
        for (int i = 0; i < values.length; i++) {
            NamedTensor t = byName.get(network.snapshotName(i));
            if (t == null || t.size() != values[i].length) {
                throw new IllegalStateException("parameter " + network.snapshotName(i) + " (" + values[i].length
                        + " values) has no tensor of its size in the graph " + byName.values());
            }
            t.copyTo(values[i]);
            filled++;
        }
        network.restore(values);
        if (filled + (normalizationKind() == NormalizationKind.NONE ? 0 : 2) != byName.size()) {
            throw new IllegalStateException("the graph holds tensors the network " + architecture.toSpec()
                    + " has no parameter for: " + byName.keySet());
        }
        return network;
    }

    /** The normalisation the first node applies ({@link Normalization#none} when there is none). */
    public Normalization normalization() {
        if (nodes.get(0) instanceof GraphNode.Normalize n) {
            return new Normalization(n.kind(), n.shift().values(), n.scale().values());
        }
        return Normalization.none(architecture.inputSize());
    }

    /** The kind of the normalisation, {@code NONE} when the graph has no Normalize node. */
    public NormalizationKind normalizationKind() {
        return nodes.get(0) instanceof GraphNode.Normalize n ? n.kind() : NormalizationKind.NONE;
    }

    /** Every tensor in the order of {@link #tensorShapes}: weights and biases layer by layer, then the normalisation. */
    public List<NamedTensor> tensors() {
        return tensorsOf(nodes);
    }

    private static List<NamedTensor> tensorsOf(List<GraphNode> nodes) {
        List<NamedTensor> out = new ArrayList<>();
        GraphNode.Normalize norm = null;
        for (GraphNode node : nodes) {
            if (node instanceof GraphNode.Affine a) {
                out.add(a.weight());
                if (a.bias() != null) {
                    out.add(a.bias());
                }
            } else if (node instanceof GraphNode.BatchNorm b) {
                out.addAll(List.of(b.gamma(), b.beta(), b.mean(), b.variance()));
            } else if (node instanceof GraphNode.Normalize n) {
                norm = n;
            }
        }
        if (norm != null) {
            out.add(norm.shift());
            out.add(norm.scale());
        }
        return out;
    }

    /** The steps, in inference order. */
    public List<GraphNode> nodes() { return nodes; }

    /** The architecture the model was trained with: dropout, bias and initialiser included. */
    public Architecture architecture() { return architecture; }

    /** The loss the model was trained with. */
    public Loss loss() { return loss; }

    /** What the outputs mean: task, the activation that ends the prediction, the class names. */
    public OutputHead head() { return head; }

    /** The class names, or null when classes are just their indices. */
    public List<String> classNames() { return classNames; }

    /** Provenance and user metadata, free-form strings. */
    public Map<String, String> metadata() { return metadata; }

    public int inputSize() { return architecture.inputSize(); }

    public int outputSize() { return architecture.outputSize(); }

    @Override
    public String toString() {
        return "ModelGraph(" + architecture.toSpec() + ", " + nodes.size() + " nodes, " + head + ")";
    }
}
