package dev.neurite.serve;

import dev.neurite.infer.Predictor;
import dev.neurite.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Dynamic batching for one loaded model: requests queued by the HTTP threads are stacked, in arrival
 * order, into one {@link Predictor} call of at most {@code maxBatch} rows on the batcher's own thread.
 *
 * <p>With {@code maxDelayNanos = 0} the thread takes what is queued when it becomes free, so batches form
 * only while the model is busy; otherwise it waits at most that long after the first request for more.
 * A failure of the call fails every request of its batch with the same exception. After {@link #close()}
 * no request is accepted and those already queued are still served; then the thread ends.
 */
final class Batcher implements AutoCloseable {
    /** One request's rows and where its answer goes. */
    record Job(float[] x, int rows, CompletableFuture<Answer> result) {}

    private static final Job END = new Job(new float[0], 0, null);

    private final Predictor predictor;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final IntConsumer batchSizes;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private boolean closed;   // guarded by this
    private Job carry;        // a job taken that did not fit its batch: first of the next; batcher thread only

    Batcher(String name, Predictor predictor, int maxBatch, long maxDelayNanos, IntConsumer batchSizes) {
        this.predictor = predictor;
        this.maxBatch = maxBatch;
        this.maxDelayNanos = maxDelayNanos;
        this.batchSizes = batchSizes;
        this.thread = new Thread(this::run, "neurite-batch-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code rows} rows (at most maxBatch); false when the batcher is closed (the model was reloaded). */
    synchronized boolean offer(Job job) {
        if (closed) {
            return false;
        }
        queue.add(job);
        return true;
    }

    /** Requests waiting for the batcher thread. */
    int waiting() {
        return queue.size();
    }

    /** Stops accepting; what is queued is still served, then the thread ends. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            queue.add(END);
        }
    }

    /** Waits at most {@code millis} for the thread to serve what was queued and end. */
    boolean awaitEnd(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    private void run() {
        boolean ending = false;
        while (!ending || carry != null) {
            Job first = carry;
            carry = null;
            try {
                if (first == null) {
                    first = queue.take();
                }
            } catch (InterruptedException e) {
                return;
            }
            if (first == END) {
                ending = true;
                continue;
            }
            List<Job> batch = new ArrayList<>();
            batch.add(first);
            int rows = first.rows();
            long deadline = System.nanoTime() + maxDelayNanos;
            while (rows < maxBatch && !ending) {
                Job next;
                try {
                    long wait = deadline - System.nanoTime();
                    next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
                } catch (InterruptedException e) {
                    next = null;
                    ending = true;
                }
                if (next == null) {
                    break;
                }
                if (next == END) {
                    ending = true;
                } else if (rows + next.rows() > maxBatch) {
                    carry = next;
                    break;
                } else {
                    batch.add(next);
                    rows += next.rows();
                }
            }
            serve(batch, rows);
        }
    }

    private void serve(List<Job> batch, int rows) {
        try {
            int in = predictor.inputSize();
            Matrix x = Matrix.zeros(rows, in);
            int at = 0;
            for (Job j : batch) {
                System.arraycopy(j.x(), 0, x.data(), at * in, j.rows() * in);
                at += j.rows();
            }
            Answer all = Answer.of(predictor, x);
            batchSizes.accept(rows);
            at = 0;
            for (Job j : batch) {
                j.result().complete(all.slice(at, j.rows()));
                at += j.rows();
            }
        } catch (Throwable e) {
            for (Job j : batch) {
                j.result().completeExceptionally(e);
            }
        }
    }
}
