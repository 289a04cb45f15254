package dev.neurite.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.infer.Classification;
import dev.neurite.infer.Predictor;
import dev.neurite.io.ModelFile;
import dev.neurite.io.SavedModel;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ONNX files of real exporters (PyTorch's legacy and dynamo exporters, graphs in scikit-learn's shape; made
 * by tools/onnx-fixtures/make.py and committed): Neurite imports each and predicts what the exporting framework
 * predicted, within 1e-5, and classifies as it labelled.
 */
class RealExporterFixturesTest {
    static Stream<String> fixtures() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(folder())) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".onnx"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
            assertTrue(names.size() >= 10, "fixtures: " + names);
            return names.stream();
        }
    }

    static Path folder() throws URISyntaxException {
        return Path.of(RealExporterFixturesTest.class.getResource("fixtures").toURI());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void neuriteMatchesTheExportersFramework(String name, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        OnnxImport.Result imported = OnnxImport.load(folder().resolve(name + ".onnx"));
        SavedModel model = imported.model();
        List<float[]> inputs = new ArrayList<>(), outputs = new ArrayList<>();
        String[] labels = null;
        for (String line : Files.readAllLines(folder().resolve(name + ".expected.txt"))) {
            String[] f = line.split(" ");
            if (f[0].equals("input") || f[0].equals("output")) {
                float[] v = new float[f.length - 1];
                for (int k = 1; k < f.length; k++) {
                    v[k - 1] = (float) Double.parseDouble(f[k]);
                }
                (f[0].equals("input") ? inputs : outputs).add(v);
            } else if (f[0].equals("label")) {
                labels = java.util.Arrays.copyOfRange(f, 1, f.length);
            }
        }
        Predictor predictor = Predictor.of(model);
        for (int i = 0; i < inputs.size(); i++) {
            float[] got = predictor.predict(inputs.get(i)), want = outputs.get(i);
            assertEquals(want.length, got.length, name);
            for (int c = 0; c < want.length; c++) {
                assertTrue(Math.abs(got[c] - want[c]) <= 1e-5 * Math.max(1, Math.abs(want[c])), name + " row " + i
                        + " output " + c + ": Neurite " + got[c] + ", the framework " + want[c]);
            }
            if (labels != null) {
                Classification c = predictor.classify(inputs.get(i));
                assertEquals(labels[i], c.label(), name + " row " + i + " label");
            }
        }
        // and the imported model saves as a Neurite file that loads with the same predictions
        Path saved = tmp.resolve(name + ".neurite");
        ModelFile.save(model, saved);
        Predictor again = Predictor.of(ModelFile.load(saved));
        for (float[] x : inputs) {
            assertTrue(java.util.Arrays.equals(predictor.predict(x), again.predict(x)), name);
        }
    }

    @org.junit.jupiter.api.Test
    void pyTorchBatchNormalizationBecomesABatchnormLayerOrIsFoldedForAnotherEpsilon() throws Exception {
        OnnxImport.Result bn = OnnxImport.load(folder().resolve("torch-legacy-batchnorm.onnx"));
        assertEquals("5-8bnrelu-3softmax", bn.model().network().architecture().toSpec());
        assertEquals(2, bn.model().network().buffers().size(), "the running mean and variance");
        OnnxImport.Result folded = OnnxImport.load(folder().resolve("torch-legacy-batchnorm-eps1e-3.onnx"));
        assertEquals("4-6sigmoid-3", folded.model().network().architecture().toSpec());
        assertTrue(folded.notes().stream().anyMatch(n -> n.contains("epsilon 0.001") && n.contains("folded")), folded.notes().toString());
    }
}
