package dev.neurite.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every error code, each with a JSON {"error"} that names the problem and no stack trace. */
class ErrorsTest {
    @TempDir
    static Path dir;
    static InferenceServer server;
    static Client client;
    static final String GOOD = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,6],\"datatype\":\"FP32\",\"data\":[1,2,3,4,5,6]}]}";

    @BeforeAll
    static void start() throws Exception {
        ServeOptions o = Fixtures.options(Map.of("clf", Fixtures.classifier(dir, "clf.neurite", 7))).withLimits(1024, 4096, 3, 10_000);
        server = InferenceServer.start(o, new PrintWriter(new StringWriter()));
        client = new Client(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void bad(int status, String body, String... mentions) throws Exception {
        Client.Reply r = client.post("/v2/models/clf/infer", body);
        assertEquals(status, r.status(), body + " → " + r.text());
        assertTrue(r.headers().get("Content-Type").get(0).startsWith("application/json"));
        for (String m : mentions) {
            assertTrue(r.error().contains(m), "'" + r.error() + "' should mention '" + m + "'");
        }
        assertFalse(r.text().contains("\tat "), r.text());
    }

    @Test
    void malformedBodiesAre400NamingTheProblem() throws Exception {
        bad(400, "", "end of the body");
        bad(400, "{\"inputs\":[", "offset 11");
        bad(400, GOOD + "x", "after the JSON value");
        bad(400, "[1,2]", "JSON object");
        bad(400, "{\"inputs\":[],\"inputs\":[]}", "duplicate key");
        bad(400, "{\"inputs\":[]}", "list of one tensor");
        bad(400, GOOD.replace("\"input\"", "\"pixels\""), "\"pixels\"", "\"input\"");
        bad(400, GOOD.replace("[1,6]", "[1,5]"), "expected shape [N, 6]", "[1, 5]");
        bad(400, GOOD.replace("[1,6]", "[2,6]"), "holds 12 values, data has 6");
        bad(400, GOOD.replace("4,5", "4,\"five\""), "data[4] is \"five\", not a number");
        bad(400, GOOD.replace("4,5", "4,null"), "data[4] is null");
        bad(400, GOOD.replace("FP32", "FP16"), "FP16");
        bad(400, GOOD.replace("FP32", "INT32").replace(",6]}", ",6.5]}"), "data[5] is 6.5, not an INT32");
        bad(400, GOOD.replace("FP32", "INT32").replace(",6]}", ",4294967296]}"), "outside INT32");
        bad(400, GOOD.replace(",6]}", ",1e39]}"), "too large for FP32");
        bad(400, GOOD.replace("[1,6]", "[4,6]"), "4 rows, more than the limit of 3");
        bad(400, GOOD.replace("[1,6]", "[-1,6]"), "shape[0]");
        bad(400, GOOD.replace("}]}", "}],\"outputs\":[{\"name\":\"logits\"}]}"), "unknown output \"logits\"");
        bad(400, GOOD.replace("{\"inputs\"", "{\"id\":5,\"inputs\""), "\"id\" must be a string");
        bad(400, GOOD.replace("{\"inputs\"", "{\"ids\":\"x\",\"inputs\""), "unknown key \"ids\"");
        bad(400, "[".repeat(40) + "]".repeat(40), "nesting deeper than 32");
        bad(400, "{\"inputs\":[1],\"x\":\"\u0001\"}", "control character");
    }

    @Test
    void notUtf8Is400() throws Exception {
        Client.Reply r = client.send(HttpRequest.newBuilder(server.url().resolve("/v2/models/clf/infer"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', (byte) 0xC3, '}'})));
        assertEquals(400, r.status());
        assertTrue(r.error().contains("UTF-8"), r.error());
    }

    @Test
    void unknownModelVersionAndPathAre404() throws Exception {
        Client.Reply r = client.post("/v2/models/nope/infer", GOOD);
        assertEquals(404, r.status());
        assertTrue(r.error().contains("unknown model \"nope\"") && r.error().contains("clf"), r.error());
        assertEquals(404, client.get("/v2/models/clf/versions/2").status());
        assertTrue(client.get("/v2/models/clf/versions/2/ready").error().contains("no version \"2\""));
        assertEquals(404, client.get("/v2/nothing").status());
        assertEquals(404, client.get("/nothing").status());
        assertEquals(404, client.get("/page/nothing.js").status());
        assertEquals(404, client.get("/page/../model.html").status());
        assertEquals(404, client.post("/v2/repository/models/nope/load", "").status());
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        Client.Reply r = client.get("/v2/models/clf/infer");
        assertEquals(405, r.status());
        assertEquals(List.of("POST"), r.headers().get("Allow"));
        assertEquals(405, client.post("/v2/health/live", "").status());
        assertEquals(405, client.send(HttpRequest.newBuilder(server.url().resolve("/v2/models/clf"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody())).status());
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        Client.Reply r = client.post("/v2/models/clf/infer", " ".repeat(5000) + GOOD);
        assertEquals(413, r.status());
        assertTrue(r.error().contains("4096 bytes (--max-body)"), r.error());
        assertEquals(200, client.post("/v2/models/clf/infer", GOOD).status(), "the server still serves");
    }

    @Test
    void everyAnswerAfterErrorsIsStillRight() throws Exception {
        float[] x = Fixtures.rows(new Random(4), 1);
        assertEquals(200, client.post("/v2/models/clf/infer", Fixtures.body("ok", x)).status());
    }
}
