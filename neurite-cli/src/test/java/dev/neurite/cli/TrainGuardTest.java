package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.Rng;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train refuses what cannot give a usable model, and stops a run that blows up, writing no model. */
class TrainGuardTest {
    @TempDir
    Path dir;

    /** {@code rows} examples of {@code classes} blobs in 8 dimensions, labels c0, c1, …. */
    private Path csv(String name, int rows, int classes, long seed) throws IOException {
        Rng rng = new Rng(seed);
        StringBuilder sb = new StringBuilder("a,b,c,d,e,f,g,h,label\n");
        for (int i = 0; i < rows; i++) {
            int c = i % classes;
            for (int j = 0; j < 8; j++) {
                sb.append(String.format(Locale.ROOT, "%.4f,", (j % classes == c ? 2 : 0) + rng.nextGaussian()));
            }
            sb.append("c").append(c).append('\n');
        }
        Path f = dir.resolve(name);
        Files.writeString(f, sb);
        return f;
    }

    private static void assertOneLine(CliTest.Run r, String expected) {
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("internal error"), r.err());
    }

    private static String[] args(Path csv, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--train", csv.toString(), "--hidden", "16", "--epochs", "3",
                "--batch-size", "16", "--threads", "1", "--quiet"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void singleClassDataIsRefusedUpFront() throws IOException {
        Path one = csv("one.csv", 40, 1, 1);
        Path model = dir.resolve("m.neurite");
        String expected = one + ": every example has the class 'c0'; a classifier needs examples of at least two classes";
        assertOneLine(run(args(one, "--out", model.toString())), expected);
        assertOneLine(run(args(one, "--validation-split", "0.2")), expected);
        assertOneLine(run(args(one, "--test", one.toString())), expected);
        assertFalse(Files.exists(model));
    }

    @Test
    void aBlowUpStopsWithExitTwoAndNoModel() throws IOException {
        Path data = csv("train.csv", 600, 3, 2);
        Path model = dir.resolve("m.neurite");
        for (String[] bad : new String[][] {{"--optimizer", "adam", "--lr", "1e6"}, {"--l2", "1e300"},
            {"--optimizer", "sgd", "--lr", "1e38", "--batch-size", "600", "--epochs", "1"}}) {
            List<String> a = new ArrayList<>(List.of(args(data, "--out", model.toString())));
            for (int k = 0; k < bad.length; k += 2) {             // set or add each option
                int at = a.indexOf(bad[k]);
                if (at >= 0) {
                    a.set(at + 1, bad[k + 1]);
                } else {
                    a.addAll(List.of(bad[k], bad[k + 1]));
                }
            }
            CliTest.Run r = run(a.toArray(String[]::new));
            assertOneLine(r, "neurite: training diverged: ");
            assertFalse(Files.exists(model), String.join(" ", bad) + " wrote a model");
        }
        assertEquals(0, run(args(data, "--out", model.toString())).status(), "the same data trains with sane settings");
        assertTrue(Files.exists(model));
    }

    @Test
    void aCheckpointFolderThatIsAFileOrIsInUseIsRefused() throws IOException {
        Path data = csv("train.csv", 64, 2, 3);
        Path file = dir.resolve("ckpt");
        Files.writeString(file, "mine");
        assertOneLine(run(args(data, "--checkpoint-dir", file.toString())),
                "neurite: " + file + ": the checkpoint folder is a file; name a folder");
        assertEquals("mine", Files.readString(file));
        Path folder = dir.resolve("held");
        Files.createDirectories(folder);
        try (FileChannel ch = FileChannel.open(folder.resolve("checkpoint.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {     // as another run holds it
            assertOneLine(run(args(data, "--checkpoint-dir", folder.toString())),
                    "neurite: " + folder + ": another training run is writing checkpoints into this folder");
        }
        assertEquals(0, run(args(data, "--checkpoint-dir", folder.toString())).status());
    }
}
