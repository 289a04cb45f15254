package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard for the class "a command deletes or changes what it did not write": every command that
 * writes files runs in a folder of bystander files (notes, a subfolder, symlinks, the training data
 * itself), on success and on every failure path, and every bystander must still be there byte for byte.
 */
class BystanderTest {
    @TempDir
    Path dir;

    private Map<String, String> bystanders;

    @BeforeEach
    void bystanders() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "my notes\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/data.csv"), "a,b\n1,2\n");
        Files.createSymbolicLink(dir.resolve("notes-link.txt"), Path.of("notes.txt"));
        Files.createSymbolicLink(dir.resolve("sub-link"), Path.of("sub"));
        StringBuilder train = new StringBuilder("x1,x2,label\n"), test = new StringBuilder("x1,x2,label\n");
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 60; i++) {
            double a = r.nextDouble(), b = r.nextDouble();
            (i < 45 ? train : test).append(String.format(Locale.ROOT, "%.3f,%.3f,%s%n", a, b, a > b ? "up" : "down"));
        }
        Files.writeString(dir.resolve("train.csv"), train);
        Files.writeString(dir.resolve("test.csv"), test);
        Files.writeString(dir.resolve("new.csv"), "x1,x2\n0.9,0.1\n0.2,0.7\n");
        Files.writeString(dir.resolve("bad.csv"), "x1,x2,label\n1,2,up\nz,3,down\n");
        bystanders = snapshot();
    }

    /** Every entry under the folder, not following links: path → content digest, link target or "folder". */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.filter(p -> !p.equals(dir)).toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    all.put(key, "link → " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    all.put(key, "folder");
                } else {
                    all.put(key, sha256(Files.readAllBytes(p)));
                }
            }
        }
        return all;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    /**
     * Runs a command that must succeed writing only under {@code outputs}: every other entry is unchanged,
     * nothing else is added, and no temporary file is left.
     */
    private void succeeds(List<String> outputs, String... args) throws IOException {
        CliTest.Run r = run(args);
        assertEquals(0, r.status(), String.join(" ", args) + ": " + r.err());
        Map<String, String> now = snapshot();
        for (String k : new java.util.TreeSet<>(union(now.keySet(), bystanders.keySet()))) {
            boolean output = outputs.stream().anyMatch(o -> k.equals(o) || k.startsWith(o + "/"));
            if (!output) {
                assertEquals(bystanders.get(k), now.get(k), k + " after " + String.join(" ", args));
            }
        }
        assertTrue(now.keySet().stream().noneMatch(k -> k.endsWith(".tmp")), now.keySet().toString());
        for (String o : outputs) {
            assertTrue(now.containsKey(o), o + " written by " + String.join(" ", args));
        }
        bystanders = now;   // what it wrote is a bystander of the next command
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }

    /** Runs a command that must fail with exit 2 and one line: nothing changed, nothing added. */
    private void fails(String... args) throws IOException {
        CliTest.Run r = run(args);
        assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
        assertTrue(r.err().startsWith("neurite: ") && !r.err().contains("\tat "), r.err());
        assertEquals(bystanders, snapshot(), "after " + String.join(" ", args));
    }

    @Test
    void everyCommandThatWritesLeavesEveryBystanderAsItWas() throws IOException {
        fails("train", "--train", p("train.csv"), "--epochs", "0", "--out", p("m.neurite"), "--report", p("report"));
        fails("train", "--train", p("train.csv"), "--no-such-option", "--out", p("m.neurite"));
        fails("train", "--train", p("missing.csv"), "--out", p("m.neurite"), "--report", p("report"));
        fails("train", "--train", p("bad.csv"), "--out", p("m.neurite"), "--report", p("report"), "--checkpoint-dir", p("ck"));
        fails("train", "--train", p("train.csv"), "--epochs", "1", "--out", p("m.neurite"), "--report", dir.toString());
        fails("train", "--train", p("train.csv"), "--epochs", "1", "--out", p("m.neurite"), "--report", p("sub"));
        fails("train", "--train", p("train.csv"), "--epochs", "1", "--out", p("m.neurite"), "--report", p("sub-link"));
        fails("train", "--train", p("train.csv"), "--epochs", "1", "--out", p("m.neurite"), "--report", p("notes.txt"));
        fails("train", "--train", p("train.csv"), "--epochs", "1", "--out", p("sub"), "--no-report");
        fails("train", "--train", p("train.csv"), "--epochs", "1", "--resume", p("notes.txt"), "--no-report");
        fails("xor", "--iterations", "0", "--csv", p("xor.csv"), "--report", p("xor-report"));
        fails("xor", "--iterations", "20", "--csv", p("xor.csv"), "--report", dir.toString());
        fails("xor", "--iterations", "20", "--csv", p("sub"));

        List<String> trained = List.of("m.neurite", "report", "ck");
        for (int again = 0; again < 2; again++) {   // the second run replaces its own files
            succeeds(trained, "train", "--train", p("train.csv"), "--test", p("test.csv"), "--hidden", "4", "--epochs", "2",
                    "--out", p("m.neurite"), "--report", p("report"), "--checkpoint-dir", p("ck"));
        }
        succeeds(List.of("xor.csv", "xor-report"), "xor", "--iterations", "20", "--csv", p("xor.csv"), "--report", p("xor-report"));
        succeeds(List.of("predictions.csv"), "predict", "--model", p("m.neurite"), "--input", p("new.csv"),
                "--output", p("predictions.csv"));
        succeeds(List.of(), "predict", "--model", p("m.neurite"), "--input", p("new.csv"), "--output", "-");
        succeeds(List.of(), "evaluate", "--model", p("m.neurite"), "--test", p("test.csv"));
        succeeds(List.of(), "info", "--model", p("m.neurite"));

        fails("predict", "--model", p("notes.txt"), "--input", p("new.csv"), "--output", p("p2.csv"));
        fails("predict", "--model", p("m.neurite"), "--input", p("missing.csv"), "--output", p("p2.csv"));
        fails("predict", "--model", p("m.neurite"), "--input", p("new.csv"), "--output", p("sub"));
        fails("predict", "--model", p("m.neurite"), "--input", p("new.csv"), "--output", p("new.csv"));
        fails("predict", "--model", p("m.neurite"), "--input", p("new.csv"), "--output", p("m.neurite"));
        fails("train", "--train", p("train.csv"), "--epochs", "1", "--out", p("train.csv"), "--no-report");
        fails("train", "--train", p("train.csv"), "--test", p("test.csv"), "--epochs", "1", "--out", p("sub-link/../test.csv"), "--no-report");
        fails("evaluate", "--model", p("train.csv"), "--test", p("test.csv"));
        fails("evaluate", "--model", p("m.neurite"), "--test", p("bad.csv"));
        fails("info", "--model", p("sub/data.csv"));
        Files.writeString(dir.resolve("report/mine.txt"), "added by the user");
        bystanders = snapshot();
        fails("train", "--train", p("train.csv"), "--epochs", "1", "--report", p("report"));
        fails("xor", "--iterations", "20", "--csv", p("xor.csv"), "--report", p("report"));
        assertTrue(bystanders.keySet().containsAll(List.of("report/index.html", "ck/checkpoint.nrtckpt", "xor-report/index.html")),
                bystanders.keySet().toString());
    }
}
