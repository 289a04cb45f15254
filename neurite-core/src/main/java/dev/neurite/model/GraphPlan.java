package dev.neurite.model;

import dev.neurite.data.NormalizationKind;
import dev.neurite.layer.Activation;
import dev.neurite.model.ModelGraph.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The one walk over an {@link Architecture} that says which nodes and tensors its {@link ModelGraph} has:
 * the tensor list a reader expects, the nodes a reader assembles and the check every graph passes all
 * come from {@link #steps}. Dense layer {@code i} is named by its position in the network's layer list,
 * the rule {@link Network} names its parameters by: a dropout takes one position, a dense layer one, its
 * batchnorm (when it has one) one more, named like PyTorch's {@code BatchNorm1d} ({@code <k>.weight} γ,
 * {@code <k>.bias} β, {@code <k>.running_mean}, {@code <k>.running_var}), and its activation (when not the
 * identity) one more.
 */
final class GraphPlan {
    private static final String SHIFT = "normalization.shift", SCALE = "normalization.scale";

    /**
     * One dense layer of the plan: {@code (in, out)}, its tensor names (bias null without one), the position of its
     * batchnorm (-1 without one) and its activation.
     */
    private record Step(String weight, String bias, int in, int out, int batchNorm, Activation.Function function,
                        float alpha) {}

    static final String[] BATCH_NORM_TENSORS = {"weight", "bias", "running_mean", "running_var"};

    private GraphPlan() {}

    private static List<Step> steps(Architecture a) {
        List<Step> steps = new ArrayList<>();
        int position = 0, size = a.inputSize();
        for (LayerSpec spec : a.layers()) {
            if (spec instanceof LayerSpec.Dense d) {
                steps.add(new Step(position + ".weight", a.bias() ? position + ".bias" : null, size, d.units(),
                        d.batchNorm() ? position + 1 : -1, d.activation(), d.alpha()));
                size = d.units();
                position += d.layerCount();
            } else {
                position++;
            }
        }
        return steps;
    }

    static List<TensorSpec> tensorShapes(Architecture a, NormalizationKind kind) {
        List<TensorSpec> out = new ArrayList<>();
        for (Step s : steps(a)) {
            out.add(new TensorSpec(s.weight(), List.of(s.in(), s.out())));
            if (s.bias() != null) {
                out.add(new TensorSpec(s.bias(), List.of(s.out())));
            }
            if (s.batchNorm() >= 0) {
                for (String t : BATCH_NORM_TENSORS) {
                    out.add(new TensorSpec(s.batchNorm() + "." + t, List.of(s.out())));
                }
            }
        }
        if (kind != NormalizationKind.NONE) {
            out.add(new TensorSpec(SHIFT, List.of(a.inputSize())));
            out.add(new TensorSpec(SCALE, List.of(a.inputSize())));
        }
        return List.copyOf(out);
    }

    static List<GraphNode> nodes(Architecture a, NormalizationKind kind, BiConsumer<TensorSpec, float[]> values) {
        List<GraphNode> nodes = new ArrayList<>();
        if (kind != NormalizationKind.NONE) {
            int n = a.inputSize();
            nodes.add(new GraphNode.Normalize(kind, tensor(SHIFT, values, n), tensor(SCALE, values, n)));
        }
        for (Step s : steps(a)) {
            nodes.add(new GraphNode.Affine(tensor(s.weight(), values, s.in(), s.out()),
                    s.bias() == null ? null : tensor(s.bias(), values, s.out())));
            if (s.batchNorm() >= 0) {
                String p = s.batchNorm() + ".";
                nodes.add(new GraphNode.BatchNorm(tensor(p + "weight", values, s.out()), tensor(p + "bias", values, s.out()),
                        tensor(p + "running_mean", values, s.out()), tensor(p + "running_var", values, s.out())));
            }
            if (s.function() != Activation.Function.IDENTITY) {
                nodes.add(new GraphNode.Activate(s.function(), s.alpha(), s.out()));
            }
        }
        return nodes;
    }

    private static NamedTensor tensor(String name, BiConsumer<TensorSpec, float[]> fill, int... shape) {
        TensorSpec spec = new TensorSpec(name, Arrays.stream(shape).boxed().toList());
        float[] v = new float[Math.toIntExact(spec.size())];
        fill.accept(spec, v);
        return NamedTensor.adopt(name, shape, v);
    }

