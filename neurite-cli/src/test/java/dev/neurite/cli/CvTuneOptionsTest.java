package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static dev.neurite.cli.CvCommandTest.sklearn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every train option given to {@code cv} and {@code tune} either acts on their runs or is refused by name: for each
 * one, two runs that differ only in it give other fold (trial) figures, or the same figures from a file that can
 * only be read with it; the refused ones exit 2 with one line. A train option this test does not list fails it,
 * so a new option has to be placed here.
 */
class CvTuneOptionsTest {
    @TempDir
    static Path dir;
    static String iris, wine, wineA, wineB, weightsA, weightsB, missing, features, targetsA, targetsB, spaced, headless, space;
    static int runs;

    /**
     * Two runs (extra train options a and b) that must give other figures ({@code within} < 0), or the same ones,
     * bit for bit (0) or each within {@code within} of the other.
     */
    record Pair(String option, List<String> a, List<String> b, double within) {
        Pair(String option, List<String> a, List<String> b, boolean same) {
            this(option, a, b, same ? 0 : -1);
        }
    }

    @BeforeAll
    static void data() throws IOException {
        iris = sklearn("iris.csv").toString();
        wine = sklearn("wine.csv").toString();
        List<String> lines = Files.readAllLines(Path.of(iris));
        String head = lines.get(0);
        StringBuilder a = new StringBuilder(head.replace(",species", ",w,species\n")), b = new StringBuilder(a), gaps = new StringBuilder(lines.get(0) + "\n"),
                x = new StringBuilder(), ta = new StringBuilder("species\n"), tb = new StringBuilder("species\n"),
                ws = new StringBuilder(lines.get(0).replace(',', ' ') + "\n"), noHeader = new StringBuilder();
        x.append(lines.get(0), 0, lines.get(0).lastIndexOf(',')).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String cells = line.substring(0, line.lastIndexOf(',') + 1), label = line.substring(line.lastIndexOf(',') + 1);
            a.append(cells).append("1,").append(label).append('\n');                       // the weight before the label
            b.append(cells).append(1 + i % 4).append(',').append(label).append('\n');
            gaps.append(i % 5 == 0 ? line.substring(line.indexOf(',')) : line).append('\n');   // a missing sepal_length
            x.append(line, 0, line.lastIndexOf(',')).append('\n');
            ta.append(label).append('\n');
            tb.append(i % 3 == 0 ? String.valueOf((Integer.parseInt(label) + 1) % 3) : label).append('\n');
            ws.append(line.replace(',', ' ')).append('\n');
            noHeader.append(line).append('\n');
        }
        List<String> wineLines = Files.readAllLines(Path.of(wine));
        StringBuilder wa = new StringBuilder(wineLines.get(0).replace(",class", ",w,class\n")), wb = new StringBuilder(wa);
        for (int i = 1; i < wineLines.size(); i++) {
            String line = wineLines.get(i), cells = line.substring(0, line.lastIndexOf(',') + 1);
            wa.append(cells).append("1,").append(line.substring(line.lastIndexOf(',') + 1)).append('\n');
            wb.append(cells).append(1 + i % 4).append(',').append(line.substring(line.lastIndexOf(',') + 1)).append('\n');
        }
        wineA = write("wine-a.csv", wa);
        wineB = write("wine-b.csv", wb);
        weightsA = write("weights-a.csv", a);
        weightsB = write("weights-b.csv", b);
        missing = write("missing.csv", gaps);
        features = write("features.csv", x);
        targetsA = write("targets-a.csv", ta);
        targetsB = write("targets-b.csv", tb);
        spaced = write("spaced.txt", ws);
        headless = write("headless.csv", noHeader);
        space = write("space.json", new StringBuilder("{\"hidden\": [[16]]}"));
    }

    private static String write(String name, CharSequence text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    private static List<String> l(String... args) {
        return List.of(args);
    }

    private static List<String> with(List<String> a, String... more) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(more));
        return all;
    }

    /** Every train option that acts on a run, each with two runs that show it acting. */
    static List<Pair> acting() {
        List<String> none = l("--train", iris), reg = l("--train", wine, "--regression", "--label", "flavanoids");
        List<String> bouncy = l("--train", iris, "--epochs", "30", "--optimizer", "sgd", "--lr", "3");
        List<String> stops = l("--train", iris, "--epochs", "40", "--lr", "0.1", "--validation-split", "0.3");
        List<Pair> p = new ArrayList<>();
        p.add(new Pair("--label", reg, l("--train", wine, "--regression", "--label", "hue"), false));
        p.add(new Pair("--regression", none, with(none, "--regression"), false));
        p.add(new Pair("--delimiter", none, l("--train", spaced, "--delimiter", "whitespace"), true));
        p.add(new Pair("--no-header", none, l("--train", headless, "--no-header"), true));
        p.add(new Pair("--impute", l("--train", missing, "--impute", "mean"), l("--train", missing, "--impute", "median"), false));
        p.add(new Pair("--missing-indicator", l("--train", missing, "--impute", "mean"),
                l("--train", missing, "--impute", "mean", "--missing-indicator"), false));
        p.add(new Pair("--categorical", none, with(none, "--categorical", "petal_width"), false));
        p.add(new Pair("--train-targets", l("--train", features, "--train-targets", targetsA),
                l("--train", features, "--train-targets", targetsB), false));
        p.add(new Pair("--target-scaling", reg, with(reg, "--target-scaling", "none"), false));
        p.add(new Pair("--weight-column", l("--train", weightsA, "--weight-column", "w"), l("--train", weightsB, "--weight-column", "w"),
                false));
        p.add(new Pair("--weight-column", l("--train", wineA, "--regression", "--label", "flavanoids", "--weight-column", "w"),
                l("--train", wineB, "--regression", "--label", "flavanoids", "--weight-column", "w"), false));   // through the target scaling
        // weights of 1, and no feature: the figures of the plain file but for the weighted loss's rounding
        p.add(new Pair("--weight-column", none, l("--train", weightsA, "--weight-column", "w"), 1e-6));
        for (String[] o : new String[][] {{"--hidden", "8"}, {"--activation", "tanh"}, {"--init", "xavier-normal"}, {"--no-bias"},
            {"--loss", "mse"}, {"--optimizer", "sgd"}, {"--lr", "0.01"}, {"--schedule", "cosine"}, {"--l1", "0.01"}, {"--l2", "0.01"},
            {"--max-norm", "0.1"}, {"--dropout", "0.5"}, {"--input-dropout", "0.5"}, {"--batch-norm"}, {"--epochs", "3"},
            {"--batch-size", "16"}, {"--seed", "2"}, {"--validation-split", "0.3"}, {"--normalize", "none"}, {"--clip-norm", "0.01"},
            {"--clip-value", "0.0001"}, {"--warmup", "5"}, {"--class-weights", "1,2,3"}, {"--label-smoothing", "0.2"}}) {
            p.add(new Pair(o[0], none, with(none, o), false));
        }
        p.add(new Pair("--momentum", with(none, "--optimizer", "momentum"), with(none, "--optimizer", "momentum", "--momentum", "0.5"), false));
        p.add(new Pair("--weight-decay", with(none, "--optimizer", "adamw"), with(none, "--optimizer", "adamw", "--weight-decay", "0.5"),
                false));
        p.add(new Pair("--decay", with(none, "--optimizer", "sgd"), with(none, "--optimizer", "sgd", "--decay", "0.5"), false));
        p.add(new Pair("--patience", stops, with(stops, "--patience", "1"), false));
        p.add(new Pair("--reduce-lr-on-plateau", bouncy, with(bouncy, "--reduce-lr-on-plateau", "0.1", "--plateau-patience", "1"), false));
        p.add(new Pair("--plateau-patience", with(bouncy, "--reduce-lr-on-plateau", "0.1"),
                with(bouncy, "--reduce-lr-on-plateau", "0.1", "--plateau-patience", "1"), false));
        p.add(new Pair("--threads", with(none, "--threads", "1"), with(none, "--threads", "2"), true));
        return p;
    }

    /** The refused train options, each with a value to give it. */
    static Map<String, List<String>> refusedArgs() {
        return Map.ofEntries(Map.entry("--test", l("--test", iris)), Map.entry("--test-targets", l("--test-targets", targetsA)),
                Map.entry("--unknown-category", l("--unknown-category", "error")), Map.entry("--out", l("--out", "m.neurite")),
                Map.entry("--report", l("--report", "r")), Map.entry("--checkpoint-dir", l("--checkpoint-dir", "c")),
                Map.entry("--checkpoint-every", l("--checkpoint-every", "1")), Map.entry("--resume", l("--resume", "c")),
                Map.entry("--history", l("--history", "h.csv")), Map.entry("--dashboard", l("--dashboard")),
                Map.entry("--json", l("--json")));
    }

    /**
     * Train options that neither change the figures nor are refused, and why: --train and --data are the data
     * itself; --quiet is checked below; both commands write no report, with --no-report or without; cv's own
     * --json (the cv line) and tune's --out (the best model, TuneCommandTest) are the commands' own;
     * --help and --version are refused by TrainRun.parse.
     */
    static Set<String> exempt(String command) {
        Set<String> s = new TreeSet<>(Set.of("--train", "--data", "--quiet", "--no-report", "--help", "--version"));
        s.add(command.equals("cv") ? "--json" : "--out");
        return s;
    }

    private static Map<String, String> refused(String command) {
        Map<String, String> r = CvCommand.refused(command);
        if (command.equals("cv")) {
            r.put("--out", "");
        } else {
            r.put("--json", "");
        }
        return r;
    }

    /** The figures of each fold (cv) or of the one trial (tune), or the error when the run failed. */
    @SuppressWarnings("unchecked")
    private static Object figures(String command, List<String> trainArgs) throws IOException {
        List<String> args = new ArrayList<>(command.equals("cv") ? l("cv", "--folds", "2", "--json")
                : l("tune", "--grid", "--space", space, "--output", dir.resolve("trials" + runs++ + ".json").toString()));
        args.addAll(trainArgs);
        CliTest.Run r = run(args.toArray(String[]::new));
        if (r.status() != 0) {
            return "exit " + r.status() + ": " + r.err();
        }
        if (command.equals("cv")) {
            return ((Map<String, Object>) Json.parse(r.lastLine())).get("fold_results");
        }
        Map<String, Object> file = (Map<String, Object>) Json.parse(Files.readString(Path.of(args.get(args.indexOf("--output") + 1))));
        Map<String, Object> trial = ((List<Map<String, Object>>) file.get("trials")).get(0);
        return List.of(trial.get("scores"), trial.get("epochs"));
    }

    /** Every option of train that is neither listed here nor acts in {@code command} as listed, with what went wrong. */
    private static List<String> problems(String command) throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> listed = new TreeSet<>(exempt(command));
        listed.addAll(refused(command).keySet());
        for (Pair p : acting()) {
            listed.add(p.option());
        }
        for (CommandLine.Model.OptionSpec o : new CommandLine(new TrainCommand()).getCommandSpec().options()) {
            if (!listed.remove(o.longestName())) {
                problems.add(o.longestName() + ": a train option this test does not place (acting, refused or exempt)");
            }
        }
        listed.forEach(o -> problems.add(o + ": listed here, not a train option"));
        for (Pair p : acting()) {
            if (command.equals("tune") && p.option().equals("--hidden")) {
                continue;                                     // the space's key: tune refuses it as a train option too
            }
            Object a = figures(command, p.a()), b = figures(command, p.b());
            if (a instanceof String || b instanceof String) {
                problems.add(p.option() + ": " + (a instanceof String ? a : b).toString().strip());
            } else if (p.within() == 0 && !a.equals(b)) {
                problems.add(p.option() + ": not the figures of the plain file: " + a + " / " + b);
            } else if (p.within() > 0 && !close(a, b, p.within())) {
                problems.add(p.option() + ": not within " + p.within() + " of the plain file's figures: " + a + " / " + b);
            } else if (p.within() < 0 && a.equals(b)) {
                problems.add(p.option() + ": changed nothing (accepted and ignored)");
            }
        }
        for (String option : refused(command).keySet()) {
            List<String> args = new ArrayList<>(command.equals("cv") ? l("cv", "--folds", "2")
                    : l("tune", "--grid", "--space", space, "--output", dir.resolve("never.json").toString()));
            args.addAll(l("--train", iris));
            args.addAll(refusedArgs().get(option));
            CliTest.Run r = run(args.toArray(String[]::new));
            if (r.status() != 2 || r.err().strip().lines().count() != 1
                    || !r.err().startsWith("neurite: " + option + " is not an option of neurite " + command + ": ")) {
                problems.add(option + ": not refused by name in one line (exit " + r.status() + "): " + r.err().strip());
            }
        }
        if (Files.exists(dir.resolve("never.json"))) {
            problems.add("a refused run wrote its --output");
        }
        return problems;
    }

    /** Whether a and b have the same structure with every number within {@code within} of the other's. */
    private static boolean close(Object a, Object b, double within) {
        if (a instanceof Map<?, ?> m && b instanceof Map<?, ?> n) {
            return m.keySet().equals(n.keySet()) && m.keySet().stream().allMatch(k -> close(m.get(k), n.get(k), within));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return x.size() == y.size() && java.util.stream.IntStream.range(0, x.size()).allMatch(i -> close(x.get(i), y.get(i), within));
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Math.abs(x.doubleValue() - y.doubleValue()) <= within;
        }
        return java.util.Objects.equals(a, b);
    }

    @Test
    void everyTrainOptionActsInCvOrIsRefused() throws IOException {
        assertEquals(List.of(), problems("cv"));
        CliTest.Run quiet = run("cv", "--folds", "2", "--train", iris, "--epochs", "2", "--quiet");
        assertEquals(0, quiet.status(), quiet.err());
        assertTrue(!quiet.out().contains("fold 1/2"), quiet.out());
    }

    @Test
    void aSpaceCannotVaryHowTheDataIsReadOrSplit() throws IOException {
        // tune reads the data and draws its validation split once, with the train options: a trial could not vary them
        for (String key : new String[] {"impute", "missing_indicator", "categorical", "train_targets", "weight_column", "delimiter",
            "no_header", "validation_split"}) {
            Path s = Files.writeString(dir.resolve("space-" + key + ".json"), "{\"" + key + "\": [\"x\"]}");
            CliTest.Run r = run("tune", "--grid", "--space", s.toString(), "--output", dir.resolve("never.json").toString(), "--train", iris);
            String option = "--" + key.replace('_', '-');
            assertEquals(2, r.status(), key + ": " + r.out() + r.err());
            assertTrue(r.err().contains("'" + key + "' is not a train option that can be tuned")
                    && r.err().contains("give " + option + " as a train option instead"), r.err());
        }
        assertTrue(!Files.exists(dir.resolve("never.json")));
    }

    @Test
    void everyTrainOptionActsInTuneOrIsRefused() throws IOException {
        assertEquals(List.of(), problems("tune"));
    }
}
