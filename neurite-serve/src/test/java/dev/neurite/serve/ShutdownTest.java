package dev.neurite.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graceful stop: nothing new is accepted, requests in flight are answered, every thread ends, within the bound. */
class ShutdownTest {
    @TempDir
    Path dir;

    /** The live threads the server made. */
    static List<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("neurite-http") || n.startsWith("neurite-batch") || n.startsWith("neurite-stop")
                        || n.startsWith("HTTP-Dispatcher"))
                .toList();
    }

    static void assertNoServerThreadsWithin(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!serverThreads().isEmpty() && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertEquals(List.of(), serverThreads());
    }

    @Test
    void requestsInFlightAreAnsweredThenTheServerIsGone() throws Exception {
        Path model = Fixtures.classifier(dir, "m.neurite", 31);
        // each batch waits 0.6 s for company, so the request is in flight when the stop begins
        ServeOptions o = Fixtures.options(Map.of("m", model)).withBatching(64, 600_000);
        InferenceServer server = InferenceServer.start(o, new PrintWriter(new StringWriter()));
        Client client = new Client(server);
        String body = Fixtures.body("late", Fixtures.rows(new Random(3), 1));
        CompletableFuture<Client.Reply> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return client.post("/v2/models/m/infer", body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(250);
        long start = System.nanoTime();
        server.close();
        long millis = (System.nanoTime() - start) / 1_000_000;
        Client.Reply r = inFlight.get(5, TimeUnit.SECONDS);
        assertEquals(200, r.status(), r.text());
        assertEquals("late", r.map().get("id"));
        assertTrue(millis < 3000, "the stop took " + millis + " ms");
        assertThrows(IOException.class, () -> new Client(server).get("/v2/health/live"));
        assertNoServerThreadsWithin(3000);
        server.close();     // a second close does nothing
    }

    @Test
    void anIdleServerStopsAtOnce() throws Exception {
        InferenceServer server = InferenceServer.start(Fixtures.options(Map.of("m", Fixtures.classifier(dir, "m.neurite", 32))),
                new PrintWriter(new StringWriter()));
        assertEquals(200, new Client(server).get("/v2/health/live").status());
        long start = System.nanoTime();
        server.close();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1500, "an idle stop took " + millis + " ms");
        assertNoServerThreadsWithin(3000);
    }

    @Test
    void aModelThatDoesNotLoadFailsTheStartNamingTheFile() throws Exception {
        Path good = Fixtures.classifier(dir, "m.neurite", 33), missing = dir.resolve("missing.neurite");
        java.util.Map<String, Path> models = new java.util.LinkedHashMap<>();
        models.put("good", good);
        models.put("bad", missing);
        IOException e = assertThrows(IOException.class,
                () -> InferenceServer.start(Fixtures.options(models), new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("missing.neurite"), e.getMessage());
        assertNoServerThreadsWithin(3000);
    }
}
