package dev.neurite.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Every path of the server: health, server and model metadata, readiness, infer, load, metrics and the model
 * page ({@link ModelPage}).
 * Whatever a request holds, the answer is JSON ({@code {"error": ...}} with 400, 404, 405, 413 or 503 for
 * what the client can fix or retry); an unexpected fault is a 500 with a one-line message and one log line,
 * never a stack trace in the response.
 */
final class Routes implements HttpHandler {
    private final InferenceServer server;
    private final ServeOptions options;
    private final Map<String, ModelSlot> slots;
    private final Metrics metrics;
    private final PrintWriter log;

    Routes(InferenceServer server, ServeOptions options, Map<String, ModelSlot> slots, Metrics metrics, PrintWriter log) {
        this.server = server;
        this.options = options;
        this.slots = slots;
        this.metrics = metrics;
        this.log = log;
    }

    /** An answer: status, content type, body, and a Retry-After when it is a 503. */
    record Reply(int status, String type, String body) {
        static Reply json(Object v) {
            return new Reply(200, "application/json", JsonOut.write(v));
        }
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        server.active.incrementAndGet();
        try {
            handleCounted(ex);
        } finally {
            server.active.decrementAndGet();
        }
    }

    private void handleCounted(HttpExchange ex) throws IOException {
        long start = System.nanoTime();
        String path = ex.getRequestURI().getRawPath();
        String model = "";
        Reply reply;
        try {
            String[] parts = path.split("/", -1);
            if (parts.length >= 4 && parts[1].equals("v2") && (parts[2].equals("models") || parts[2].equals("repository"))) {
                model = parts[2].equals("models") ? parts[3] : parts.length >= 5 ? parts[4] : "";
                model = slots.containsKey(model) ? model : "";
            }
            reply = route(ex, path, parts);
        } catch (HttpError e) {
            reply = new Reply(e.status, "application/json", JsonOut.write(Map.of("error", e.getMessage())));
        } catch (RuntimeException | IOException e) {
            log.println("neurite serve: internal error on " + ex.getRequestMethod() + " " + path + ": " + e);
            log.flush();
            reply = new Reply(500, "application/json", JsonOut.write(Map.of("error", "internal error: " + e.getClass().getSimpleName())));
        }
        try {
            send(ex, reply);
        } finally {
            long nanos = System.nanoTime() - start;
            metrics.request(model, reply.status(), nanos);
            if (options.accessLog()) {
                log.printf("%s %s %d %d us%n", ex.getRequestMethod(), path, reply.status(), nanos / 1000);
                log.flush();
            }
        }
    }

    private Reply route(HttpExchange ex, String path, String[] p) throws IOException {
        String method = ex.getRequestMethod();
        if (ModelPage.handles(path)) {
            allow(method, "GET");
            return ModelPage.answer(path, slots);
        }
        switch (path) {
            case "/v2/health/live":
                allow(method, "GET");
                return Reply.json(Map.of("live", true));
            case "/v2/health/ready":
                allow(method, "GET");
                if (!server.ready()) {
                    return new Reply(503, "application/json", JsonOut.write(Map.of("ready", false)));
                }
                return Reply.json(Map.of("ready", true));
            case "/v2":
                allow(method, "GET");
                return Reply.json(JsonOut.object("name", "neurite", "version", InferenceServer.version(),
                        "extensions", java.util.List.of("model_repository")));
            case "/metrics":
                allow(method, "GET");
                return new Reply(200, "text/plain; version=0.0.4; charset=utf-8", metrics.text(slots));
            default:
                break;
        }
        if (p.length >= 4 && p[1].equals("v2") && p[2].equals("models") && p.length <= 7) {
            ModelSlot slot = slot(p[3]);
            int rest = 4;
            if (p.length >= 6 && p[4].equals("versions")) {
                if (!p[5].equals(ModelJson.VERSION)) {
                    throw new HttpError(404, "model \"" + p[3] + "\" has no version \"" + p[5] + "\" (it has " + ModelJson.VERSION + ")");
                }
                rest = 6;
            }
            String tail = p.length == rest ? "" : p.length == rest + 1 ? p[rest] : null;
            if ("".equals(tail)) {
                allow(method, "GET");
                return Reply.json(ModelJson.metadata(slot.name, slot.current().model()));
            }
            if ("ready".equals(tail)) {
                allow(method, "GET");
                boolean ready = server.ready() && slot.current() != null;
                return new Reply(ready ? 200 : 503, "application/json", JsonOut.write(JsonOut.object("name", slot.name, "ready", ready)));
            }
            if ("infer".equals(tail)) {
                allow(method, "POST");
                return new Reply(200, "application/json", server.infer(slot, body(ex)));
            }
        }
        if (p.length == 6 && p[1].equals("v2") && p[2].equals("repository") && p[3].equals("models") && p[5].equals("load")) {
            ModelSlot slot = slot(p[4]);
            allow(method, "POST");
            body(ex);
            server.reload(slot);
            return Reply.json(JsonOut.object("name", slot.name, "loaded", true));
        }
        throw new HttpError(404, "no such path: " + path);
    }

