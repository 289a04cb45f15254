package dev.neurite.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model page's files and its description of the models, over HTTP (the page itself runs in neurite-pages). */
class ModelPageTest {
    @TempDir
    Path dir;

    @Test
    void servesThePageItsFilesAndWhatItShowsOfEachModel() throws Exception {
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("clf", Fixtures.classifier(dir, "clf.neurite", 1));
        ServeOptions d = ServeOptions.of(models);
        try (InferenceServer s = InferenceServer.start(new ServeOptions(models, "127.0.0.1", 0, d.maxBatch(), d.maxDelayMicros(),
                d.queue(), 8, d.maxBody(), d.maxRows(), d.maxDepth(), d.requestTimeoutMillis(), d.shutdownMillis(), false),
                new PrintWriter(new StringWriter()))) {
            Client client = new Client(s);
            Client.Reply page = client.get("/");
            assertEquals(200, page.status());
            assertEquals(List.of("text/html; charset=utf-8"), page.headers().get("content-type"));
            assertTrue(page.text().contains("data-testid=\"canvas\"") && page.text().contains("/page/model.js"), page.text());
            for (String f : new String[] {"model.js", "digits.js", "page.css"}) {
                assertEquals(200, client.get("/page/" + f).status(), f);
            }
            assertEquals(405, client.post("/", "").status());
            String json = client.get("/page/models").text();
            assertTrue(json.contains("\"name\":\"clf\"") && json.contains("\"parameter_count\":163")
                    && json.contains("\"layers\":[{\"type\":\"dense\",\"inputs\":6,\"units\":16,\"activation\":\"relu\",\"parameters\":112}")
                    && json.contains("\"feature_names\":[\"f0\",\"f1\",\"f2\",\"f3\",\"f4\",\"f5\"]")
                    && json.contains("\"provenance\":{}"), json);
        }
    }
}
