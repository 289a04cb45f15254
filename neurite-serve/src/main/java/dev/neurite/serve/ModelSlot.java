package dev.neurite.serve;

import dev.neurite.infer.Predictor;
import dev.neurite.io.SavedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One served model name: its file, the version loaded now and the admission bound. A reload builds the
 * new version completely before swapping it in, so requests already holding the old one finish on it and
 * a file that does not load leaves the old one serving.
 */
final class ModelSlot {
    /** A loaded model file: the model, its predictor and, when batching is on, its batcher. */
    record Loaded(SavedModel model, Predictor predictor, Batcher batcher) {}

    final String name;
    final Path file;
    private final ServeOptions options;
    private final Metrics metrics;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final Semaphore admitted;

    ModelSlot(String name, Path file, ServeOptions options, Metrics metrics) {
        this.name = name;
        this.file = file;
        this.options = options;
        this.metrics = metrics;
        this.admitted = new Semaphore(options.queue());
    }

    /** Loads the file, replacing the version being served; on failure the old one stays and this throws. */
    synchronized void load() throws IOException {
        SavedModel model = dev.neurite.onnx.Models.load(file);     // a Neurite model file or an ONNX file, by content
        Predictor predictor = Predictor.of(model);
        Batcher batcher = options.maxBatch() > 1
                ? new Batcher(name, predictor, options.maxBatch(), options.maxDelayMicros() * 1000L,
                        rows -> metrics.batch(name, rows))
                : null;
        Loaded old = current.getAndSet(new Loaded(model, predictor, batcher));
        if (old != null && old.batcher() != null) {
            old.batcher().close();
        }
    }

    /** The version being served (never null once loaded). */
    Loaded current() {
        return current.get();
    }

    /** Takes one of the {@code --queue} places, or false when all are taken. */
    boolean admit() {
        return admitted.tryAcquire();
    }

    /** Gives back a place taken by {@link #admit()}. */
    void release() {
        admitted.release();
    }

    /** Requests admitted and not yet answered. */
    int inFlight() {
        return options.queue() - admitted.availablePermits();
    }

    /** Requests waiting for the batcher. */
    int waiting() {
        Loaded l = current.get();
        return l == null || l.batcher() == null ? 0 : l.batcher().waiting();
    }

    /** Stops the batcher without waiting (a start that failed). */
    void stopNow() {
        Loaded l = current.get();
        if (l != null && l.batcher() != null) {
            l.batcher().close();
        }
    }

    /** Stops the batcher after it has served what is queued; waits at most {@code millis}. */
    void close(long millis) throws InterruptedException {
        Loaded l = current.get();
        if (l != null && l.batcher() != null) {
            l.batcher().close();
            l.batcher().awaitEnd(millis);
        }
    }
}
