package dev.neurite.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.infer.Classification;
import dev.neurite.infer.Predictor;
import dev.neurite.io.ModelFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dynamic batching: batches form under load, every answer goes back to its own request, bit for bit. */
class BatchingTest {
    @TempDir
    Path dir;

    /** Many clients at once, each with its own rows: every row's answer equals the Predictor's on that row alone. */
    private static void concurrentParity(InferenceServer server, Predictor p, int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    Client client = new Client(server);
                    Random rnd = new Random(seed);
                    for (int i = 0; i < perThread; i++) {
                        int rows = 1 + rnd.nextInt(3);
                        float[] x = Fixtures.rows(rnd, rows);
                        Client.Reply r = client.post("/v2/models/m/infer", Fixtures.body(seed + "-" + i, x));
                        assertEquals(200, r.status(), r.text());
                        assertEquals(seed + "-" + i, r.map().get("id"));
                        float[] probs = Client.floats(r, "probabilities");
                        float[] labels = Client.floats(r, "label");
                        for (int row = 0; row < rows; row++) {
                            Classification c = p.classify(java.util.Arrays.copyOfRange(x, row * 6, row * 6 + 6));
                            assertEquals(c.index(), (int) labels[row]);
                            for (int k = 0; k < 3; k++) {
                                assertEquals(Float.floatToIntBits((float) c.probabilities()[k]),
                                        Float.floatToIntBits(probs[row * 3 + k]), "request " + seed + "-" + i + " row " + row);
                            }
                        }
                    }
                    return perThread;
                }));
            }
            for (Future<Integer> f : done) {
                assertEquals(perThread, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void batchesFormUnderLoadAndAnswersGoBackToTheirRequests() throws Exception {
        Path model = Fixtures.classifier(dir, "m.neurite", 11);
        ServeOptions o = Fixtures.options(Map.of("m", model)).withBatching(32, 2000);
        try (InferenceServer server = InferenceServer.start(o, new PrintWriter(new StringWriter()))) {
            concurrentParity(server, Predictor.of(ModelFile.load(model)), 12, 25);
            String metrics = new Client(server).get("/metrics").text();
            long passes = count(metrics, "neurite_batch_rows_count{model=\"m\"}");
            long rows = count(metrics, "neurite_batch_rows_sum{model=\"m\"}");
            assertEquals(300, server.answered("m", 200));
            assertTrue(passes < 300, "requests should share forward passes: " + passes + " passes for 300 requests");
            assertTrue(rows > passes, rows + " rows in " + passes + " passes");
        }
    }

    @Test
    void batchingOffAnswersTheSame() throws Exception {
        Path model = Fixtures.classifier(dir, "m.neurite", 12);
        ServeOptions o = Fixtures.options(Map.of("m", model)).withBatching(1, 0);
        try (InferenceServer server = InferenceServer.start(o, new PrintWriter(new StringWriter()))) {
            concurrentParity(server, Predictor.of(ModelFile.load(model)), 8, 20);
        }
    }

    @Test
    void requestsLargerThanTheBatchRunAlone() throws Exception {
        Path model = Fixtures.classifier(dir, "m.neurite", 13);
        ServeOptions o = Fixtures.options(Map.of("m", model)).withBatching(4, 0);
        try (InferenceServer server = InferenceServer.start(o, new PrintWriter(new StringWriter()))) {
            float[] x = Fixtures.rows(new Random(5), 9);
            Client.Reply r = new Client(server).post("/v2/models/m/infer", Fixtures.body("big", x));
            assertEquals(200, r.status(), r.text());
            assertEquals(27, Client.floats(r, "probabilities").length);
            assertTrue(new Client(server).get("/metrics").text().contains("neurite_batch_rows_bucket{model=\"m\",le=\"8\"} 0"));
        }
    }

    @Test
    void aFullQueueIs503WithRetryAfter() throws Exception {
        Path model = Fixtures.classifier(dir, "m.neurite", 14);
        // a batch waits 0.8 s for company, so the first request holds the only place that long
        ServeOptions o = Fixtures.options(Map.of("m", model)).withBatching(64, 800_000).withLimits(1, 1 << 20, 100, 10_000);
        try (InferenceServer server = InferenceServer.start(o, new PrintWriter(new StringWriter()))) {
            Client client = new Client(server);
            String body = Fixtures.body("q", Fixtures.rows(new Random(6), 1));
            CompletableFuture<Client.Reply> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.post("/v2/models/m/infer", body);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Client.Reply second = null;
            for (int i = 0; i < 100 && (second == null || second.status() == 200); i++) {
                Thread.sleep(20);
                second = client.post("/v2/models/m/infer", body);
            }
            assertEquals(503, second.status(), second.text());
            assertEquals(List.of("1"), second.headers().get("Retry-After"));
            assertTrue(second.error().contains("--queue"), second.error());
            assertEquals(200, first.get(10, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void aFailedForwardPassFailsEveryRequestOfItsBatch() throws Exception {
        Predictor p = Predictor.of(ModelFile.load(Fixtures.classifier(dir, "m.neurite", 15)));
        AtomicInteger passes = new AtomicInteger();
        try (Batcher b = new Batcher("t", p, 64, 300_000_000L, rows -> passes.incrementAndGet())) {
            List<Batcher.Job> jobs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                // the third job claims two rows but brings one: the stacking of the batch fails
                Batcher.Job job = new Batcher.Job(Fixtures.rows(new Random(i), 1), i == 2 ? 2 : 1);
                assertTrue(b.offer(job));
                jobs.add(job);
            }
            // this thread leads: one batch of all five (they were queued before it took the model)
            ExecutionException e = assertThrows(ExecutionException.class, () -> b.await(jobs.get(0), TimeUnit.SECONDS.toNanos(5)));
            assertTrue(e.getCause() instanceof IndexOutOfBoundsException, e.toString());
            for (Batcher.Job job : jobs) {
                ExecutionException each = assertThrows(ExecutionException.class, () -> job.result().get(0, TimeUnit.SECONDS));
                assertTrue(each.getCause() instanceof IndexOutOfBoundsException, each.toString());
            }
            Batcher.Job after = new Batcher.Job(Fixtures.rows(new Random(9), 1), 1);
            assertTrue(b.offer(after));
            assertEquals(1, b.await(after, TimeUnit.SECONDS.toNanos(5)).rows(), "the batcher still serves after a failure");
            assertEquals(1, passes.get(), "only the pass that worked is counted as a batch");
        }
    }

    @Test
    void concurrentWaitersEachGetTheirOwnRowsInBatchesOfAtMostMaxBatch() throws Exception {
        Predictor p = Predictor.of(ModelFile.load(Fixtures.classifier(dir, "m.neurite", 15)));
        List<Integer> sizes = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Batcher b = new Batcher("t", p, 4, 0, sizes::add)) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<float[]>> answers = new ArrayList<>();
                List<float[]> inputs = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    float[] x = Fixtures.rows(new Random(100 + i), 1);
                    inputs.add(x);
                    answers.add(pool.submit(() -> {
                        Batcher.Job job = new Batcher.Job(x, 1);
                        assertTrue(b.offer(job));
                        return b.await(job, TimeUnit.SECONDS.toNanos(10)).values();
                    }));
                }
                for (int i = 0; i < answers.size(); i++) {
                    float[] alone = Answer.of(p, dev.neurite.tensor.Matrix.wrap(inputs.get(i), 1, p.inputSize())).values();
                    assertArrayEquals(alone, answers.get(i).get(20, TimeUnit.SECONDS), "request " + i + " got its own rows back");
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(b.awaitEnd(5000));
            assertEquals(400, sizes.stream().mapToInt(Integer::intValue).sum(), sizes.toString());
            assertTrue(sizes.stream().allMatch(n -> n >= 1 && n <= 4), sizes.toString());
        }
    }

    @Test
    void aWaiterThatTimesOutWhileAnotherLeadsGetsATimeoutAndTheQueueStillDrains() throws Exception {
        Predictor p = Predictor.of(ModelFile.load(Fixtures.classifier(dir, "m.neurite", 15)));
        try (Batcher b = new Batcher("t", p, 64, 400_000_000L, rows -> { })) {
            Batcher.Job[] lead = new Batcher.Job[1];
            Future<Answer> leader;
            ExecutorService one = Executors.newSingleThreadExecutor();
            try {
                leader = one.submit(() -> {
                    lead[0] = new Batcher.Job(Fixtures.rows(new Random(1), 1), 1);
                    assertTrue(b.offer(lead[0]));
                    return b.await(lead[0], TimeUnit.SECONDS.toNanos(10));   // leads, waiting 400 ms for more rows
                });
                while (!b.leading() || b.waiting() > 0) {     // the leader has taken its job and waits for more
                    Thread.sleep(1);
                }
                Batcher.Job mine = new Batcher.Job(Fixtures.rows(new Random(2), 1), 1);
                assertTrue(b.offer(mine));
                assertThrows(java.util.concurrent.TimeoutException.class, () -> b.await(mine, TimeUnit.MILLISECONDS.toNanos(30)));
                assertEquals(1, leader.get(10, TimeUnit.SECONDS).rows());
                assertEquals(1, mine.result().get(10, TimeUnit.SECONDS).rows(), "the leader's batch took it meanwhile");
            } finally {
                one.shutdownNow();
            }
            assertTrue(b.awaitEnd(5000));
        }
    }

    static long count(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return (long) Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError("no " + series + " in\n" + metrics);
    }
}
