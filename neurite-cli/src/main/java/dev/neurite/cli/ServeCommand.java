package dev.neurite.cli;

import dev.neurite.serve.ServeOptions;
import dev.neurite.serve.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code neurite serve}: the options, checked, handed to {@link ServerProcess}. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve models over HTTP with the Open Inference Protocol v2 (the REST protocol",
                "of KServe, Triton and MLServer), with dynamic batching. Prints the URL when ready;",
                "SIGTERM or Ctrl-C stops it gracefully, SIGHUP reloads every model file.",
                "The endpoints: docs/serving.md."})
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME=MODEL_FILE",
            description = "A model to serve under NAME (repeat for more).")
    List<String> models;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (default: ${DEFAULT-VALUE}, loopback only).")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8000;

    @Option(names = "--max-batch", paramLabel = "ROWS", description = "Rows stacked into one forward pass; 1 turns batching off (default: ${DEFAULT-VALUE}).")
    int maxBatch = 64;

    @Option(names = "--max-delay-us", paramLabel = "MICROS",
            description = "How long a batch waits for more requests; 0: batches form only while the model is busy (default: ${DEFAULT-VALUE}).")
    int maxDelayMicros = 0;

    @Option(names = "--queue", paramLabel = "N", description = "Requests admitted per model, queued or running; more get 503 (default: ${DEFAULT-VALUE}).")
    int queue = 1024;

    @Option(names = "--threads", paramLabel = "N", description = "HTTP worker threads (default: 4 per core, at least 8).")
    Integer threads;

    @Option(names = "--max-body", paramLabel = "SIZE", description = "Largest request body, e.g. 16MiB, 512KiB (default: ${DEFAULT-VALUE}); larger get 413.")
    String maxBody = "16MiB";

    @Option(names = "--max-rows", paramLabel = "N", description = "Most rows in one request (default: ${DEFAULT-VALUE}).")
    int maxRows = 4096;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", description = "Longest wait for an answer before 503 (default: ${DEFAULT-VALUE}).")
    int requestTimeout = 30;

    @Option(names = "--shutdown-timeout", paramLabel = "SECONDS", description = "Longest wait for requests in flight on SIGTERM (default: ${DEFAULT-VALUE}).")
    int shutdownTimeout = 10;

    @Option(names = "--access-log", description = "One line per request on standard error.")
    boolean accessLog;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Map<String, Path> named = new LinkedHashMap<>();
        for (String m : models) {
            int eq = m.indexOf('=');
            if (eq <= 0 || eq == m.length() - 1) {
                throw new IllegalArgumentException("--model must be NAME=MODEL_FILE, was '" + m + "'");
            }
            String name = m.substring(0, eq);
            Path file = Path.of(m.substring(eq + 1));
            if (named.put(name, file) != null) {
                throw new IllegalArgumentException("--model: the name '" + name + "' is given twice");
            }
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString());
            }
        }
        if (requestTimeout < 1 || shutdownTimeout < 0) {
            throw new IllegalArgumentException("--request-timeout must be >= 1 and --shutdown-timeout >= 0, were "
                    + requestTimeout + " and " + shutdownTimeout);
        }
        ServeOptions options = new ServeOptions(named, host, port, maxBatch, maxDelayMicros, queue,
                threads == null ? ServeOptions.defaultThreads() : threads, ServeOptions.parseSize("--max-body", maxBody),
                maxRows, 32, requestTimeout * 1000L, shutdownTimeout * 1000L, accessLog);
        return ServerProcess.run(options, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
