package dev.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    /** What one run of the command printed and returned. */
    record Run(int status, String out, String err) {
        String lastLine() {
            List<String> lines = out.lines().toList();
            return lines.get(lines.size() - 1);
        }
    }

    /** Runs the command in-process; a {@code train} without {@code --report} gets {@code --no-report}. */
    static Run run(String... args) {
        if (args.length > 0 && args[0].equals("train") && !java.util.Arrays.asList(args).contains("--report")) {
            args = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--no-report"))
                    .toArray(String[]::new);
        }
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    private static double[] outputs(String json) {
        Matcher m = Pattern.compile("\"outputs\":\\[([^\\]]*)\\]").matcher(json);
        assertTrue(m.find(), json);
        return java.util.Arrays.stream(m.group(1).split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    void xorLearnsForAtLeastNineOfTenSeeds(@TempDir Path tmp) {
        int learned = 0;
        for (int seed = 1; seed <= 10; seed++) {
            Run r = run("xor", "--seed", "" + seed, "--json", "--csv", tmp.resolve("loss" + seed + ".csv").toString());
            assertEquals(0, r.status(), r.err());
            double[] o = outputs(r.lastLine());
            assertEquals(4, o.length);
            double[] target = {0, 1, 1, 0};
            boolean ok = true;
            for (int i = 0; i < 4; i++) {
                ok &= Math.abs(o[i] - target[i]) <= 0.1;
            }
            learned += ok ? 1 : 0;
            assertTrue(r.lastLine().contains("\"loss\":"), r.lastLine());
        }
        assertTrue(learned >= 9, learned + " of 10 seeds learned XOR");
    }

    @Test
    void xorWritesTheLossCurveAndPrintsTheOutputs(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("sub/loss.csv");
        Run r = run("xor", "--csv", csv.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("input [0, 1, 1]  target 1  output 0.9"), r.out());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("iteration,loss", lines.get(0));
        assertEquals(1501, lines.size());
        double first = Double.parseDouble(lines.get(1).split(",")[1]);
        double last = Double.parseDouble(lines.get(1500).split(",")[1]);
        assertTrue(last < first / 50, first + " → " + last);
        try (var files = Files.list(csv.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void usageErrorsExitTwoWithOneLineAndNoStackTrace(@TempDir Path tmp) {
        for (String[] args : new String[][] {
            {"xor", "--iterations", "0", "--csv", tmp.resolve("a.csv").toString()},
            {"xor", "--seed", "many"},
            {"xor", "--no-such-option"},
            {"no-such-command"}}) {
            Run r = run(args);
            assertEquals(2, r.status(), String.join(" ", args));
            assertTrue(r.err().startsWith("neurite: "), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
        assertFalse(Files.exists(tmp.resolve("a.csv")), "nothing written on a usage error");
        assertTrue(run("xor", "--iterations", "0").err().contains("--iterations must be > 0, was 0"));
    }

    @Test
    void debugShowsTheStackTrace(@TempDir Path tmp) {
        Run plain = run("evaluate", "--model", tmp.resolve("none.neurite").toString(), "--data", "mnist");
        assertEquals(2, plain.status());
        assertEquals("neurite: " + tmp.resolve("none.neurite") + ": no such file", plain.err().strip());
        Run debug = run("evaluate", "--model", tmp.resolve("none.neurite").toString(), "--data", "mnist", "--debug");
        assertEquals(2, debug.status());
        assertTrue(debug.err().contains("\tat "), debug.err());
    }

    @Test
    void helpAndVersion() {
        Run help = run("--help");
        assertEquals(0, help.status());
        for (String command : new String[] {"train", "evaluate", "predict", "info", "xor", "bench"}) {
            assertTrue(help.out().contains(command), help.out());
            Run sub = run(command, "--help");
            assertEquals(0, sub.status(), command);
            assertTrue(sub.out().startsWith("Usage: neurite " + command), sub.out());
        }
        Run xorHelp = run("xor", "--help");
        assertTrue(xorHelp.out().contains("--iterations"), xorHelp.out());
        Run version = run("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("neurite "), version.out());
    }
}
