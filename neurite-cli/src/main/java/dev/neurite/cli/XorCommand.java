package dev.neurite.cli;

import dev.neurite.io.Json;
import dev.neurite.io.AtomicFile;
import dev.neurite.seeds.XorSeed;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code neurite xor}: the first seed's network learning XOR. */
@Command(name = "xor", mixinStandardHelpOptions = true,
        description = {"Train the first seed's 3-4-1 sigmoid network on XOR, exactly as the article does.",
                "No biases, weights uniform on [0,1), sum-of-squares loss, full-batch steps with learning rate 1.",
                "Prints the four outputs and writes the loss per iteration to a CSV file."})
final class XorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed for the initial weights (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The most --iterations: the loss curve holds a double and a CSV line per iteration. */
    static final int MAX_ITERATIONS = 10_000_000;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "1500", description = "Training iterations, at most 10,000,000 (default: ${DEFAULT-VALUE}, as the seed).")
    int iterations;

    @Option(names = "--csv", paramLabel = "FILE", defaultValue = "xor-loss.csv", description = "Where to write the loss per iteration (default: ${DEFAULT-VALUE}).")
    Path csv;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write the loss curve per iteration (PNG, SVG) and index.html here.")
    Path report;

    @Option(names = "--json", description = "End with one JSON line: outputs, loss, seed, iterations.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Outputs.refuseUnwritable("--csv", csv, false);
        if (iterations <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--iterations must be > 0, was " + iterations);
        }
        if (iterations > MAX_ITERATIONS) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "--iterations must be at most %,d (the loss is kept and written for every iteration), was %d",
                    MAX_ITERATIONS, iterations));
        }
        if (report != null) {
            Report.check(report);   // before anything is written: a folder holding other files is refused
        }
        XorSeed.Result result = XorSeed.run(seed, iterations);
        double[] losses = result.losses();
        AtomicFile.writeText(csv, w -> {
            w.write("iteration,loss\n");
            for (int i = 0; i < losses.length; i++) {
                w.write((i + 1) + "," + losses[i] + "\n");
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        double[][] x = {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}};
        int[] t = XorSeed.targets();
        out.printf(Locale.ROOT, "XOR after %d iterations (seed %d):%n", iterations, seed);
        for (int i = 0; i < 4; i++) {
            out.printf(Locale.ROOT, "  input [%.0f, %.0f, %.0f]  target %d  output %.8f%n", x[i][0], x[i][1], x[i][2], t[i],
                    result.outputs()[i]);
        }
        out.printf(Locale.ROOT, "sum-of-squares loss %.6g; loss per iteration written to %s%n", result.finalLoss(), csv);
        if (report != null) {
            Report r = Report.into(report);
            try {
                r.curves("loss", "XOR: sum-of-squares loss per iteration", "iteration", "loss",
                        java.util.Map.of("training", losses));
                java.util.Map<String, String> metrics = new java.util.LinkedHashMap<>();
                for (int i = 0; i < 4; i++) {
                    metrics.put(String.format(Locale.ROOT, "output for [%.0f, %.0f, %.0f] (target %d)", x[i][0], x[i][1], x[i][2], t[i]),
                            String.format(Locale.ROOT, "%.6f", result.outputs()[i]));
                }
                metrics.put("final loss", String.format(Locale.ROOT, "%.6g", result.finalLoss()));
                java.util.Map<String, String> config = new java.util.LinkedHashMap<>();
                config.put("layers", Describe.layers(result.network()));
                config.put("parameters", Long.toString(result.network().parameterCount()));
                config.put("training", iterations + " full-batch steps, sum-of-squares loss, learning rate 1, seed " + seed);
                r.finish("The first seed: XOR with a 3-4-1 sigmoid network", config, metrics);
            } catch (IOException | RuntimeException e) {
                r.abandon();
                throw e;
            }
            out.println("report written to " + report.resolve("index.html"));
        }
        if (json) {
            out.println(new Json().put("outputs", result.outputs()).put("loss", result.finalLoss())
                    .put("seed", seed).put("iterations", iterations).put("csv", csv.toString()));
        }
        out.flush();
        return 0;
    }
}
