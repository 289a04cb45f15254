package dev.neurite.serve;

import com.sun.net.httpserver.HttpServer;
import dev.neurite.tensor.Matrix;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An inference server speaking the Open Inference Protocol v2 (REST) for Neurite model files, on the
 * JDK's own HTTP server with a fixed pool of worker threads.
 *
 * <pre>{@code
 * try (InferenceServer server = InferenceServer.start(ServeOptions.of(Map.of("mnist", Path.of("mnist.neurite"))), log)) {
 *     System.out.println(server.url());     // http://127.0.0.1:8000
 *     server.awaitStop();
 * }
 * }</pre>
 *
 * <p>Every model is loaded before the port is bound, so a file that does not load fails {@link #start}.
 * The JDK server's own bounds are set, unless the JVM was given them, before its first use in the JVM:
 * 30 s to read a request ({@code sun.net.httpserver.maxReqTime}, so a slow client cannot hold a worker
 * for ever), 64 KiB of request headers ({@code sun.net.httpserver.maxReqHeaderSize}).
 */
public final class InferenceServer implements AutoCloseable {
    static {
        defaultProperty("sun.net.httpserver.maxReqTime", "30");
        defaultProperty("sun.net.httpserver.maxReqHeaderSize", "65536");
        defaultProperty("sun.net.httpserver.maxReqHeaders", "100");
        // The JDK server writes a reply's headers and body in separate segments; with Nagle's algorithm on,
        // the body waits for the client's delayed ACK (about 40 ms per request on Linux loopback).
        defaultProperty("sun.net.httpserver.nodelay", "true");
    }

    private final ServeOptions options;
    private final PrintWriter log;
    private final Map<String, ModelSlot> slots;
    private final Metrics metrics = new Metrics();
    private final HttpServer http;
    private final ExecutorService workers;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean ready;
    /** Requests being handled now, so that a shutdown knows when they are done. */
    final AtomicInteger active = new AtomicInteger();

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private InferenceServer(ServeOptions options, PrintWriter log) throws IOException {
        this.options = options;
        this.log = log;
        Map<String, ModelSlot> s = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : options.models().entrySet()) {
            ModelSlot slot = new ModelSlot(e.getKey(), e.getValue(), options, metrics);
            try {
                slot.load();
            } catch (IOException | RuntimeException failed) {
                for (ModelSlot loaded : s.values()) {
                    loaded.stopNow();
                }
                throw failed;
            }
            s.put(e.getKey(), slot);
        }
        this.slots = Collections.unmodifiableMap(s);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(options.threads(), options.threads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "neurite-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        try {
            this.http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 1024);
        } catch (IOException e) {
            closeSlots(0);
            workers.shutdownNow();
            throw new IOException("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        http.setExecutor(workers);
        http.createContext("/", new Routes(this, options, slots, metrics, log));
        http.start();
        ready = true;
    }

    /**
     * Loads every model, binds and starts serving; errors and, with {@code accessLog}, requests go to {@code log}.
     *
     * @throws IOException naming the file when a model does not load, or the address when it cannot be bound
     */
    public static InferenceServer start(ServeOptions options, PrintWriter log) throws IOException {
        return new InferenceServer(options, log);
    }

    /** The port listened on (the one chosen when the options asked for 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:8000}. */
    public URI url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return URI.create("http://" + host + ":" + port());
    }

    /** Whether every model is loaded and the server is not shutting down. */
    public boolean ready() {
        return ready;
    }

    /** Neurite's version, from the jar's manifest, or "dev" when run from classes. */
    public static String version() {
        String v = InferenceServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * Re-reads the model file of {@code name}; requests in flight finish on the old model.
     *
     * @throws IOException naming the file and the problem; the old model keeps serving
     */
    public void reload(String name) throws IOException {
        ModelSlot slot = slots.get(name);
        if (slot == null) {
            throw new IllegalArgumentException("unknown model '" + name + "': this server has " + slots.keySet());
        }
        slot.load();
    }

    /** Reloads every model; returns one line per model that failed (those keep their old version). */
    public List<String> reloadAll() {
        List<String> problems = new ArrayList<>();
        for (ModelSlot slot : slots.values()) {
            try {
                slot.load();
            } catch (IOException | RuntimeException e) {
                problems.add(slot.name + ": " + e.getMessage());
            }
        }
        return problems;
    }

    void reload(ModelSlot slot) {
        try {
            slot.load();
        } catch (IOException | RuntimeException e) {
            log.println("neurite serve: reload of " + slot.name + " failed, the old model keeps serving: " + e.getMessage());
            log.flush();
            throw HttpError.badRequest("model \"" + slot.name + "\" not reloaded, the old one keeps serving: " + e.getMessage());
        }
    }

    /** Answers an infer body for {@code slot}: parsed, admitted (503 past --queue), batched or run alone. */
    String infer(ModelSlot slot, String body) {
        ModelSlot.Loaded loaded = slot.current();
        InferRequest req = InferRequest.parse(body, loaded.predictor().inputSize(), ModelJson.outputs(loaded.model()),
                options.maxRows(), options.maxDepth());
        if (!slot.admit()) {
            throw new HttpError(503, "model \"" + slot.name + "\" has " + options.queue() + " requests waiting (--queue): retry later");
        }
        try {
            while (true) {
                if (loaded.batcher() == null || req.rows() > options.maxBatch()) {
                    Matrix x = Matrix.wrap(req.x(), req.rows(), loaded.predictor().inputSize());
                    Answer a = Answer.of(loaded.predictor(), x);
                    metrics.batch(slot.name, req.rows());
                    return ModelJson.response(slot.name, req.id(), loaded.model(), a, req.outputs());
                }
                Batcher.Job job = new Batcher.Job(req.x(), req.rows());
                if (loaded.batcher().offer(job)) {
                    return ModelJson.response(slot.name, req.id(), loaded.model(), await(slot, loaded.batcher(), job), req.outputs());
                }
                ModelSlot.Loaded now = slot.current();          // reloaded since: the new model serves it
                if (now.predictor().inputSize() != loaded.predictor().inputSize()
                        || !ModelJson.outputs(now.model()).equals(ModelJson.outputs(loaded.model()))) {
                    throw new HttpError(503, "model \"" + slot.name + "\" was reloaded with another shape: retry");
                }
                loaded = now;
            }
        } finally {
            slot.release();
        }
    }

    private Answer await(ModelSlot slot, Batcher batcher, Batcher.Job job) {
        try {
            return batcher.await(job, TimeUnit.MILLISECONDS.toNanos(options.requestTimeoutMillis()));
        } catch (TimeoutException e) {
            throw new HttpError(503, "model \"" + slot.name + "\" gave no answer within " + options.requestTimeoutMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "the server is stopping");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the forward pass failed: " + e.getCause(), e.getCause());
        }
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitStop() throws InterruptedException {
        try {
            stopped.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Stops gracefully: refuses new connections, lets requests in flight finish (at most the options'
     * shutdown bound), then stops the batchers and workers. Safe to call more than once.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            stopped.join();
            return;
        }
        ready = false;
        long deadline = System.currentTimeMillis() + options.shutdownMillis();
        // The JDK 17 server's stop(delay) closes the listener at once but then waits the whole delay even when
        // nothing is in flight (fixed in JDK 21): it runs on a thread of its own while we wait for our own
        // count of requests being handled, and a stop(0) then ends both.
        Thread stopper = new Thread(() -> http.stop((int) ((options.shutdownMillis() + 999) / 1000)), "neurite-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            while (active.get() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            http.stop(0);
            stopper.join(1000);
        } catch (InterruptedException e) {
            http.stop(0);
            Thread.currentThread().interrupt();
        }
        closeSlots(Math.max(1, deadline - System.currentTimeMillis()));
        workers.shutdown();
        try {
            if (!workers.awaitTermination(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        stopped.complete(null);
    }

    private void closeSlots(long millis) {
        if (slots == null) {
            return;
        }
        for (ModelSlot slot : slots.values()) {
            try {
                slot.close(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** How many requests for {@code model} were answered with {@code status} (tests and the metrics). */
    long answered(String model, int status) {
        return metrics.count(model, status);
    }
}
