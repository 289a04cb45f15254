package dev.neurite.cli;

import picocli.CommandLine.Option;

/** {@code --dashboard [PORT]} of {@code neurite train}: the live page of the run, on 127.0.0.1. */
final class DashboardOption {
    @Option(names = "--dashboard", paramLabel = "PORT", arity = "0..1", fallbackValue = "0",
            description = "Serve a live page of the run on 127.0.0.1:PORT (no PORT or 0: a free port; the URL is printed):"
                    + " loss and accuracy curves, learning rate, speed, time left, confusion matrix, and a Stop button.")
    Integer port;

    boolean on() {
        return port != null;
    }

    void check() {
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("--dashboard port must be between 0 and 65535 (0 for a free port), was " + port);
        }
    }
}
