package dev.neurite.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.infer.Predictor;
import dev.neurite.io.ModelFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /v2/repository/models/{name}/load: in-flight requests finish on the old model, a broken file keeps it. */
class ReloadTest {
    @TempDir
    Path dir;

    private static float[] probabilities(Predictor p, float[] x) {
        float[] out = new float[x.length / 6 * 3];
        for (int r = 0; r < x.length / 6; r++) {
            double[] pr = p.classify(Arrays.copyOfRange(x, r * 6, r * 6 + 6)).probabilities();
            for (int k = 0; k < 3; k++) {
                out[r * 3 + k] = (float) pr[k];
            }
        }
        return out;
    }

    private static void replace(Path source, Path target) throws Exception {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void reloadUnderLoadAnswersEveryRequestWithTheOldOrTheNewModel() throws Exception {
        Path a = Fixtures.classifier(dir, "a.neurite", 21), b = Fixtures.classifier(dir, "b.neurite", 22);
        Path served = dir.resolve("served.neurite");
        replace(a, served);
        float[] x = Fixtures.rows(new Random(8), 2);
        float[] fromA = probabilities(Predictor.of(ModelFile.load(a)), x);
        float[] fromB = probabilities(Predictor.of(ModelFile.load(b)), x);
        assertTrue(!Arrays.equals(fromA, fromB), "the two models must differ for the test to mean anything");
        ServeOptions o = Fixtures.options(Map.of("m", served)).withBatching(16, 500);
        try (InferenceServer server = InferenceServer.start(o, new PrintWriter(new StringWriter()))) {
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<int[]>> counts = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                counts.add(pool.submit(() -> {
                    Client c = new Client(server);
                    int[] seen = new int[2];
                    for (int i = 0; i < 2000 && !stop.get(); i++) {
                        Client.Reply r = c.post("/v2/models/m/infer", Fixtures.body("r", x));
                        assertEquals(200, r.status(), r.text());
                        float[] p = Client.floats(r, "probabilities");
                        boolean isA = Arrays.equals(p, fromA), isB = Arrays.equals(p, fromB);
                        assertTrue(isA || isB, "an answer from neither model: " + Arrays.toString(p));
                        seen[isA ? 0 : 1]++;
                    }
                    return seen;
                }));
            }
            Client client = new Client(server);
            Thread.sleep(300);
            replace(b, served);
            Client.Reply load = client.post("/v2/repository/models/m/load", "");
            assertEquals(200, load.status(), load.text());
            assertArrayEquals(fromB, Client.floats(client.post("/v2/models/m/infer", Fixtures.body("after", x)), "probabilities"));
            Thread.sleep(300);
            stop.set(true);
            int[] total = new int[2];
            for (Future<int[]> f : counts) {
                int[] s = f.get(60, TimeUnit.SECONDS);
                total[0] += s[0];
                total[1] += s[1];
            }
            pool.shutdownNow();
            assertTrue(total[0] > 0 && total[1] > 0, "answers from both models: " + Arrays.toString(total));
        }
    }

    @Test
    void aBrokenFileKeepsTheOldModelServingAndNamesTheProblem() throws Exception {
        Path served = Fixtures.classifier(dir, "m.neurite", 23);
        float[] x = Fixtures.rows(new Random(9), 1);
        float[] expected = probabilities(Predictor.of(ModelFile.load(served)), x);
        StringWriter log = new StringWriter();
        try (InferenceServer server = InferenceServer.start(Fixtures.options(Map.of("m", served)), new PrintWriter(log))) {
            Client client = new Client(server);
            byte[] bytes = Files.readAllBytes(served);
            Files.write(served, Arrays.copyOf(bytes, bytes.length / 2));
            Client.Reply r = client.post("/v2/repository/models/m/load", "");
            assertEquals(400, r.status(), r.text());
            assertTrue(r.error().contains(served.toString()) && r.error().contains("old one keeps serving"), r.error());
            assertTrue(log.toString().contains("reload of m failed"), log.toString());
            assertArrayEquals(expected, Client.floats(client.post("/v2/models/m/infer", Fixtures.body("x", x)), "probabilities"));
            List<String> problems = server.reloadAll();
            assertEquals(1, problems.size());
            assertTrue(problems.get(0).startsWith("m: "), problems.toString());
            Files.delete(served);
            assertEquals(400, client.post("/v2/repository/models/m/load", "").status());
            assertEquals(200, client.get("/v2/health/ready").status(), "still ready with the old model");
        }
    }
}
