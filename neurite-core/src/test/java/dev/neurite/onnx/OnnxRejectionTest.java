package dev.neurite.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per rule by which an ONNX file is refused: each changes one thing of a valid graph. */
class OnnxRejectionTest {
    private static String refused(TestOnnx g) {
        return refused(g.bytes());
    }

    private static String refused(byte[] bytes) {
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxImport.fromBytes(bytes, "m.onnx"));
        assertTrue(e.getMessage().startsWith("m.onnx: "), e.getMessage());
        return e.getMessage();
    }

    private static void namesNode(String message, int index, String name, String op) {
        assertTrue(message.contains("node " + index + " '" + name + "' (" + op + ")"), message);
        assertTrue(message.contains("Neurite reads straight-chain MLPs"), message);
    }

    @Test
    void theValidBaseIsRead() throws Exception {
        OnnxImport.Result r = OnnxImport.fromBytes(TestOnnx.base().bytes(), "m.onnx");
        assertEquals("3-2relu", r.model().network().architecture().toSpec());
        float[] y = dev.neurite.infer.Predictor.of(r.model()).predict(new float[] {1, 0, -1});
        assertTrue(Arrays.equals(new float[] {0, 0}, y) || y[0] == 0, Arrays.toString(y));   // relu(1−5+0.5, 2−6−0.5)
    }

    @Test
    void truncatedBytesAreNotAnOnnxFile() {
        byte[] ok = TestOnnx.base().bytes();
        String m = refused(Arrays.copyOf(ok, ok.length - 3));
        assertTrue(m.contains("not a valid ONNX file"), m);
    }

    @Test
    void aGroupWireTypeIsRefused() {
        assertTrue(refused(new byte[] {0x0B, 0x0C}).contains("group"));
    }

    @Test
    void aModelWithoutGraphIsRefused() {
        assertTrue(refused(TestOnnx.base().noGraph()).contains("no graph"));
    }

    @Test
    void anOpsetBelow9IsRefused() {
        String m = refused(TestOnnx.base().opset(8));
        assertTrue(m.contains("opset 8") && m.contains("opset 9 and later"), m);
    }

    @Test
    void anUnsupportedOperatorIsNamed() {
        TestOnnx g = TestOnnx.base().node("Conv", "conv1", List.of("y", "W"), List.of("c"));
        namesNode(refused(g), 2, "conv1", "Conv");
    }

    @Test
    void aCustomDomainIsRefused() {
        TestOnnx g = TestOnnx.base().node("Relu", "mine", "com.example", List.of("y"), List.of("c"));
        String m = refused(g);
        namesNode(m, 2, "mine", "Relu");
        assertTrue(m.contains("com.example"), m);
    }

    @Test
    void aBranchingGraphIsRefused() {
        // a residual connection: y + z reads z, which Relu already read
        String m = refused(TestOnnx.base().node("Add", "residual", List.of("y", "z"), List.of("s")));
        namesNode(m, 2, "residual", "Add");
        assertTrue(m.contains("branch"), m);
        String twice = refused(TestOnnx.base().node("Mul", "square", List.of("y", "y"), List.of("s")));
        assertTrue(twice.contains("reads the chain twice"), twice);
    }

    @Test
    void aDynamicWeightIsRefused() {
        // a weight computed at run time from a constant: not folded, so not a constant weight
        TestOnnx g = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 3L).floats("Wc", new long[] {3, 1}, 1, 2, 3)
                .node("Relu", "make_w", List.of("Wc"), List.of("w_dyn"))
                .node("MatMul", "mm", List.of("x", "w_dyn"), List.of("y")).output("y");
        String computed = refused(g);
        namesNode(computed, 0, "make_w", "Relu");
        assertTrue(computed.contains("computes from constants alone"), computed);
        TestOnnx undefined = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 3L)
                .node("MatMul", "mm", List.of("x", "W_from_nowhere"), List.of("y")).output("y");
        String m = refused(undefined);
        assertTrue(m.contains("dynamic weight"), m);
    }

    @Test
    void externalDataIsRefused() {
        ProtoWriter t = new ProtoWriter().varint(OnnxFields.TENSOR_DIMS, 3).varint(OnnxFields.TENSOR_DIMS, 2)
                .varint(OnnxFields.TENSOR_DATA_TYPE, OnnxFields.FLOAT).string(OnnxFields.TENSOR_NAME, "W")
                .message(OnnxFields.TENSOR_EXTERNAL_DATA, new ProtoWriter().string(OnnxFields.ENTRY_KEY, "location")
                        .string(OnnxFields.ENTRY_VALUE, "weights.bin"))
                .varint(OnnxFields.TENSOR_DATA_LOCATION, OnnxFields.LOCATION_EXTERNAL);
        TestOnnx g = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 3L).initializer(t)
                .node("MatMul", "mm", List.of("x", "W"), List.of("y")).output("y");
        assertTrue(refused(g).contains("external file"));
    }

    @Test
    void anInputOfRankOtherThanTwoIsRefused() {
        TestOnnx g = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 3L, 4L)
                .floats("W", new long[] {3, 2}, 1, 2, 3, 4, 5, 6).node("MatMul", "mm", List.of("x", "W"), List.of("y"))
                .output("y");
        assertTrue(refused(g).contains("rank 3"));
    }

    @Test
    void twoInputsAreRefused() {
        TestOnnx g = TestOnnx.base().input("mask", OnnxFields.FLOAT, "N", 3L);
        assertTrue(refused(g).contains("2 inputs"));
    }

    @Test
    void anInputOtherThanFloatIsRefused() {
        TestOnnx g = new TestOnnx().input("x", OnnxFields.INT64, "N", 3L)
                .floats("W", new long[] {3, 2}, 1, 2, 3, 4, 5, 6).node("MatMul", "mm", List.of("x", "W"), List.of("y"))
                .output("y");
        assertTrue(refused(g).contains("INT64"));
    }

    @Test
    void gemmTransAIsRefused() {
        TestOnnx g = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 3L).floats("W", new long[] {3, 2}, 1, 2, 3, 4, 5, 6)
                .node("Gemm", "g", List.of("x", "W"), List.of("y"), TestOnnx.intAttr("transA", 1)).output("y");
        String m = refused(g);
        namesNode(m, 0, "g", "Gemm");
        assertTrue(m.contains("transA"), m);
    }

    @Test
    void twoActivationsInARowAreRefused() {
        TestOnnx g = TestOnnx.base().node("Tanh", "tanh", List.of("y"), List.of("t"));
        String m = refused(g);
        namesNode(m, 2, "tanh", "Tanh");
        assertTrue(m.contains("second activation"), m);
    }

    @Test
    void anActivationBeforeAnyLayerIsRefused() {
        TestOnnx g = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 3L).node("Relu", "r", List.of("x"), List.of("y"))
                .output("y");
        namesNode(refused(g), 0, "r", "Relu");
    }

    @Test
    void aGraphWithoutDenseLayerIsRefused() {
        TestOnnx g = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 3L).floats("m", new long[] {3}, 1, 2, 3)
                .node("Sub", "s", List.of("x", "m"), List.of("y")).output("y");
        assertTrue(refused(g).contains("no dense layer"));
    }

    @Test
    void anElementwiseOpBetweenLayersIsRefused() {
        TestOnnx g = TestOnnx.base().floats("k", new long[] {2}, 2, 2).node("Mul", "scale", List.of("y", "k"), List.of("s"));
        namesNode(refused(g), 2, "scale", "Mul");
    }

    @Test
    void constantFirstSubIsRefused() {
        TestOnnx g = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 3L).floats("m", new long[] {3}, 1, 2, 3)
                .node("Sub", "s", List.of("m", "x"), List.of("y")).output("y");
        assertTrue(refused(g).contains("Sub(constant, x)"));
    }

    @Test
    void weightsThatDoNotChainAreRefused() {
        TestOnnx g = TestOnnx.base().floats("W2", new long[] {3, 1}, 1, 2, 3).node("MatMul", "mm", List.of("y", "W2"),
                List.of("o"));
        String m = refused(g);
        namesNode(m, 2, "mm", "MatMul");
        assertTrue(m.contains("reads 3 values, the layer before gives 2"), m);
    }

    @Test
    void aNonFiniteWeightIsRefused() {
        TestOnnx g = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 3L)
                .floats("W", new long[] {3, 1}, 1, Float.NaN, 3).node("MatMul", "mm", List.of("x", "W"), List.of("y"))
                .output("y");
        assertTrue(refused(g).contains("NaN at index 1"));
    }

    @Test
    void rawDataOfTheWrongSizeIsRefused() {
        TestOnnx g = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 3L)
                .floats("W", new long[] {3, 2}, 1, 2, 3).node("MatMul", "mm", List.of("x", "W"), List.of("y")).output("y");
        assertTrue(refused(g).contains("12 bytes of raw_data, not 24"));
    }

    @Test
    void hugeDimsAreRefusedBeforeAllocation() {
        TestOnnx g = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 3L)
                .floats("W", new long[] {1L << 40, 1L << 20}).node("MatMul", "mm", List.of("x", "W"), List.of("y"))
                .output("y");
        assertTrue(refused(g).contains("more than Neurite reads"));
    }

    @Test
    void sparseInitializersAreRefused() {
        TestOnnx g = TestOnnx.base().raw(OnnxFields.GRAPH_SPARSE_INITIALIZER, new ProtoWriter());
        assertTrue(refused(g).contains("sparse"));
    }

    @Test
    void anIntermediateGraphOutputIsRefused() {
        TestOnnx g = TestOnnx.base().output("z");
        assertTrue(refused(g).contains("graph output 'z'"));
    }

    @Test
    void aSubgraphIsRefused() {
        TestOnnx g = TestOnnx.base().node("If", "branch", List.of("y"), List.of("o"), TestOnnx.graphAttr("then_branch"));
        String m = refused(g);
        namesNode(m, 2, "branch", "If");
        assertTrue(m.contains("subgraph"), m);
    }

    @Test
    void softmaxOnAnotherAxisIsRefused() {
        TestOnnx g = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 3L).floats("W", new long[] {3, 2}, 1, 2, 3, 4, 5, 6)
                .node("MatMul", "mm", List.of("x", "W"), List.of("z"))
                .node("Softmax", "sm", List.of("z"), List.of("y"), TestOnnx.intAttr("axis", 0)).output("y");
        namesNode(refused(g), 1, "sm", "Softmax");
    }

    @Test
    void aLeakyReluSlopeOutsideNeuritesRangeIsRefused() {
        TestOnnx g = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 3L).floats("W", new long[] {3, 2}, 1, 2, 3, 4, 5, 6)
                .node("MatMul", "mm", List.of("x", "W"), List.of("z"))
                .node("LeakyRelu", "lr", List.of("z"), List.of("y"), TestOnnx.floatAttr("alpha", 1.5f)).output("y");
        assertTrue(refused(g).contains("alpha 1.5"));
    }

    @Test
    void declaredFeaturesMustMatchTheFirstLayer() {
        TestOnnx g = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 4L).floats("W", new long[] {3, 2}, 1, 2, 3, 4, 5, 6)
                .node("MatMul", "mm", List.of("x", "W"), List.of("y")).output("y");
        assertTrue(refused(g).contains("declares 4 features"));
    }
}
