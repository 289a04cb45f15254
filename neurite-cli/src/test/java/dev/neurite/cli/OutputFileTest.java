package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where predict --output, train --out and xor --csv land: permissions, symlinks, '-'. */
class OutputFileTest {
    @TempDir
    static Path dir;
    static Path model, input;

    @BeforeAll
    static void train() throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), "a,b,y\n0,1,no\n1,0,yes\n0,0.9,no\n0.8,0,yes\n0.1,1,no\n1,0.2,yes\n");
        input = Files.writeString(dir.resolve("new.csv"), "a,b\n0,1\n1,0\n");
        model = dir.resolve("m.neurite");
        CliTest.Run r = run("train", "--train", train.toString(), "--hidden", "3", "--epochs", "3", "--out", model.toString());
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void anOutputThatCannotBeWrittenIsRefusedBeforeAnyWork() throws IOException {
        Path train = dir.resolve("train.csv"), notAFolder = dir.resolve("notes.txt");
        Files.writeString(notAFolder, "a file where a folder would have to be");
        CliTest.Run r = run("train", "--train", train.toString(), "--epochs", "50",
                "--out", notAFolder.resolve("m.neurite").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--out " + notAFolder.resolve("m.neurite") + ": " + notAFolder + " is not a folder"), r.err());
        assertFalse(r.out().contains("epoch 1"), "refused only after training:\n" + r.out());
        CliTest.Run folder = run("predict", "--model", model.toString(), "--input", input.toString(), "--output", dir.toString());
        assertEquals(2, folder.status());
        assertTrue(folder.err().contains("--output " + dir + " is a folder"), folder.err());
        assertEquals("a file where a folder would have to be", Files.readString(notAFolder));
    }

    @Test
    void filesGetTheUsualPermissions() throws IOException {
        Path probe = Files.createFile(dir.resolve("probe-" + System.nanoTime()));
        Path out = dir.resolve("p-" + System.nanoTime() + ".csv"), xor = dir.resolve("x-" + System.nanoTime() + ".csv");
        assertEquals(0, run("predict", "--model", model.toString(), "--input", input.toString(), "--output", out.toString()).status());
        assertEquals(0, run("xor", "--iterations", "5", "--csv", xor.toString()).status());
        for (Path p : List.of(model, out, xor)) {
            assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(probe)),
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
    }

    @Test
    void outputThroughASymlinkWritesItsTargetAndKeepsTheLink() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real")).resolve("predictions.csv");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("latest.csv"), Path.of("real/predictions.csv"));
        CliTest.Run r = run("predict", "--model", model.toString(), "--input", input.toString(), "--output", link.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertTrue(Files.readString(real).startsWith("index,class,"), Files.readString(real));
    }

    @Test
    void outputDashWritesTheCsvToStandardOutputAlone() throws IOException {
        CliTest.Run r = run("predict", "--model", model.toString(), "--input", input.toString(), "--output", "-");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("index,class,"), r.out());
        assertTrue(lines.get(1).startsWith("0,"), r.out());
        assertFalse(Files.exists(Path.of("-")), "no file named '-'");
    }

    @Test
    void outputToAFifoIsWrittenInPlace() throws Exception {
        Path fifo = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        var read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CliTest.Run r = run("predict", "--model", model.toString(), "--input", input.toString(), "--output", fifo.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(read.get(10, java.util.concurrent.TimeUnit.SECONDS).startsWith("index,class,"));
        assertFalse(Files.isRegularFile(fifo), "still a FIFO, not replaced by a file");
    }
}
