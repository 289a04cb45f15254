package dev.neurite.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.infer.Classification;
import dev.neurite.infer.Predictor;
import dev.neurite.io.ModelFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint of the protocol, answered as the Open Inference Protocol v2 says. */
class ProtocolTest {
    @TempDir
    static Path dir;
    static InferenceServer server;
    static Client client;
    static Predictor clf, reg;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("clf", Fixtures.classifier(dir, "clf.neurite", 7));
        models.put("reg", Fixtures.regression(dir));
        server = InferenceServer.start(Fixtures.options(models), new PrintWriter(new StringWriter()));
        client = new Client(server);
        clf = Predictor.of(ModelFile.load(models.get("clf")));
        reg = Predictor.of(ModelFile.load(models.get("reg")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthAndServerMetadata() throws Exception {
        assertEquals(Map.of("live", true), client.get("/v2/health/live").json());
        assertEquals(Map.of("ready", true), client.get("/v2/health/ready").json());
        Client.Reply meta = client.get("/v2");
        assertEquals(200, meta.status());
        assertEquals("neurite", meta.map().get("name"));
        assertEquals(Map.of("name", "clf", "ready", true), client.get("/v2/models/clf/ready").json());
        assertEquals(200, client.get("/v2/models/clf/versions/1/ready").status());
    }

    @Test
    @SuppressWarnings("unchecked")
    void modelMetadataNamesShapesLabelsAndFeatures() throws Exception {
        Client.Reply r = client.get("/v2/models/clf");
        assertEquals(200, r.status(), r.text());
        Map<String, Object> m = r.map();
        assertEquals(List.of("1"), m.get("versions"));
        Map<String, Object> input = (Map<String, Object>) ((List<Object>) m.get("inputs")).get(0);
        assertEquals("input", input.get("name"));
        assertEquals("FP32", input.get("datatype"));
        assertEquals("[-1, 6]", input.get("shape").toString());
        Map<String, Object> probs = (Map<String, Object>) ((List<Object>) m.get("outputs")).get(0);
        assertEquals("probabilities", probs.get("name"));
        assertEquals("[-1, 3]", probs.get("shape").toString());
        Map<String, Object> p = (Map<String, Object>) m.get("parameters");
        assertEquals("6-16relu-3softmax", p.get("architecture"));
        assertEquals(List.of("a", "b", "c"), p.get("class_labels"));
        assertEquals(List.of("f0", "f1", "f2", "f3", "f4", "f5"), p.get("feature_names"));
        assertEquals(r.json(), client.get("/v2/models/clf/versions/1").json());
        Map<String, Object> rp = (Map<String, Object>) client.get("/v2/models/reg").map().get("parameters");
        assertEquals("regression", rp.get("task"));
        assertEquals(List.of("sum", "half"), rp.get("target_names"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void inferEchoesIdAndMatchesThePredictorBitForBit() throws Exception {
        float[] x = Fixtures.rows(new Random(1), 5);
        Client.Reply r = client.post("/v2/models/clf/infer", Fixtures.body("req-7", x));
        assertEquals(200, r.status(), r.text());
        assertEquals("req-7", r.map().get("id"));
        assertEquals("clf", r.map().get("model_name"));
        float[] p = Client.floats(r, "probabilities");
        List<Object> outputs = (List<Object>) r.map().get("outputs");
        assertEquals(3, outputs.size());
        List<Object> names = (List<Object>) ((Map<String, Object>) outputs.get(2)).get("data");
        for (int row = 0; row < 5; row++) {
            Classification c = clf.classify(java.util.Arrays.copyOfRange(x, row * 6, row * 6 + 6));
            for (int k = 0; k < 3; k++) {
                assertEquals(Float.floatToIntBits((float) c.probabilities()[k]), Float.floatToIntBits(p[row * 3 + k]));
            }
            assertEquals(c.index(), (int) Client.floats(r, "label")[row]);
            assertEquals(c.label(), names.get(row));
        }
    }

    @Test
    void outputsListAndDataTypesAndNestedData() throws Exception {
        String nested = "{\"inputs\":[{\"name\":\"input\",\"shape\":[2,6],\"datatype\":\"INT32\","
                + "\"data\":[[10,11,9,10,12,10],[8,9,10,11,12,13]]}],\"outputs\":[{\"name\":\"label\"}]}";
        Client.Reply r = client.post("/v2/models/clf/infer", nested);
        assertEquals(200, r.status(), r.text());
        assertEquals(1, ((List<?>) r.map().get("outputs")).size());
        assertEquals(null, r.map().get("id"));
        float[] row = {8, 9, 10, 11, 12, 13};
        assertEquals(clf.classify(row).index(), (int) Client.floats(r, "label")[1]);
        String fp64 = nested.replace("INT32", "FP64").replace("[10,11,9,10,12,10]", "[10.5,11,9,10,12,10]");
        assertEquals(200, client.post("/v2/models/clf/infer", fp64).status());
        String int64 = nested.replace("INT32", "INT64").replace("[[10,11,9,10,12,10],[8,9,10,11,12,13]]",
                "[10,11,9,10,12,10,8,9,10,11,12,13]");
        assertEquals(200, client.post("/v2/models/clf/infer", int64).status());
    }

    @Test
    void regressionGivesItsValues() throws Exception {
        String body = "{\"inputs\":[{\"name\":\"input\",\"shape\":[3],\"datatype\":\"FP32\",\"data\":[0.5,-1.25,2]}]}";
        Client.Reply r = client.post("/v2/models/reg/infer", body);
        assertEquals(200, r.status(), r.text());
        float[] expected = reg.predict(new float[] {0.5f, -1.25f, 2f});
        assertArrayEquals(expected, Client.floats(r, "values"));
        assertEquals(400, client.post("/v2/models/reg/infer", body.replace("}]}", "}],\"outputs\":[{\"name\":\"label\"}]}")).status());
    }

    @Test
    void metricsInPrometheusText() throws Exception {
        client.post("/v2/models/clf/infer", Fixtures.body("m", Fixtures.rows(new Random(2), 1)));
        Client.Reply r = client.get("/metrics");
        assertEquals(200, r.status());
        assertTrue(r.headers().get("Content-Type").get(0).startsWith("text/plain; version=0.0.4"));
        String t = r.text();
        assertTrue(t.contains("# TYPE neurite_requests_total counter"), t);
        assertTrue(t.matches("(?s).*neurite_requests_total\\{model=\"clf\",code=\"200\"} [1-9].*"), t);
        assertTrue(t.contains("neurite_request_seconds_bucket{model=\"clf\",le=\"+Inf\"}"), t);
        assertTrue(t.contains("# TYPE neurite_batch_rows histogram"), t);
        assertTrue(t.contains("neurite_queue_depth{model=\"clf\"} 0"), t);
    }
}
