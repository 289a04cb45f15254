package dev.neurite.serve;

import dev.neurite.infer.Predictor;
import dev.neurite.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * Dynamic batching for one loaded model, by combining: the HTTP threads queue their rows, and whichever
 * of them finds the model free becomes the leader and runs what is queued, in arrival order, as
 * {@link Predictor} calls of at most {@code maxBatch} rows, until its own request is answered. The others
 * sleep until their answer is there or the leader hands the model on to them (the head of the queue).
 *
 * <p>A lone request therefore runs at once on its own thread, with no hand-over to another thread (the cost
 * that made a dedicated batcher thread slower than no batching on a small model), and batches form exactly
 * while the model is busy. With {@code maxDelayNanos > 0} the leader waits at most that long after the
 * first request of a batch for more. A failure of the call fails every request of its batch with the same
 * exception. After {@link #close()} no request is accepted and those already queued are still served.
 */
final class Batcher implements AutoCloseable {
    /** One request's rows, where its answer goes and the thread waiting for it. */
    record Job(float[] x, int rows, CompletableFuture<Answer> result, Thread waiter) {
        Job(float[] x, int rows) {
            this(x, rows, new CompletableFuture<>(), Thread.currentThread());
        }
    }

    private final Predictor predictor;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final IntConsumer batchSizes;
    private final LinkedBlockingDeque<Job> queue = new LinkedBlockingDeque<>();
    private final ReentrantLock model = new ReentrantLock();
    private volatile boolean closed;

    Batcher(String name, Predictor predictor, int maxBatch, long maxDelayNanos, IntConsumer batchSizes) {
        this.predictor = predictor;
        this.maxBatch = maxBatch;
        this.maxDelayNanos = maxDelayNanos;
        this.batchSizes = batchSizes;
    }

    /** Queues a job of at most maxBatch rows; false when the batcher is closed (the model was reloaded). */
    synchronized boolean offer(Job job) {
        if (closed) {
            return false;
        }
        queue.add(job);
        return true;
    }

    /**
     * Waits for the answer to {@code job} (offered by this thread), serving the queue while the model is
     * free, for at most {@code timeoutNanos}.
     *
     * @throws ExecutionException the forward pass of the job's batch failed
     */
    Answer await(Job job, long timeoutNanos) throws TimeoutException, InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!job.result().isDone()) {
            if (model.tryLock()) {
                try {
                    while (!job.result().isDone()) {
                        serveOne();
                    }
                } finally {
                    model.unlock();
                }
                handOn();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    leave(job);
                    throw new TimeoutException();
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    leave(job);
                    throw new InterruptedException();
                }
            }
        }
        return job.result().get();
    }

    /** Whether a thread is running the model now (for tests). */
    boolean leading() {
        return model.isLocked();
    }

    /** Requests waiting to be served. */
    int waiting() {
        return queue.size();
    }

    /** Stops accepting; what is queued is still served by the threads waiting for it. */
    @Override
    public synchronized void close() {
        closed = true;
    }

    /** Waits at most {@code millis} for what was queued to be served. */
    boolean awaitEnd(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, millis));
        while (!queue.isEmpty() || model.isLocked()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    /**
     * Wakes the thread of the request at the head of the queue, so that it leads next: every thread that
     * failed to take the model did so while a leader held it, and that leader's hand-on comes after.
     */
    private void handOn() {
        Job next = queue.peek();
        if (next != null) {
            LockSupport.unpark(next.waiter());
        }
    }

    /** A waiter that gives up takes its job out of the queue (if still there) and hands on, so none is stranded. */
    private void leave(Job job) {
        queue.remove(job);
        handOn();
    }

    /** Takes one batch from the queue (the model's lock held) and serves it. */
    private void serveOne() {
        Job first = queue.poll();
        if (first == null) {
            return;
        }
        List<Job> batch = new ArrayList<>();
        batch.add(first);
        int rows = first.rows();
        long deadline = System.nanoTime() + maxDelayNanos;
        while (rows < maxBatch) {
            Job next;
            long wait = deadline - System.nanoTime();
            try {
                next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                next = null;
            }
            if (next == null) {
                break;
            }
            if (rows + next.rows() > maxBatch) {
                queue.offerFirst(next);         // the first of the next batch
                break;
            }
            batch.add(next);
            rows += next.rows();
        }
        serve(batch, rows);
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
        for (Job j : batch) {
            if (j.waiter() != Thread.currentThread()) {
                LockSupport.unpark(j.waiter());
            }
        }
    }
}
