package dev.neurite.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A java.net.http client for one server, with the answers parsed. */
final class Client {
    /** An answer: status, parsed JSON (null for text), the raw text, and the response headers. */
    record Reply(int status, Object json, String text, Map<String, List<String>> headers) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map() { return (Map<String, Object>) json; }

        String error() { return (String) map().get("error"); }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    Client(InferenceServer server) {
        this.base = server.url();
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Reply post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        String type = r.headers().firstValue("Content-Type").orElse("");
        Object json = type.startsWith("application/json") ? JsonParser.parse(r.body(), 64) : null;
        return new Reply(r.statusCode(), json, r.body(), r.headers().map());
    }

    /** The FP32 data of output {@code name} in an infer answer. */
    @SuppressWarnings("unchecked")
    static float[] floats(Reply r, String name) {
        for (Object o : (List<Object>) r.map().get("outputs")) {
            Map<String, Object> t = (Map<String, Object>) o;
            if (t.get("name").equals(name)) {
                List<Object> data = (List<Object>) t.get("data");
                float[] v = new float[data.size()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = Float.parseFloat(data.get(k).toString());
                }
                return v;
            }
        }
        throw new AssertionError("no output " + name + " in " + r.text());
    }
}
