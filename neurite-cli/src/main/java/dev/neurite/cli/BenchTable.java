package dev.neurite.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** The table {@code neurite bench} prints without {@code --json}: one row per configuration, as each finishes. */
final class BenchTable {
    private final PrintWriter out;
    private boolean trainingHeader, inferenceHeader;

    BenchTable(PrintWriter out) {
        this.out = out;
    }

    /** A training configuration's row: the median epoch time over the epochs after the first. */
    void training(String config, int epochs, double epochSeconds, double samplesPerSecond, double testAccuracy) {
        if (!trainingHeader) {
            out.printf(Locale.ROOT, "%n%-7s %6s %15s %13s %13s%n", "config", "epochs", "epoch (median)", "samples/s", "test accuracy");
            trainingHeader = true;
        }
        out.printf(Locale.ROOT, "%-7s %6d %13.3f s %,13.0f %13.4f%n", config, epochs, epochSeconds, samplesPerSecond, testAccuracy);
    }

    /** The inference row: single-sample latency and batch-1000 throughput. */
    void inference(double latencyMicros, double samplesPerSecond) {
        if (!inferenceHeader) {
            out.printf(Locale.ROOT, "%n%-7s %22s %22s%n", "config", "single-sample latency", "batch-1000 samples/s");
            inferenceHeader = true;
        }
        out.printf(Locale.ROOT, "%-7s %19.2f us %,22.0f%n", "infer", latencyMicros, samplesPerSecond);
    }
}
