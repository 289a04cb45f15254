package dev.neurite.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.neurite.infer.Predictor;
import dev.neurite.io.SavedModel;
import dev.neurite.tensor.Matrix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX Runtime (its Java API, tests only) as the oracle of the export: random MLPs written by
 * {@link OnnxExport} give, in ORT, the outputs Neurite's Predictor gives, within 1e-5 absolute + 1e-4 relative.
 */
class OnnxRuntimeOracleTest {
    static final int MODELS = 64;

    @Test
    void randomMlpsGiveNeuritesOutputsInOnnxRuntime() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int labelled = 0;
        for (long seed = 0; seed < MODELS; seed++) {
            SavedModel model = RandomModels.model(seed);
            boolean label = !model.head().isRegression();
            byte[] onnx = OnnxExport.toBytes(model, new OnnxExport.Options(13, label, null));
            try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
                for (int batch : new int[] {1, 17}) {
                    labelled += compare(env, session, model, batch, seed, label) ? 1 : 0;
                }
            }
        }
        assertTrue(labelled > MODELS, "labels checked on " + labelled + " batches");
    }

    @Test
    void batchNormalizedMlpsGiveNeuritesOutputsInOnnxRuntime() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (long seed = 0; seed < 32; seed++) {
            SavedModel model = RandomModels.batchNormalized(seed);
            assertTrue(!model.network().buffers().isEmpty(), model.network().architecture().toSpec());
            boolean label = !model.head().isRegression();
            byte[] onnx = OnnxExport.toBytes(model, new OnnxExport.Options(13 + (int) (seed % 9), label, null));
            try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
                for (int batch : new int[] {1, 17}) {
                    compare(env, session, model, batch, seed, label);
                }
            }
        }
    }

    /** Runs one batch through ORT and through Neurite; returns whether the label output was checked. */
    static boolean compare(OrtEnvironment env, OrtSession session, SavedModel model, int batch, long seed, boolean label)
            throws Exception {
        int in = model.network().inputSize(), out = model.network().outputSize();
        Matrix x = RandomModels.inputs(batch, in, seed);
        Matrix want = Predictor.of(model).predict(x);
        float[][] rows = new float[batch][];
        for (int i = 0; i < batch; i++) {
            rows[i] = x.row(i);
        }
        try (OnnxTensor t = OnnxTensor.createTensor(env, rows); OrtSession.Result r = session.run(Map.of("input", t))) {
            float[][] got = (float[][]) r.get("output").orElseThrow().getValue();
            for (int i = 0; i < batch; i++) {
                for (int c = 0; c < out; c++) {
                    float w = want.get(i, c), g = got[i][c];
                    assertTrue(Math.abs(w - g) <= 1e-5 + 1e-4 * Math.abs(w), "model " + seed + " " + model.network().architecture().toSpec()
                            + " row " + i + " output " + c + ": Neurite " + w + ", ONNX Runtime " + g);
                }
            }
            if (!label) {
                return false;
            }
            long[] labels = (long[]) r.get("label").orElseThrow().getValue();
            Matrix finished = want;                      // the Predictor has finished it already
            for (int i = 0; i < batch; i++) {
                int neurite = out == 1 ? (finished.get(i, 0) >= 0.5f ? 1 : 0) : dev.neurite.kernel.Kernels.argmaxRow(finished, i);
                if (!nearTie(finished, i)) {
                    assertEquals(neurite, labels[i], "model " + seed + " row " + i + " label");
                }
            }
            return true;
        }
    }

    private static boolean nearTie(Matrix p, int row) {
        if (p.cols() == 1) {
            return Math.abs(p.get(row, 0) - 0.5f) < 1e-5;
        }
        float best = Float.NEGATIVE_INFINITY, second = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < p.cols(); c++) {
            float v = p.get(row, c);
            if (v > best) {
                second = best;
                best = v;
            } else if (v > second) {
                second = v;
            }
        }
        return best - second < 1e-5;
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17, 21})
    void everyOpsetLoadsAndAgrees(int opset) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (long seed : List.of(3L, 7L, 12L)) {
            SavedModel model = RandomModels.model(seed);
            boolean label = !model.head().isRegression();
            byte[] onnx = OnnxExport.toBytes(model, new OnnxExport.Options(opset, label, null));
            try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
                compare(env, session, model, 17, seed, label);
                assertEquals(List.of("input"), List.copyOf(session.getInputNames()));
                assertArrayEquals(new Object[] {"output", "label"}, label ? session.getOutputNames().toArray()
                        : new Object[] {"output", "label"});
                Map<String, String> props = session.getMetadata().getCustomMetadata();
                assertEquals(model.network().architecture().toSpec(), props.get("architecture"));
                assertEquals(64, props.get("tensors_sha256").length());
            }
        }
    }
}
