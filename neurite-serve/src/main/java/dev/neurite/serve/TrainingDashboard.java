package dev.neurite.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.neurite.train.BatchStats;
import dev.neurite.train.EpochStats;
import dev.neurite.train.TrainingListener;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live page for a training run ({@code neurite train --dashboard}): {@code GET /} the page,
 * {@code GET /events} the run as server-sent events (replayed from {@code Last-Event-ID} on a reconnect),
 * {@code POST /stop} asks training to stop after its current batch.
 *
 * <pre>{@code
 * try (TrainingDashboard d = TrainingDashboard.start("127.0.0.1", 0, Map.of("title", "mnist"))) {
 *     trainer.fit(net, train, validation, d);     // d.epoch(stats, figures) from an epoch listener
 *     d.end("finished", "model saved");
 * }
 * }</pre>
 *
 * <p>Training never waits for a page: a batch event is published at most every {@link #BATCH_EVERY_NANOS},
 * each browser has a bounded buffer ({@link EventClient#BUFFER} events), and a browser that falls behind is
 * disconnected; it reconnects and replays what it missed. At most {@link #MAX_CLIENTS} streams at once.
 */
public final class TrainingDashboard implements TrainingListener, AutoCloseable {
    static final long BATCH_EVERY_NANOS = 100_000_000L;
    static final int MAX_CLIENTS = 32;
    private static final double SMOOTHING = 0.98;

    private final HttpServer http;
    private final ExecutorService threads;
    private final EventLog log = new EventLog();
    private final String info;
    private final int epochs;
    private volatile boolean stopRequested;
    private final AtomicInteger streams = new AtomicInteger();
    // the training thread's own state
    private double smoothed;
    private long steps, samples, lastSent, runStart, epochStart;
    private int epochSamples;

    private TrainingDashboard(HttpServer http, Map<String, Object> info) {
        this.http = http;
        this.info = JsonOut.write(info);
        Object e = info.get("epochs");
        this.epochs = e instanceof Number n ? n.intValue() : 0;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(MAX_CLIENTS + 4, r -> {
            Thread t = new Thread(r, "neurite-dashboard-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(threads);
        http.createContext("/", this::handle);
        http.start();
    }

    /**
     * Binds {@code host:port} (0 for a free port) and starts serving; {@code info} describes the run for the
     * page ({@code title}, {@code epochs}, {@code batches_per_epoch}, {@code classes}, …).
     *
     * @throws IOException naming the address when it cannot be bound
     */
    public static TrainingDashboard start(String host, int port, Map<String, Object> info) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--dashboard port must be between 0 and 65535, was " + port);
        }
        try {
            return new TrainingDashboard(HttpServer.create(new InetSocketAddress(host, port), 64), new LinkedHashMap<>(info));
        } catch (IOException e) {
            throw new IOException("cannot listen on " + host + ":" + port + " for the dashboard: " + e.getMessage(), e);
        }
    }

    /** The page's address, e.g. {@code http://127.0.0.1:41234/}. */
    public URI url() {
        return URI.create("http://" + http.getAddress().getHostString() + ":" + http.getAddress().getPort() + "/");
    }

    @Override
    public void onBatch(BatchStats b) {
        long now = System.nanoTime();
        if (steps == 0) {
            runStart = now;
        }
        if (b.batch() == 0) {
            epochStart = now;
            epochSamples = 0;
        }
        steps++;
        samples += b.size();
        epochSamples += b.size();
        smoothed = SMOOTHING * smoothed + (1 - SMOOTHING) * b.loss();
        double loss = smoothed / (1 - Math.pow(SMOOTHING, steps));   // bias-corrected, as Adam corrects its moments
        boolean last = b.batch() == b.batchesPerEpoch() - 1;
        if (now - lastSent < BATCH_EVERY_NANOS && !last && steps > 1) {
            return;
        }
        lastSent = now;
        double seconds = Math.max(1e-9, (now - epochStart) / 1e9);
        double perStep = (now - runStart) / 1e9 / steps;
        long left = (long) Math.max(0, epochs - b.epoch() - 1) * b.batchesPerEpoch() + b.batchesPerEpoch() - b.batch() - 1;
        log.publish("batch", JsonOut.write(JsonOut.object("epoch", b.epoch() + 1, "batch", b.batch() + 1,
                "batches", b.batchesPerEpoch(), "step", steps, "loss", loss, "batch_loss", b.loss(),
                "lr", b.learningRate(), "samples_per_s", epochSamples / seconds,
                "eta_s", epochs > 0 && steps > 1 ? left * perStep : null)));
    }

    /** An epoch's figures, with what the caller measured ({@code test_loss}, {@code test_acc}, {@code confusion}, …). */
    public void epoch(EpochStats s, Map<String, Object> measured) {
        Map<String, Object> e = JsonOut.object("epoch", s.epoch() + 1, "train_loss", s.trainLoss(),
                "train_acc", s.trainAccuracy(), "val_loss", s.validationLoss(), "val_acc", s.validationAccuracy(),
                "lr", s.learningRate(), "seconds", s.seconds());
        e.putAll(measured);
        log.publish("epoch", JsonOut.write(e));
    }

    /** The run's end: {@code how} is {@code finished}, {@code stopped} or {@code failed}; the message is shown. */
    public void end(String how, String message) {
        log.publish("end", JsonOut.write(JsonOut.object("how", how, "message", message)));
    }

    /** True once a page pressed Stop. */
    @Override
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Lets the pages receive what was published (at most a second), then closes every stream and the port. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (!log.drained() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.closeAll();
        http.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath(), method = ex.getRequestMethod();
            if (path.equals("/events") && method.equals("GET")) {
                stream(ex);
            } else if (path.equals("/stop") && method.equals("POST")) {
                ex.getRequestBody().readNBytes(4096);
                stopRequested = true;
                reply(ex, 200, "application/json", JsonOut.write(JsonOut.object("stopping", true)));
            } else if (path.equals("/info") && method.equals("GET")) {
                reply(ex, 200, "application/json", info);
            } else if (method.equals("GET") && (path.equals("/") || path.startsWith("/page/"))) {
                StaticFiles.File f = StaticFiles.get(path.equals("/") ? "dashboard.html" : path.substring("/page/".length()));
                if (f == null) {
                    reply(ex, 404, "application/json", JsonOut.write(JsonOut.object("error", "no such page file: " + path)));
                } else {
                    reply(ex, 200, f.type(), f.text());
                }
            } else if (path.equals("/") || path.equals("/events") || path.equals("/stop") || path.equals("/info")) {
                ex.getResponseHeaders().set("Allow", path.equals("/stop") ? "POST" : "GET");
                reply(ex, 405, "application/json", JsonOut.write(JsonOut.object("error", "method " + method + " is not allowed on " + path)));
            } else {
                reply(ex, 404, "application/json", JsonOut.write(JsonOut.object("error", "no such path: " + path)));
            }
        } catch (IOException | RuntimeException e) {
            // a browser that went away mid-answer: nothing to tell it
        }
    }

    /** The event stream: the run's description, what this browser missed, then every new event as it comes. */
    private void stream(HttpExchange ex) throws IOException {
        if (streams.incrementAndGet() > MAX_CLIENTS) {
            streams.decrementAndGet();
            ex.getResponseHeaders().set("Retry-After", "5");
            reply(ex, 503, "application/json", JsonOut.write(JsonOut.object("error", MAX_CLIENTS + " pages are watching already")));
            return;
        }
        EventClient client = new EventClient();
        try {
            long lastId = lastEventId(ex);
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            write(out, "retry: 1000\nevent: info\ndata: " + info + "\n\n");
            for (EventLog.Event e : log.join(client, lastId)) {
                write(out, e.wire());
            }
            while (!client.isClosed()) {
                EventLog.Event e = client.next(15_000);
                if (e != null) {
                    write(out, e.wire());
                } else if (!client.isClosed()) {
                    write(out, ": keep-alive\n\n");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            log.leave(client);
            streams.decrementAndGet();
        }
    }

    /** The {@code Last-Event-ID} header (a reconnecting EventSource sends it), else 0; a bad one counts as 0. */
    private static long lastEventId(HttpExchange ex) {
        String v = ex.getRequestHeaders().getFirst("Last-Event-ID");
        try {
            return v == null ? 0 : Math.max(0, Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** Streams open now (tests). */
    int streams() {
        return log.clients();
    }
}
