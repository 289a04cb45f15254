package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** neurite serve as a real process: the same bits as neurite predict, SIGHUP reloads, SIGTERM exits 0. */
class ServeCommandTest {
    @TempDir
    Path dir;

    private Path train(String name, int seed) throws IOException {
        Random rnd = new Random(seed);
        StringBuilder csv = new StringBuilder("a,b,c,d,animal\n");
        String[] classes = {"cat", "dog", "eel"};
        for (int r = 0; r < 150; r++) {
            int k = r % 3;
            for (int c = 0; c < 4; c++) {
                csv.append(String.format(java.util.Locale.ROOT, "%.3f,", rnd.nextGaussian() + (c == k ? 1.5 : 0)));
            }
            csv.append(classes[k]).append('\n');
        }
        Path data = dir.resolve(name + ".csv"), model = dir.resolve(name + ".neurite");
        Files.writeString(data, csv);
        CliTest.Run r = run("train", "--train", data.toString(), "--hidden", "8", "--epochs", "3", "--seed",
                Integer.toString(seed), "--out", model.toString());
        assertEquals(0, r.status(), r.err());
        return model;
    }

    /** The probabilities neurite predict --json prints for each row, as FP32. */
    private static List<float[]> predicted(Path model, Path rows) {
        CliTest.Run r = run("predict", "--model", model.toString(), "--input", rows.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        List<float[]> out = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            Matcher m = Pattern.compile("\"probabilities\":\\[([^\\]]*)\\]").matcher(line);
            assertTrue(m.find(), line);
            String[] parts = m.group(1).split(",");
            float[] p = new float[parts.length];
            for (int k = 0; k < p.length; k++) {
                p[k] = (float) Double.parseDouble(parts[k]);
            }
            out.add(p);
        }
        return out;
    }

    private static List<float[]> served(HttpClient http, URI url, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url.resolve("/v2/models/m/infer"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        Matcher m = Pattern.compile("\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":\\[(\\d+),(\\d+)\\],\"data\":\\[([^\\]]*)\\]")
                .matcher(r.body());
        assertTrue(m.find(), r.body());
        int rows = Integer.parseInt(m.group(1)), k = Integer.parseInt(m.group(2));
        String[] parts = m.group(3).split(",");
        List<float[]> out = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            float[] p = new float[k];
            for (int j = 0; j < k; j++) {
                p[j] = Float.parseFloat(parts[row * k + j]);
            }
            out.add(p);
        }
        return out;
    }

    private static boolean sameBits(List<float[]> a, List<float[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            for (int k = 0; k < a.get(i).length; k++) {
                if (Float.floatToIntBits(a.get(i)[k]) != Float.floatToIntBits(b.get(i)[k])) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void servesPredictsBitsReloadsOnSighupAndStopsOnSigterm() throws Exception {
        Path first = train("first", 1), second = train("second", 2), servedFile = dir.resolve("served.neurite");
        Files.copy(first, servedFile);
        String[] rows = {"0.5,-1.25,2.0,0.125", "1.1,0.3,-0.7,2.25", "-0.333,0.667,1.5,-2.0"};
        Path rowsCsv = dir.resolve("rows.csv");
        Files.writeString(rowsCsv, "a,b,c,d\n" + String.join("\n", rows) + "\n");
        String body = "{\"inputs\":[{\"name\":\"input\",\"shape\":[3,4],\"datatype\":\"FP32\",\"data\":[["
                + String.join("],[", rows) + "]]}]}";
        Path errFile = dir.resolve("serve.err");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                "dev.neurite.cli.Main", "serve", "--model", "m=" + servedFile, "--port", "0").redirectError(errFile.toFile()).start();
        Object err = new Object() {
            @Override
            public String toString() {
                try {
                    return Files.readString(errFile);
                } catch (IOException e) {
                    return e.toString();
                }
            }
        };
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String ready = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return e.toString();
                }
            }).get(60, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("neurite serve: (http://127\\.0\\.0\\.1:\\d+) \\(models: m\\)").matcher(String.valueOf(ready));
            assertTrue(m.matches(), ready + "\n" + err);
            URI url = URI.create(m.group(1));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertTrue(sameBits(predicted(first, rowsCsv), served(http, url, body)), "serve and predict differ");

            Path tmp = dir.resolve("served.tmp");
            Files.copy(second, tmp);
            Files.move(tmp, servedFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            assertEquals(0, new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor());
            List<float[]> fromSecond = predicted(second, rowsCsv);
            boolean reloaded = false;
            for (int i = 0; i < 100 && !reloaded; i++) {
                Thread.sleep(50);
                reloaded = sameBits(fromSecond, served(http, url, body));
            }
            assertTrue(reloaded, "SIGHUP did not reload: " + err);
            assertTrue(err.toString().contains("SIGHUP: reloaded 1 of 1 models"), err.toString());

            p.destroy();     // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "no exit after SIGTERM");
            assertEquals(0, p.exitValue(), err.toString());
            assertTrue(err.toString().contains("SIGTERM, stopping"), err.toString());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void badOptionsExit2WithOneLine() throws Exception {
        Path model = train("m", 3);
        String[][] cases = {
            {"serve", "--model", "m"}, {"serve", "--model", "m=" + dir.resolve("none.neurite")},
            {"serve", "--model", "m=" + model, "--model", "m=" + model}, {"serve", "--model", "m=" + model, "--max-body", "lots"},
            {"serve", "--model", "bad name=" + model}, {"serve", "--model", "m=" + model, "--max-batch", "0"},
        };
        String[] mentions = {"NAME=MODEL_FILE", "none.neurite: no such file", "given twice", "--max-body", "bad name", "--max-batch"};
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliTest.Run r = run("serve", "--model", "m=" + model, "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(2, r.status(), r.err());
            assertTrue(r.err().startsWith("neurite: cannot listen on 127.0.0.1:" + taken.getLocalPort()), r.err());
        }
        for (int i = 0; i < cases.length; i++) {
            CliTest.Run r = run(cases[i]);
            assertEquals(2, r.status(), String.join(" ", cases[i]) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(mentions[i]), r.err());
        }
    }
}