    private ModelSlot slot(String name) {
        ModelSlot slot = slots.get(name);
        if (slot == null) {
            throw new HttpError(404, "unknown model \"" + name + "\": this server has " + String.join(", ", slots.keySet()));
        }
        return slot;
    }

    private static void allow(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new HttpError(405, "method " + method + " is not allowed here; use " + allowed);
        }
    }

    /**
     * The body as text: at most --max-body bytes (413 past that), strict UTF-8 (400 otherwise). A body over the
     * limit is read and dropped up to {@link #DRAIN} more bytes before the 413, so that the client, still
     * sending, reads the answer instead of a connection reset; past that the connection is closed on it.
     */
    private String body(HttpExchange ex) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes;
            if (length != null) {
                long declared;
                try {
                    declared = Long.parseLong(length.trim());
                } catch (NumberFormatException e) {
                    throw HttpError.badRequest("Content-Length is not a number: " + length);
                }
                if (declared > options.maxBody()) {
                    throw tooLarge(in);
                }
                // the server's stream ends at the declared length; read into one array of that size
                bytes = new byte[(int) Math.max(0, declared)];
                int got = in.readNBytes(bytes, 0, bytes.length);
                if (got < bytes.length) {
                    throw HttpError.badRequest("the body ended after " + got + " of its " + declared + " bytes (Content-Length)");
                }
            } else {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, options.maxBody() + 1));
                if (bytes.length > options.maxBody()) {
                    throw tooLarge(in);
                }
            }
            if (ascii(bytes)) {
                return new String(bytes, StandardCharsets.US_ASCII);   // a copy, no decoding: the common case
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw HttpError.badRequest("the body is not UTF-8 text");
        }
    }

    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** The most bytes of an oversized body read and dropped before its 413. */
    static final long DRAIN = 16L << 20;

    private HttpError tooLarge(InputStream in) throws IOException {
        long dropped = 0;
        byte[] sink = new byte[8192];
        for (int n; dropped < DRAIN && (n = in.read(sink)) > 0; ) {
            dropped += n;
        }
        return new HttpError(413, "the body is larger than " + options.maxBody() + " bytes (--max-body)");
    }

    private void send(HttpExchange ex, Reply r) throws IOException {
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", r.type());
        if (r.status() == 503) {
            ex.getResponseHeaders().set("Retry-After", "1");
        }
        if (!server.ready() || r.status() == 413) {
            ex.getResponseHeaders().set("Connection", "close");   // shutting down, or a body cut short: no more requests here
        }
        if (r.status() == 405) {
            ex.getResponseHeaders().set("Allow", ex.getRequestMethod().equals("GET") ? "POST" : "GET");
        }
        ex.sendResponseHeaders(r.status(), bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