    /** Refuses nodes that are not exactly what {@code a} implies: the same steps, tensor names and shapes. */
    static void requireMatches(Architecture a, List<GraphNode> nodes) {
        NormalizationKind kind = !nodes.isEmpty() && nodes.get(0) instanceof GraphNode.Normalize n
                ? n.kind() : NormalizationKind.NONE;
        List<String> want = new ArrayList<>();
        if (kind != NormalizationKind.NONE) {
            want.add(normalize(kind, SHIFT + "[" + a.inputSize() + "]", SCALE + "[" + a.inputSize() + "]"));
        }
        for (Step s : steps(a)) {
            want.add(affine(s.weight() + "[" + s.in() + ", " + s.out() + "]",
                    s.bias() == null ? null : s.bias() + "[" + s.out() + "]"));
            if (s.batchNorm() >= 0) {
                String p = s.batchNorm() + ".", n = "[" + s.out() + "]";
                want.add(batchNorm(p + "weight" + n, p + "bias" + n, p + "running_mean" + n, p + "running_var" + n));
            }
            if (s.function() != Activation.Function.IDENTITY) {
                want.add(activate(s.function(), s.alpha(), s.out()));
            }
        }
        List<String> got = nodes.stream().map(GraphPlan::describe).toList();
        if (!want.equals(got)) {
            throw new IllegalArgumentException("the graph's nodes " + got + " are not those of its architecture "
                    + a.toSpec() + (a.bias() ? "" : " without bias") + ": " + want);
        }
    }

    /** A node as {@link #requireMatches} compares it: its kind, tensor names and shapes, activation and slope. */
    static String describe(GraphNode node) {
        if (node instanceof GraphNode.Normalize n) {
            return normalize(n.kind(), n.shift().toString(), n.scale().toString());
        } else if (node instanceof GraphNode.Affine f) {
            return affine(f.weight().toString(), f.bias() == null ? null : f.bias().toString());
        } else if (node instanceof GraphNode.BatchNorm b) {
            return batchNorm(b.gamma().toString(), b.beta().toString(), b.mean().toString(), b.variance().toString());
        }
        GraphNode.Activate f = (GraphNode.Activate) node;
        return activate(f.function(), f.alpha(), f.size());
    }

    private static String normalize(NormalizationKind kind, String shift, String scale) {
        return "Normalize(" + kind + ", " + shift + ", " + scale + ")";
    }

    private static String affine(String weight, String bias) {
        return "Affine(" + weight + (bias == null ? "" : ", " + bias) + ")";
    }

    private static String batchNorm(String gamma, String beta, String mean, String variance) {
        return "BatchNorm(" + gamma + ", " + beta + ", " + mean + ", " + variance + ")";
    }

    private static String activate(Activation.Function f, float alpha, int size) {
        return "Activate(" + f.cliName() + (f == Activation.Function.LEAKY_RELU ? " " + alpha : "") + ", " + size + ")";
    }

    /** The architecture of a chain of nodes from elsewhere: no dropout, default initialisers. */
    static Architecture architectureOf(List<GraphNode> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a model graph needs at least one Affine node, was empty");
        }
        int input = nodes.get(0).inputSize(), size = input;
        List<LayerSpec> layers = new ArrayList<>();
        int biases = 0, affines = 0;
        for (int k = 0; k < nodes.size(); k++) {
            GraphNode node = nodes.get(k);
            if (node.inputSize() != size) {
                throw new IllegalArgumentException("node " + k + " " + describe(node) + " reads " + node.inputSize()
                        + " values, the node before gives " + size);
            }
            if (node instanceof GraphNode.Normalize && k > 0) {
                throw new IllegalArgumentException("node " + k + ": a Normalize node may only come first");
            } else if (node instanceof GraphNode.Affine f) {
                boolean normed = k + 1 < nodes.size() && nodes.get(k + 1) instanceof GraphNode.BatchNorm;
                if (normed && nodes.get(k + 1).inputSize() != f.outputSize()) {
                    throw new IllegalArgumentException("node " + (k + 1) + " " + describe(nodes.get(k + 1)) + " reads "
                            + nodes.get(k + 1).inputSize() + " values, the node before gives " + f.outputSize());
                }
                int a = k + (normed ? 2 : 1);
                boolean activated = a < nodes.size() && nodes.get(a) instanceof GraphNode.Activate;
                GraphNode.Activate act = activated ? (GraphNode.Activate) nodes.get(a) : null;
                if (act != null && act.size() != f.outputSize()) {
                    throw new IllegalArgumentException("node " + a + " " + describe(act) + " reads " + act.size()
                            + " values, the node before gives " + f.outputSize());
                }
                layers.add(act == null ? new LayerSpec.Dense(f.outputSize(), Activation.Function.IDENTITY,
                        Activation.DEFAULT_LEAKY_SLOPE, normed)
                        : new LayerSpec.Dense(f.outputSize(), act.function(), act.alpha(), normed));
                affines++;
                biases += f.bias() == null ? 0 : 1;
                k += (normed ? 1 : 0) + (activated ? 1 : 0);
            } else if (node instanceof GraphNode.BatchNorm) {
                throw new IllegalArgumentException("node " + k + ": a BatchNorm node must follow an Affine node");
            } else if (node instanceof GraphNode.Activate) {
                throw new IllegalArgumentException("node " + k + ": an Activate node must follow an Affine node");
            }
            size = node.outputSize();
        }
        if (biases != 0 && biases != affines) {
            throw new IllegalArgumentException(biases + " of the " + affines + " Affine nodes have a bias; give all of them"
                    + " one (zeros where there was none) or none");
        }
        return new Architecture(input, layers, biases > 0, null);
    }
}
