package dev.neurite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.data.Normalization;
import dev.neurite.data.NormalizationKind;
import dev.neurite.infer.Predictor;
import dev.neurite.layer.Activation.Function;
import dev.neurite.layer.Param;
import dev.neurite.loss.Loss;
import dev.neurite.tensor.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelGraphTest {
    private static final Matrix X = TestData.uniform(37, 5, -2, 3, 11);

    private static void assertRoundTrip(Network net, Normalization norm, Loss loss, List<String> names) {
        ModelGraph graph = ModelGraph.of(net, norm, loss, names, Map.of("seed", "1"));
        Network back = graph.toNetwork();
        String what = net.architecture().toSpec() + " bias " + net.architecture().bias() + " " + loss.cliName() + " " + norm;
        assertTrue(net.predict(X).contentEquals(back.predict(X)), what);
        Predictor before = Predictor.of(net, norm, loss), after = Predictor.of(back, graph.normalization(), graph.loss());
        assertTrue(before.predict(X).contentEquals(after.predict(X)), what);
        assertEquals(net.architecture(), back.architecture(), "dropout, bias and init are kept: " + what);
        assertEquals(net.toString(), back.toString());
        assertEquals(norm, graph.normalization());
        assertEquals(norm.kind(), graph.normalizationKind());
        assertEquals(OutputHead.of(net, loss).task(), graph.head().task());
        assertEquals(OutputHead.of(net, loss).activation(), graph.head().activation());
        assertEquals(names, graph.classNames());
        for (int i = 0; i < net.params().size(); i++) {
            assertTrue(Arrays.equals(net.snapshot()[i], back.snapshot()[i]), net.params().get(i).name());
        }
    }

    @Test
    void networkToGraphToNetworkPredictsBitForBitForEveryActivationHeadBiasDropoutAndNormalisation() {
        String[] hidden = {"7sigmoid", "7tanh", "7relu", "7lrelu", "7lrelu0.2", "7"};
        List<Normalization> norms = List.of(Normalization.none(5), Normalization.fitMinMax(TestData.uniform(9, 5, 0, 4, 2)),
                Normalization.fitStandard(TestData.uniform(9, 5, 0, 4, 3)));
        for (String h : hidden) {
            for (boolean bias : new boolean[] {true, false}) {
                for (String dropout : new String[] {"", "-d0.3"}) {
                    for (Normalization norm : norms) {
                        String body = "5" + dropout + "-" + h + dropout;
                        assertRoundTrip(net(body + "-3softmax", bias), norm, Loss.crossEntropy(), List.of("a", "b", "c"));
                        assertRoundTrip(net(body + "-1sigmoid", bias), norm, Loss.binaryCrossEntropy(), null);
                        assertRoundTrip(net(body + "-3", bias), norm, Loss.crossEntropy(), null);      // the head applies softmax
                        assertRoundTrip(net(body + "-2", bias), norm, Loss.meanSquaredError(), null);  // regression
                        assertRoundTrip(net(body + "-2tanh", bias), norm, Loss.sumOfSquares(), null);
                    }
                }
            }
        }
    }

    private static Network net(String spec, boolean bias) {
        return Architecture.parse(spec, bias, null).build(spec.hashCode());
    }

    @Test
    void nodesFollowTheNetworkWithoutDropoutAndTensorsAreNamedByTheirParameters() {
        Network net = Network.of("5-d0.2-7tanh-d0.1-3softmax", 4);
        ModelGraph g = ModelGraph.of(net, Normalization.fitStandard(TestData.uniform(9, 5, 0, 4, 3)), Loss.crossEntropy(),
                null, Map.of());
        assertEquals(List.of("Normalize(standard, normalization.shift[5], normalization.scale[5])",
                "Affine(1.weight[5, 7], 1.bias[7])", "Activate(tanh, 7)", "Affine(4.weight[7, 3], 4.bias[3])",
                "Activate(softmax, 3)"), g.nodes().stream().map(GraphPlan::describe).toList());
        List<String> paramNames = net.params().stream().map(Param::name).toList();
        assertEquals(paramNames, g.tensors().stream().map(NamedTensor::name).limit(4).toList());
        GraphNode.Affine first = (GraphNode.Affine) g.nodes().get(1);
        assertTrue(Arrays.equals(Arrays.copyOf(net.params().get(0).value().data(), 35), first.weight().values()), "W is (in, out)");
        net.params().get(0).value().data()[0] += 1;
        assertTrue(first.weight().get(0) != net.params().get(0).value().get(0, 0), "the graph holds a copy");
        assertEquals("5-d0.2-7tanh-d0.1-3softmax", g.architecture().toSpec());
    }

    @Test
    void theExpectedTensorListAndTheGraphsTensorsAndTheNetworksParametersAreOneWalk() {
        Random random = new Random(5);
        String[] acts = {"relu", "tanh", "sigmoid", "lrelu", "lrelu0.3", "", "softmax"};
        for (int trial = 0; trial < 200; trial++) {
            StringBuilder spec = new StringBuilder().append(1 + random.nextInt(6));
            int layers = 1 + random.nextInt(5);
            for (int l = 0; l < layers; l++) {
                if (random.nextInt(3) == 0) {
                    spec.append("-d0.").append(1 + random.nextInt(8));
                }
                spec.append('-').append(1 + random.nextInt(6)).append(acts[random.nextInt(acts.length)]);
            }
            Architecture a = Architecture.parse(spec.toString(), random.nextBoolean(), null);
            Network net = a.build(trial);
            NormalizationKind kind = NormalizationKind.values()[random.nextInt(3)];
            Normalization norm = kind == NormalizationKind.NONE ? Normalization.none(a.inputSize())
                    : Normalization.fit(kind, TestData.uniform(4, a.inputSize(), 0, 1, trial));
            ModelGraph g = ModelGraph.of(net, norm, Loss.meanSquaredError(), null, Map.of());
            List<ModelGraph.TensorSpec> written = new ArrayList<>();
            for (NamedTensor t : g.tensors()) {
                written.add(new ModelGraph.TensorSpec(t.name(), Arrays.stream(t.shape()).boxed().toList()));
            }
            assertEquals(ModelGraph.tensorShapes(a, kind), written, spec.toString());
            List<String> params = net.params().stream().map(Param::name).toList();
            assertEquals(params, written.stream().map(ModelGraph.TensorSpec::name).limit(params.size()).toList());
            ModelGraph assembled = ModelGraph.assemble(a, kind, (s, into) -> { }, Loss.meanSquaredError(),
                    null, Map.of());
            assertEquals(g.nodes().stream().map(GraphPlan::describe).toList(),
                    assembled.nodes().stream().map(GraphPlan::describe).toList(), spec.toString());
        }
    }

    @Test
    void nodesThatDisagreeWithTheirArchitectureAreRefused() {
        Architecture a = Architecture.parse("2-d0.5-3relu-1", false, null);
        NamedTensor w0 = new NamedTensor("1.weight", new int[] {2, 3}, new float[6]);
        List<GraphNode> right = List.of(new GraphNode.Affine(w0, null), new GraphNode.Activate(Function.RELU, 0.01f, 3),
                new GraphNode.Affine(new NamedTensor("3.weight", new int[] {3, 1}, new float[3]), null));
        GraphPlan.requireMatches(a, right);
        List<GraphNode> misnamed = List.of(right.get(0), right.get(1),
                new GraphNode.Affine(new NamedTensor("2.weight", new int[] {3, 1}, new float[3]), null));
        assertEquals("the graph's nodes [Affine(1.weight[2, 3]), Activate(relu, 3), Affine(2.weight[3, 1])] are not those of"
                + " its architecture 2-d0.5-3relu-1 without bias: [Affine(1.weight[2, 3]), Activate(relu, 3), Affine(3.weight[3, 1])]",
                assertThrows(IllegalArgumentException.class, () -> GraphPlan.requireMatches(a, misnamed)).getMessage());
        List<GraphNode> otherActivation = List.of(right.get(0), new GraphNode.Activate(Function.TANH, 0.01f, 3), right.get(2));
        assertThrows(IllegalArgumentException.class, () -> GraphPlan.requireMatches(a, otherActivation));
    }

    @Test
    void aChainFromElsewhereGetsItsArchitectureAndNeuriteNames() {
        Network net = Network.of("4-6relu-2", 9);
        ModelGraph original = ModelGraph.of(net, Normalization.none(4), Loss.meanSquaredError(), null, Map.of());
        GraphNode.Affine a = (GraphNode.Affine) original.nodes().get(0), b = (GraphNode.Affine) original.nodes().get(2);
        List<GraphNode> foreign = List.of(
                new GraphNode.Affine(new NamedTensor("fc1.weight", a.weight().shape(), a.weight().values()),
                        new NamedTensor("fc1.bias", a.bias().shape(), a.bias().values())),
                new GraphNode.Activate(Function.RELU, 0.01f, 6),
                new GraphNode.Affine(new NamedTensor("fc2.weight", b.weight().shape(), b.weight().values()),
                        new NamedTensor("fc2.bias", b.bias().shape(), b.bias().values())));
        ModelGraph g = ModelGraph.of(foreign, Loss.meanSquaredError(), null, Map.of());
        Matrix x4 = TestData.uniform(13, 4, -1, 1, 2);
        assertEquals("4-6relu-2", g.architecture().toSpec());
        assertNull(g.architecture().init());
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), g.tensors().stream().map(NamedTensor::name).toList());
        assertTrue(net.predict(x4).contentEquals(g.toNetwork().predict(x4)));
    }

    @Test
    void chainsThatAreNotAnMlpAndLossesThatDoNotFitAreRefused() {
        NamedTensor w = new NamedTensor("w", new int[] {2, 3}, new float[6]), w2 = new NamedTensor("v", new int[] {3, 1}, new float[3]);
        NamedTensor b = new NamedTensor("b", new int[] {3}, new float[3]);
        Loss mse = Loss.meanSquaredError();
        assertEquals("2 of the 3 Affine nodes have a bias; give all of them one (zeros where there was none) or none",
                assertThrows(IllegalArgumentException.class, () -> ModelGraph.of(List.of(new GraphNode.Affine(w, b),
                        new GraphNode.Affine(new NamedTensor("u", new int[] {3, 3}, new float[9]), b),
                        new GraphNode.Affine(w2, null)), mse, null, Map.of())).getMessage());
        assertEquals("node 1 Affine(w[2, 3]) reads 2 values, the node before gives 3",
                assertThrows(IllegalArgumentException.class, () -> ModelGraph.of(List.of(new GraphNode.Affine(w, null),
                        new GraphNode.Affine(w, null)), mse, null, Map.of())).getMessage());
        assertEquals("node 0: an Activate node must follow an Affine node", assertThrows(IllegalArgumentException.class,
                () -> ModelGraph.of(List.of(new GraphNode.Activate(Function.TANH, 0, 2), new GraphNode.Affine(w, null)), mse,
                        null, Map.of())).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GraphNode.Affine(w, w2));
        assertThrows(IllegalArgumentException.class, () -> new NamedTensor("x", new int[] {2, 2}, new float[3]));
        Network sigmoid = Network.of("2-1sigmoid", 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelGraph.of(sigmoid, Normalization.none(2),
                Loss.crossEntropy(), null, Map.of())).getMessage().contains("must end in softmax or be linear"));
        assertEquals("normalization has 3 features, the network takes 2", assertThrows(IllegalArgumentException.class,
                () -> ModelGraph.of(sigmoid, Normalization.none(3), mse, null, Map.of())).getMessage());
    }
}
