package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Messages about options name the option, as typed, and never a Java field. */
class OptionMessagesTest {
    /** A lower-case word with an upper-case letter inside: a Java field name such as batchSize. */
    private static final Pattern JAVA_NAME = Pattern.compile("\\b[a-z]+[A-Z][A-Za-z]*\\b");

    @TempDir
    Path dir;

    private Path tiny() throws IOException {
        Path f = dir.resolve("tiny.csv");
        Files.writeString(f, "a,b,y\n1,2,0\n2,1,1\n3,3,0\n0,1,1\n1,1,0\n2,2,1\n");
        return f;
    }

    static void assertRefused(CliTest.Run r, String... mentions) {
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith("neurite: "), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(JAVA_NAME.matcher(r.err()).find(), "a Java name in: " + r.err());
        for (String m : mentions) {
            assertTrue(r.err().contains(m), m + " in: " + r.err());
        }
    }

    /** Every numeric option of train, xor and bench, except the seeds, refuses -1 and NaN by its name. */
    @Test
    void everyNumericOptionRefusesBadValuesByName() throws IOException {
        String[][] commands = {
            {"train", "--train", tiny().toString()},
            {"xor", "--csv", dir.resolve("xor.csv").toString()},
            {"bench", "--data", dir.resolve("no-such-folder").toString()}};
        int checked = 0;
        for (String[] base : commands) {
            CommandLine cl = new CommandLine(new Main()).getSubcommands().get(base[0]);
            for (OptionSpec o : cl.getCommandSpec().options()) {
                Class<?> t = o.typeInfo().isCollection() ? o.typeInfo().getAuxiliaryTypes()[0] : o.type();
                boolean integer = t == int.class || t == Integer.class, real = t == double.class || t == Double.class;
                if ((!integer && !real) || o.longestName().equals("--seed")) {
                    continue;
                }
                for (String bad : real ? List.of("-1", "NaN", "Infinity") : List.of("-1")) {
                    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base),
                            java.util.stream.Stream.of(o.longestName(), bad)).toArray(String[]::new);
                    assertRefused(run(args), o.longestName());
                    checked++;
                }
            }
        }
        assertTrue(checked >= 30, checked + " checks");
        assertFalse(Files.exists(dir.resolve("xor.csv")), "nothing written on a bad option");
    }

    @Test
    void coreConfigurationErrorsNameTheOption() throws IOException {
        String csv = tiny().toString();
        assertRefused(run("train", "--train", csv, "--batch-size", "0"), "--batch-size must be > 0", "was 0");
        assertRefused(run("train", "--train", csv, "--lr", "0"), "--lr must be > 0");
        assertRefused(run("train", "--train", csv, "--optimizer", "momentum", "--momentum", "1"), "--momentum must be in [0, 1)");
        assertRefused(run("train", "--train", csv, "--max-norm", "-2"), "--max-norm");
        assertRefused(run("train", "--train", csv, "--optimizer", "adamw", "--weight-decay", "-0.5"), "--weight-decay");
        assertRefused(run("train", "--train", csv, "--threads", "100000"), "--threads must be at most 1,024");
        assertRefused(run("train", "--train", csv, "--activation", "softmax"), "--activation must be one of tanh, sigmoid, relu, leaky-relu");
        assertRefused(run("train", "--train", csv, "--init", "zeros"), "--init must be one of");
        assertRefused(run("train", "--train", csv, "--loss", "hinge"), "--loss must be one of", "bce");
        assertRefused(run("train", "--train", csv, "--normalize", "log"), "--normalize must be one of none, min-max, standard");
        assertRefused(run("train", "--train", csv, "--schedule", "step"), "--schedule must be one of");
        assertRefused(run("train", "--train", csv, "--hidden", "4,0"), "--hidden");
        assertRefused(run("train", "--train", csv, "--validation-split", "0.01"), "--validation-split 0.01: ", "one part empty");
        assertRefused(run("bench", "--config", "seed,huge", "--data", dir.resolve("none").toString()), "--config", "'huge'");
    }

    @Test
    void aCsvWithOtherSeparatorsNamesTheFileNotInputSize() throws IOException {
        Path semi = dir.resolve("semi.csv");
        Files.writeString(semi, "a;b;y\n1;2;0\n2;1;1\n");
        assertEquals(0, run("train", "--train", semi.toString(), "--epochs", "1").status());     // the separator is detected
        CliTest.Run r = run("train", "--train", semi.toString(), "--delimiter", ",");
        assertEquals(2, r.status());
        assertFalse(r.err().contains("inputSize"), r.err());
        assertTrue(r.err().startsWith("neurite: " + semi + ": "), r.err());
    }

    @Test
    void optionsThatWouldBeIgnoredAreRefusedNamingBoth() throws IOException {
        String csv = tiny().toString();
        assertRefused(run("train", "--train", csv, "--decay", "-1"), "--decay must be >= 0", "-1");
        assertRefused(run("train", "--train", csv, "--decay", "0.1", "--schedule", "cosine"), "--decay", "--schedule cosine");
        assertRefused(run("train", "--train", csv, "--decay", "0.1", "--schedule", "constant"), "--decay", "--schedule constant");
        assertRefused(run("train", "--train", csv, "--schedule", "inverse-time"), "--schedule inverse-time needs --decay");
        assertRefused(run("train", "--train", csv, "--momentum", "0.5"), "--momentum", "--optimizer adam");
        assertRefused(run("train", "--train", csv, "--optimizer", "sgd", "--momentum", "0.5"), "--momentum", "--optimizer sgd");
        assertRefused(run("train", "--train", csv, "--weight-decay", "0.1"), "--weight-decay", "--optimizer adam");
        assertRefused(run("train", "--train", csv, "--checkpoint-every", "3"), "--checkpoint-every", "--checkpoint-dir");
        assertRefused(run("train", "--train", csv, "--hidden", "0", "--dropout", "0.3"), "--dropout", "--hidden 0");
        assertRefused(run("train", "--train", csv, "--report", dir.resolve("r").toString(), "--no-report"), "--report", "--no-report");
        assertFalse(Files.exists(dir.resolve("r")));
        assertRefused(run("bench", "--quick", "--config", "infer", "--data", dir.resolve("none").toString()), "--quick", "--config infer");
        // what is used is accepted: decay with its schedules, momentum with its optimizers, --patience on the training loss
        assertEquals(0, run("train", "--train", csv, "--epochs", "2", "--decay", "0.1").status());
        assertEquals(0, run("train", "--train", csv, "--epochs", "2", "--decay", "0.1", "--schedule", "inverse-time").status());
        assertEquals(0, run("train", "--train", csv, "--epochs", "2", "--optimizer", "nesterov", "--momentum", "0.5").status());
        assertEquals(0, run("train", "--train", csv, "--epochs", "2", "--optimizer", "adamw", "--weight-decay", "0.1").status());
        assertEquals(0, run("train", "--train", csv, "--epochs", "2", "--patience", "1").status());
    }
}
