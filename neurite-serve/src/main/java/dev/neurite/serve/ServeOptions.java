package dev.neurite.serve;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How {@code neurite serve} runs: the models by name, where it listens and its bounds. Immutable and
 * checked on construction; each message names the option as the command line spells it.
 *
 * @param models          model name → model file, in the order given; names are {@code [A-Za-z0-9_.-]+}
 * @param host            the address to bind (loopback unless told otherwise)
 * @param port            the port, 0 for a free one
 * @param maxBatch        rows stacked into one forward pass; 1 turns batching off
 * @param maxDelayMicros  how long a batch waits for more requests; 0: batches form only while the model is busy
 * @param queue           requests admitted per model (queued or running); more get 503
 * @param threads         HTTP worker threads
 * @param maxBody         the largest request body in bytes; larger get 413
 * @param maxRows         the most rows one request may hold
 * @param maxDepth        the deepest JSON nesting accepted
 * @param requestTimeoutMillis how long a request may wait for its answer before it gets 503
 * @param shutdownMillis  how long a shutdown waits for requests in flight
 * @param accessLog       one line per request on the log
 */
public record ServeOptions(Map<String, Path> models, String host, int port, int maxBatch, int maxDelayMicros,
                           int queue, int threads, long maxBody, int maxRows, int maxDepth,
                           long requestTimeoutMillis, long shutdownMillis, boolean accessLog) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    public ServeOptions {
        Objects.requireNonNull(host, "host");
        if (models.isEmpty()) {
            throw new IllegalArgumentException("--model: give at least one NAME=MODEL_FILE");
        }
        for (String name : models.keySet()) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("--model: the name '" + name
                        + "' must be 1 to 128 letters, digits, '_', '.' or '-'");
            }
        }
        models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
        check("--port", port, 0, 65535);
        check("--max-batch", maxBatch, 1, 1 << 16);
        check("--max-delay-us", maxDelayMicros, 0, 1_000_000);
        check("--queue", queue, 1, 1 << 20);
        check("--threads", threads, 1, 1024);
        check("--max-rows", maxRows, 1, 1 << 20);
        check("--max-depth", maxDepth, 2, 256);
        if (maxBody < 64 || maxBody > (1L << 30)) {
            throw new IllegalArgumentException("--max-body must be between 64 B and 1GiB, was " + maxBody + " bytes");
        }
        if (requestTimeoutMillis < 1 || shutdownMillis < 0) {
            throw new IllegalArgumentException("the request timeout must be > 0 and the shutdown bound >= 0, were "
                    + requestTimeoutMillis + " and " + shutdownMillis + " ms");
        }
    }

    private static void check(String option, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", was " + v);
        }
    }

    /** The defaults of {@code neurite serve} for these models: 127.0.0.1:8000, batches of 64, no added delay. */
    public static ServeOptions of(Map<String, Path> models) {
        return new ServeOptions(models, "127.0.0.1", 8000, 64, 0, 1024, defaultThreads(), 16L << 20, 4096, 32,
                30_000, 10_000, false);
    }

    /** HTTP workers: enough to keep the batcher fed while requests are parsed, at least 8. */
    public static int defaultThreads() {
        return Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    }

    public ServeOptions withPort(int p) {
        return new ServeOptions(models, host, p, maxBatch, maxDelayMicros, queue, threads, maxBody, maxRows, maxDepth,
                requestTimeoutMillis, shutdownMillis, accessLog);
    }

    public ServeOptions withBatching(int batch, int delayMicros) {
        return new ServeOptions(models, host, port, batch, delayMicros, queue, threads, maxBody, maxRows, maxDepth,
                requestTimeoutMillis, shutdownMillis, accessLog);
    }

    public ServeOptions withLimits(int q, long body, int rows, long timeoutMillis) {
        return new ServeOptions(models, host, port, maxBatch, maxDelayMicros, q, threads, body, rows, maxDepth,
                timeoutMillis, shutdownMillis, accessLog);
    }

    /**
     * A size such as {@code 16MiB}, {@code 512KiB}, {@code 1GiB}, {@code 2MB} or {@code 4096} (bytes).
     *
     * @throws IllegalArgumentException naming {@code option} and the text when it is not such a size
     */
    public static long parseSize(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        String[][] units = {{"gib", "1073741824"}, {"mib", "1048576"}, {"kib", "1024"}, {"gb", "1000000000"},
                {"mb", "1000000"}, {"kb", "1000"}, {"b", "1"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length()).trim();
                break;
            }
        }
        try {
            long n = Long.parseLong(t);
            if (n >= 0 && n <= Long.MAX_VALUE / unit) {
                return n * unit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a size such as 16MiB, 512KiB or 4096, was '" + text + "'");
    }
}
