package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.io.ModelFile;
import dev.neurite.tensor.Rng;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real training process killed with SIGKILL and resumed ends with the weights of an uninterrupted run. */
class ResumeTest {
    @TempDir
    Path dir;

    private Path data() throws IOException {
        return data("train.csv", 5);
    }

    private Path data(String name, long seed) throws IOException {
        Rng rng = new Rng(seed);
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < 20; j++) {
            sb.append("f").append(j).append(',');
        }
        sb.append("label\n");
        for (int i = 0; i < 3000; i++) {
            int c = i % 4;
            for (int j = 0; j < 20; j++) {
                sb.append(String.format(Locale.ROOT, "%.4f,", (j % 4 == c ? 1.5 : 0) + rng.nextGaussian()));
            }
            sb.append("c").append(c).append('\n');
        }
        Path f = dir.resolve(name);
        Files.writeString(f, sb);
        return f;
    }

    private List<String> trainArgs(Path csv, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--train", csv.toString(), "--hidden", "96,96", "--dropout", "0.2",
                "--epochs", "60", "--batch-size", "16", "--optimizer", "adam", "--lr", "0.002", "--seed", "3", "--threads", "1"));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void aTrainingKilledWithSigkillResumesToBitIdenticalWeights() throws Exception {
        Path csv = data(), ckpt = dir.resolve("ckpt");
        Path straight = dir.resolve("straight.neurite"), resumed = dir.resolve("resumed.neurite");
        assertEquals(0, run(trainArgs(csv, "--out", straight.toString()).toArray(String[]::new)).status());

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(trainArgs(csv, "--checkpoint-dir", ckpt.toString(), "--checkpoint-every", "37", "--out",
                dir.resolve("never.neurite").toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        Path file = ckpt.resolve("checkpoint.nrtckpt");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        FileTime first = null;
        int changes = 0;
        while (changes < 3 && p.isAlive() && System.nanoTime() < deadline) {   // let it write a few checkpoints
            if (Files.exists(file)) {
                FileTime t = Files.getLastModifiedTime(file);
                if (!t.equals(first)) {
                    first = t;
                    changes++;
                }
            }
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), "the run ended before it could be killed: " + Files.readString(dir.resolve("killed.log")));
        p.destroyForcibly();                                                    // SIGKILL: no shutdown hooks run
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
        assertTrue(!Files.exists(dir.resolve("never.neurite")), "the killed run wrote no model");
        try (var left = Files.list(ckpt)) {
            assertEquals(List.of("checkpoint.lock", "checkpoint.nrtckpt"), left.map(f -> f.getFileName().toString()).sorted()
                    .toList(), "no temporary file survives the kill in a usable name");
        }

        CliTest.Run r = run(trainArgs(csv, "--checkpoint-dir", ckpt.toString(), "--resume", ckpt.toString(), "--out",
                resumed.toString(), "--json").toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        float[][] a = ModelFile.load(straight).network().snapshot(), b = ModelFile.load(resumed).network().snapshot();
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], "tensor " + i);
        }
    }

    @Test
    void resumingFromNothingOrWithOtherSettingsIsAnError() throws IOException {
        Path csv = data(), ckpt = dir.resolve("c");
        assertEquals(2, run(trainArgs(csv, "--resume", dir.resolve("none").toString()).toArray(String[]::new)).status());
        List<String> one = trainArgs(csv, "--checkpoint-dir", ckpt.toString());
        one.set(one.indexOf("--epochs") + 1, "1");
        assertEquals(0, run(one.toArray(String[]::new)).status());
        List<String> other = trainArgs(csv, "--resume", ckpt.toString());
        other.set(other.indexOf("--seed") + 1, "4");
        CliTest.Run r = run(other.toArray(String[]::new));
        assertEquals(2, r.status());
        assertTrue(r.err().contains("was written by another run: it has seed=3, this run seed=4;"), r.err());
        CliTest.Run normalized = run(trainArgs(csv, "--resume", ckpt.toString(), "--normalize", "min-max").toArray(String[]::new));
        assertEquals(2, normalized.status());
        assertTrue(normalized.err().contains("was written by another run"), normalized.err());
        CliTest.Run otherFile = run(trainArgs(data("other.csv", 6), "--resume", ckpt.toString()).toArray(String[]::new));
        assertEquals(2, otherFile.status(), "another file with the same number of rows is another run");
        assertTrue(otherFile.err().contains("was written by another run"), otherFile.err());
        List<String> same = trainArgs(csv, "--resume", ckpt.toString());
        same.set(same.indexOf("--epochs") + 1, "1");
        assertEquals(0, run(same.toArray(String[]::new)).status(), "the same count: the run is complete, nothing to do");
        assertEquals(2, run(trainArgs(csv, "--checkpoint-every", "5").toArray(String[]::new)).status());
        assertTrue(new File(ckpt.toFile(), "checkpoint.nrtckpt").isFile());
    }
}
