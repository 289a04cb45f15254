package dev.neurite.serve;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToIntFunction;

/**
 * The server's counters in the Prometheus text format (version 0.0.4): requests by model and status
 * code, a latency histogram and a batch-size histogram per model, and each model's queue depth and
 * requests in flight. Written here because it is a few lines; every update is lock-free.
 */
final class Metrics {
    private static final double[] SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final double[] ROWS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    /** Cumulative buckets, their sum and count. */
    private static final class Histogram {
        final double[] bounds;
        final LongAdder[] counts;
        final DoubleAdder sum = new DoubleAdder();
        final LongAdder count = new LongAdder();

        Histogram(double[] bounds) {
            this.bounds = bounds;
            this.counts = new LongAdder[bounds.length];
            for (int k = 0; k < bounds.length; k++) {
                counts[k] = new LongAdder();
            }
        }

        void observe(double v) {
            for (int k = 0; k < bounds.length; k++) {
                if (v <= bounds[k]) {
                    counts[k].increment();
                    break;
                }
            }
            sum.add(v);
            count.increment();
        }

        void write(StringBuilder b, String name, String model) {
            long cumulative = 0;
            for (int k = 0; k < bounds.length; k++) {
                cumulative += counts[k].sum();
                b.append(name).append("_bucket{model=\"").append(model).append("\",le=\"").append(number(bounds[k]))
                        .append("\"} ").append(cumulative).append('\n');
            }
            b.append(name).append("_bucket{model=\"").append(model).append("\",le=\"+Inf\"} ").append(count.sum()).append('\n');
            b.append(name).append("_sum{model=\"").append(model).append("\"} ").append(number(sum.sum())).append('\n');
            b.append(name).append("_count{model=\"").append(model).append("\"} ").append(count.sum()).append('\n');
        }
    }

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();   // "model\0code"
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final Map<String, Histogram> batches = new ConcurrentHashMap<>();

    /** One answered request: {@code model} is "" for paths that name none. */
    void request(String model, int code, long nanos) {
        requests.computeIfAbsent(model + '\0' + code, k -> new LongAdder()).increment();
        if (!model.isEmpty()) {
            latency.computeIfAbsent(model, k -> new Histogram(SECONDS)).observe(nanos / 1e9);
        }
    }

    /** One forward pass of {@code rows} stacked rows. */
    void batch(String model, int rows) {
        batches.computeIfAbsent(model, k -> new Histogram(ROWS)).observe(rows);
    }

    /** How many requests {@code model} served with {@code code} so far. */
    long count(String model, int code) {
        LongAdder a = requests.get(model + '\0' + code);
        return a == null ? 0 : a.sum();
    }

    /** The text of {@code GET /metrics}, gauges read from the slots. */
    String text(Map<String, ModelSlot> slots) {
        StringBuilder b = new StringBuilder(4096);
        b.append("# HELP neurite_requests_total Requests answered, by model and HTTP status code.\n");
        b.append("# TYPE neurite_requests_total counter\n");
        new TreeMap<>(requests).forEach((k, v) -> {
            int cut = k.indexOf('\0');
            b.append("neurite_requests_total{model=\"").append(k, 0, cut).append("\",code=\"").append(k.substring(cut + 1))
                    .append("\"} ").append(v.sum()).append('\n');
        });
        b.append("# HELP neurite_request_seconds Time from a model request's arrival to its answer.\n");
        b.append("# TYPE neurite_request_seconds histogram\n");
        new TreeMap<>(latency).forEach((m, h) -> h.write(b, "neurite_request_seconds", m));
        b.append("# HELP neurite_batch_rows Rows stacked into one forward pass.\n");
        b.append("# TYPE neurite_batch_rows histogram\n");
        new TreeMap<>(batches).forEach((m, h) -> h.write(b, "neurite_batch_rows", m));
        gauge(b, slots, "neurite_queue_depth", "Requests waiting for the model's batcher.", ModelSlot::waiting);
        gauge(b, slots, "neurite_in_flight", "Requests admitted and not yet answered (bounded by --queue).", ModelSlot::inFlight);
        return b.toString();
    }

    private static void gauge(StringBuilder b, Map<String, ModelSlot> slots, String name, String help,
                              ToIntFunction<ModelSlot> f) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n");
        slots.forEach((m, s) -> b.append(name).append("{model=\"").append(m).append("\"} ").append(f.applyAsInt(s)).append('\n'));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : java.math.BigDecimal.valueOf(v).toPlainString();
    }
}
