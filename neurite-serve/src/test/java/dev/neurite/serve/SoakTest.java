package dev.neurite.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.infer.Predictor;
import dev.neurite.io.ModelFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many clients for a bounded time, good and malformed requests mixed: each gets its own right answer. */
class SoakTest {
    @TempDir
    Path dir;

    /** Malformed requests and the status each must get. */
    private static final List<Map.Entry<String, Integer>> BAD = List.of(
            Map.entry("{", 400),
            Map.entry("{\"inputs\":[{\"name\":\"input\",\"shape\":[1,5],\"datatype\":\"FP32\",\"data\":[1,2,3,4,5]}]}", 400),
            Map.entry("{\"inputs\":[{\"name\":\"input\",\"shape\":[1,6],\"datatype\":\"FP32\",\"data\":[1,2,3,\"x\",5,6]}]}", 400),
            Map.entry("[".repeat(200), 400),
            Map.entry(" ".repeat(70_000), 413));

    @Test
    void mixedLoadFromManyThreads() throws Exception {
        Path model = Fixtures.classifier(dir, "m.neurite", 51);
        Predictor p = Predictor.of(ModelFile.load(model));
        ServeOptions o = Fixtures.options(Map.of("m", model)).withLimits(1024, 65_536, 64, 10_000);
        int before = nonClientThreads();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        int[] answered = new int[2];
        try (InferenceServer server = InferenceServer.start(o, new PrintWriter(new StringWriter()))) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    Client client = new Client(server);
                    Random rnd = new Random(seed);
                    int[] n = new int[2];
                    for (int i = 0; i < 5000 && System.nanoTime() < deadline; i++) {
                        if (rnd.nextInt(3) == 0) {
                            Map.Entry<String, Integer> bad = BAD.get(rnd.nextInt(BAD.size()));
                            Client.Reply r = client.post("/v2/models/m/infer", bad.getKey());
                            assertEquals((int) bad.getValue(), r.status(), r.text());
                            assertTrue(r.error() != null && !r.text().contains("\tat "), r.text());
                            n[1]++;
                        } else {
                            float[] x = Fixtures.rows(rnd, 1 + rnd.nextInt(4));
                            Client.Reply r = client.post("/v2/models/m/infer", Fixtures.body("g" + i, x));
                            assertEquals(200, r.status(), r.text());
                            assertEquals("g" + i, r.map().get("id"));
                            float[] probs = Client.floats(r, "probabilities");
                            for (int row = 0; row < x.length / 6; row++) {
                                double[] e = p.classify(Arrays.copyOfRange(x, row * 6, row * 6 + 6)).probabilities();
                                for (int k = 0; k < 3; k++) {
                                    assertEquals(Float.floatToIntBits((float) e[k]), Float.floatToIntBits(probs[row * 3 + k]));
                                }
                            }
                            n[0]++;
                        }
                    }
                    return n;
                }));
            }
            for (Future<int[]> f : results) {
                int[] n = f.get(60, TimeUnit.SECONDS);
                answered[0] += n[0];
                answered[1] += n[1];
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
            assertEquals(answered[0], server.answered("m", 200));
            assertEquals(0, new Client(server).get("/metrics").text().contains("neurite_in_flight{model=\"m\"} 0") ? 0 : 1);
        }
        assertTrue(answered[0] > 100 && answered[1] > 30, Arrays.toString(answered));
        ShutdownTest.assertNoServerThreadsWithin(3000);
        long end = System.currentTimeMillis() + 3000;
        while (nonClientThreads() > before && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertTrue(nonClientThreads() <= before, "threads before " + before + ", after " + nonClientThreads());
    }

    /** Live threads other than the test's own HTTP clients' and the common pool's. */
    private static int nonClientThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> !t.getName().startsWith("HttpClient") && !t.getName().startsWith("ForkJoinPool")
                        && !t.getName().startsWith("pool-"))
                .count();
    }
}
