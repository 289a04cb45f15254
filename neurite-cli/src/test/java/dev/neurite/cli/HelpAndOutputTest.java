package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.Idx;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the help, --quiet and bench print, and how running out of memory is reported. */
class HelpAndOutputTest {
    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private Path tiny() throws IOException {
        return csv("tiny.csv", "a,b,y\n1,2,0\n2,1,1\n3,3,0\n0,1,1\n1,1,0\n2,2,1\n");
    }

    @Test
    void eachCommandListsOnlyTheOptionsItAccepts() {
        assertFalse(run("evaluate", "--help").out().contains("--train"), "evaluate refuses --train, so does not list it");
        assertTrue(run("evaluate", "--help").out().contains("--test"));
        assertTrue(run("train", "--help").out().contains("--train=FILE.csv"));
        CliTest.Run r = run("evaluate", "--model", "m.neurite", "--train", "x.csv");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("neurite: Unknown options: '--train'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void helpShowsNoJavaNamesAndTheCommandListCutsNoSentence() {
        for (String command : new String[] {"train", "evaluate", "predict", "info", "xor", "bench"}) {
            String help = run(command, "--help").out();
            assertFalse(help.matches("(?s).*<[a-z]+[A-Z]\\w*>.*"), command + " --help shows a Java field name:\n" + help);
        }
        String top = run("--help").out();
        String commands = top.substring(top.indexOf("Commands:"));
        for (String line : commands.lines().toList()) {
            assertFalse(line.strip().endsWith(":") && !line.equals("Commands:"), "description cut at a colon: " + line);
        }
        assertTrue(commands.contains("exactly as the\n") || commands.contains("article does."), commands);
    }

    @Test
    void everyAcceptedLossIsDocumentedAndWorks() throws IOException {
        String help = run("train", "--help").out().replaceAll("\\s+", " ");
        for (String loss : NetworkOptions.LOSSES) {
            assertTrue(help.contains(loss), loss + " in train --help");
            CliTest.Run r = run("train", "--train", tiny().toString(), "--epochs", "1", "--quiet", "--loss", loss);
            assertEquals(0, r.status(), loss + ": " + r.err());
        }
        for (String schedule : NetworkOptions.SCHEDULES) {
            assertTrue(help.contains(schedule), schedule);
        }
    }

    @Test
    void quietPrintsOnlyTheResultLine() throws IOException {
        Path train = tiny();
        CliTest.Run withTest = run("train", "--train", train.toString(), "--test", train.toString(), "--epochs", "2", "--quiet");
        assertEquals(0, withTest.status(), withTest.err());
        assertEquals(1, withTest.out().lines().count(), withTest.out());
        assertTrue(withTest.out().startsWith("test accuracy "), withTest.out());
        CliTest.Run noTest = run("train", "--train", train.toString(), "--epochs", "2", "--quiet", "--json");
        List<String> lines = noTest.out().lines().toList();
        assertEquals(2, lines.size(), noTest.out());
        assertTrue(lines.get(0).startsWith("training loss ") && lines.get(0).contains("after 2 epochs"), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"test_accuracy\":null"), lines.get(1));
        assertTrue(run("train", "--train", train.toString(), "--epochs", "2").out().lines().count() > 4, "without --quiet: a line per epoch");
    }

    @Test
    void benchWithoutJsonPrintsATable() throws IOException {
        Path data = dir.resolve("mnist");
        Files.createDirectories(data);
        java.util.Random rng = new java.util.Random(1);
        for (String set : new String[] {"train", "t10k"}) {
            byte[] images = new byte[60 * 784], labels = new byte[60];
            rng.nextBytes(images);
            for (int i = 0; i < labels.length; i++) {
                labels[i] = (byte) (i % 10);
            }
            Idx.write(data.resolve(set + "-images-idx3-ubyte"), new int[] {60, 28, 28}, images);
            Idx.write(data.resolve(set + "-labels-idx1-ubyte"), new int[] {60}, labels);
        }
        CliTest.Run table = run("bench", "--data", data.toString(), "--quick", "--config", "seed", "--threads", "1");
        assertEquals(0, table.status(), table.err());
        assertFalse(table.out().contains("{") || table.out().contains("epoch_s"), "a table, not JSON: " + table.out());
        List<String> lines = table.out().lines().filter(l -> !l.isBlank()).toList();
        assertTrue(lines.get(lines.size() - 2).matches("config +epochs +epoch \\(median\\) +samples/s +test accuracy"), table.out());
        assertTrue(lines.get(lines.size() - 1).matches("seed +3 +[0-9.]+ s +[0-9,]+ +[01]\\.[0-9]{4}"), table.out());
        CliTest.Run json = run("bench", "--data", data.toString(), "--quick", "--config", "seed", "--threads", "1", "--json");
        assertTrue(json.lastLine().startsWith("{\"peer\":"), json.out());
        assertEquals(1, json.out().lines().count(), "--json prints only the JSON: " + json.out());
    }

    @Test
    void aNetworkTooLargeForTheHeapIsRefusedBeforeAllocating() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 784; i++) {
            sb.append('a').append(i).append(',');
        }
        sb.append("y\n");
        for (int r = 0; r < 4; r++) {
            sb.append("1,".repeat(784)).append(r % 2).append('\n');
        }
        Path wide = csv("wide.csv", sb.toString()), model = dir.resolve("m.neurite");
        CliTest.Run r = run("train", "--train", wide.toString(), "--hidden", "2000000", "--out", model.toString());
        OptionMessagesTest.assertRefused(r, "--hidden 2000000", "784-2000000relu-2softmax", "parameters", "heap");
        CliTest.Run array = run("train", "--train", wide.toString(), "--hidden", "100000,100000");
        OptionMessagesTest.assertRefused(array, "--hidden 100000,100000", "10,000,000,000 weights", "Java array");
        assertFalse(Files.exists(model));
    }

    @CommandLine.Command(name = "oom")
    static final class OutOfMemory implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void outOfMemoryIsOneLineWithExitTwo() {
        for (boolean debug : new boolean[] {false, true}) {
            CommandLine cl = new CommandLine(new Main());
            cl.addSubcommand("oom", new OutOfMemory());
            StringWriter out = new StringWriter(), err = new StringWriter();
            int status = Main.execute(cl, debug ? new String[] {"oom", "--debug"} : new String[] {"oom"},
                    new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(2, status, err.toString());
            String last = err.toString().strip().lines().reduce((a, b) -> b).orElseThrow();
            assertTrue(last.startsWith("neurite: out of memory (Java heap space; this JVM may use at most "), last);
            assertTrue(last.contains("NEURITE_JAVA_OPTS=-Xmx"), last);
            assertEquals(!debug, !err.toString().contains("\tat "), err.toString());
        }
    }
}
