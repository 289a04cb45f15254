package dev.neurite.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.infer.Predictor;
import dev.neurite.io.SavedModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shapes of graphs the import accepts beyond the fixtures: each with a hand-checkable result. */
class OnnxAcceptTest {
    private static OnnxImport.Result read(TestOnnx g) throws Exception {
        return OnnxImport.fromBytes(g.bytes(), "t.onnx");
    }

    /** x [N, 2] → MatMul(W = identity) → y, after {@code front}. */
    private static TestOnnx identityLayer(TestOnnx g, String from) {
        return g.floats("W", new long[] {2, 2}, 1, 0, 0, 1).node("MatMul", "mm", List.of(from, "W"), List.of("y")).output("y");
    }

    @Test
    void zipMapStringLabelsBecomeClassNames() throws Exception {
        TestOnnx g = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 2L).floats("W", new long[] {2, 2}, 1, 0, 0, 1)
                .node("MatMul", "mm", List.of("x", "W"), List.of("z")).node("Softmax", "sm", List.of("z"), List.of("p"))
                .node("ZipMap", "zm", OnnxFields.ML_DOMAIN, List.of("p"), List.of("probs"),
                        TestOnnx.stringsAttr("classlabels_strings", "cat", "dog"))
                .output("probs");
        SavedModel m = read(g).model();
        assertEquals(List.of("cat", "dog"), m.classNames());
        assertEquals("dog", Predictor.of(m).classify(new float[] {0, 3}).label());
    }

    @Test
    void mulThenAddAtTheFrontIsTheNormalisation() throws Exception {
        // x·2 + 1 = (x − (−0.5))·2
        TestOnnx g = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 2L).floats("k", new long[] {}, 2)
                .floats("c", new long[] {1, 2}, 1, 1).node("Mul", "mul", List.of("k", "x"), List.of("a"))
                .node("Add", "add", List.of("a", "c"), List.of("b"));
        SavedModel m = read(identityLayer(g, "b")).model();
        assertArrayEquals(new float[] {-0.5f, -0.5f}, m.normalization().shift());
        assertArrayEquals(new float[] {2, 2}, m.normalization().scale());
        assertArrayEquals(new float[] {7, -1}, Predictor.of(m).predict(new float[] {3, -1}));
    }

    @Test
    void constantNodesAndFoldedConstantsGiveTheWeights() throws Exception {
        TestOnnx g = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 2L)
                .node("Constant", "c", List.of(), List.of("Wt"),
                        TestOnnx.tensorAttr("value", TestOnnx.tensor("Wt", new long[] {2, 2}, 1, 2, 3, 4)))
                .node("Transpose", "t", List.of("Wt"), List.of("W"))
                .node("Identity", "id", List.of("W"), List.of("W2"))
                .node("MatMul", "mm", List.of("x", "W2"), List.of("y")).output("y");
        // W = Wtᵀ = [[1, 3], [2, 4]]: x = (1, 1) → (3, 7)
        assertArrayEquals(new float[] {3, 7}, Predictor.of(read(g).model()).predict(new float[] {1, 1}));
    }

    @Test
    void layersWithAndWithoutBiasGetZerosAndANote() throws Exception {
        TestOnnx g = new TestOnnx().input("x", OnnxFields.FLOAT, "N", 2L).floats("W", new long[] {2, 2}, 1, 0, 0, 1)
                .floats("b", new long[] {2}, 1, 2).floats("V", new long[] {2, 1}, 1, 1)
                .node("Gemm", "g", List.of("x", "W", "b"), List.of("h"))
                .node("MatMul", "mm", List.of("h", "V"), List.of("y")).output("y");
        OnnxImport.Result r = read(g);
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("1 of 2 layers have a bias")), r.notes().toString());
        assertArrayEquals(new float[] {5}, Predictor.of(r.model()).predict(new float[] {1, 1}));
    }

    @Test
    void aDoubleInputIsReadAsFloatWithANote() throws Exception {
        TestOnnx g = new TestOnnx().input("x", OnnxFields.DOUBLE, "N", 2L);
        OnnxImport.Result r = read(identityLayer(g, "x"));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("DOUBLE")), r.notes().toString());
    }

    @Test
    void foreignMetadataIsKeptAsUserKeysAndAnUnstorableKeyIsNoted() throws Exception {
        TestOnnx g = identityLayer(new TestOnnx().input("x", OnnxFields.FLOAT, "N", 2L), "x")
                .property("author", "someone").property("a key with spaces", "v");
        OnnxImport.Result r = read(g);
        assertEquals("someone", r.model().metadata().get("user.onnx.author"));
        assertEquals("test", r.model().metadata().get("user.onnx_producer"));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("'a key with spaces' left out")), r.notes().toString());
    }
}
