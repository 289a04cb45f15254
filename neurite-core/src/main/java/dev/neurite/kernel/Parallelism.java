package dev.neurite.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A persistent pool of {@code threads − 1} daemon workers plus the calling thread, with a cheap
 * hand-off: {@link #run} publishes one task, workers and caller claim its chunks from an atomic
 * counter, and the caller returns when all are done. Workers spin briefly before parking, so the
 * back-to-back kernels of a training step find them awake.
 *
 * <p>Kernels split their work so that every output element is computed by one chunk in a fixed
 * order: results are bit-identical for any thread count. Not reentrant: one {@code run} at a time.
 *
 * <p>How finely work is split (the grain) is decided here, from the work's size and kind:
 * {@link #forElements}, {@link #forRows}, {@link #forColumns} and {@link #forUpdate}; callers say what
 * they split, never how much goes into a chunk.
 */
public final class Parallelism implements AutoCloseable {
    /** One thread, no pool: {@link #run} calls the body in place. Stateless, so sharing it is safe. */
    public static final Parallelism SERIAL = new Parallelism(1);

    private static final long SPIN_NANOS = 1_000_000;

    /** The body of a parallel loop over chunks {@code [0, chunks)}. */
    @FunctionalInterface
    public interface Body {
        void chunk(int index);
    }

    /** One published loop; its counters are its own, so a late worker can never run a newer loop's chunks. */
    private static final class Job {
        final Body body;
        final int chunks;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Job(Body body, int chunks) {
            this.body = body;
            this.chunks = chunks;
        }

        void claim() {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                try {
                    body.chunk(c);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }

    private final int threads;
    private final Thread[] workers;
    private volatile Job job;
    private volatile boolean closed;

    private Parallelism(int threads) {
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            Thread t = new Thread(this::work, "neurite-worker-" + (w + 1));
            t.setDaemon(true);
            workers[w] = t;
            t.start();
        }
    }

    /** A pool of {@code threads} (≥ 1; 1 is {@link #SERIAL}). Close it when done. */
    public static Parallelism of(int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0, was " + threads);
        }
        return threads == 1 ? SERIAL : new Parallelism(threads);
    }

    /** The number of threads that run chunks, the caller included. */
    public int threads() {
        return threads;
    }

    /** Runs {@code body.chunk(c)} for every {@code c} in {@code [0, chunks)}, spread over the pool. */
    public void run(int chunks, Body body) {
        if (chunks <= 0) {
            return;
        }
        if (workers.length == 0 || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                body.chunk(c);
            }
            return;
        }
        if (closed) {
            throw new IllegalStateException("this Parallelism is closed");
        }
        Job j = new Job(body, chunks);
        job = j;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
        j.claim();
        while (j.done.get() < chunks) {
            Thread.onSpinWait();
        }
        Throwable f = j.failure;
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    /** The body of a parallel loop over index ranges. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, n)} in ranges of at least {@code grain} indices (one range on
     * the calling thread when n is below {@code 2·grain}). For element-wise work, whose result does
     * not depend on how it is split.
     */
    public void forRange(int n, int grain, Range body) {
        if (workers.length == 0 || n < 2 * grain) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min(n / grain, 4 * threads);
        int per = (n + chunks - 1) / chunks;
        run((n + per - 1) / per, c -> body.run(c * per, Math.min(n, (c + 1) * per)));
    }

    /**
     * Elements per range of element-wise work (activations, dropout masks, gradients times a mask): below
     * about this much work a chunk costs more to hand off than to run.
     */
    static final int ELEMENT_GRAIN = 1 << 15;
    /** Parameter values per range of an optimizer's update. */
    static final int UPDATE_GRAIN = 1 << 16;
    /** The fewest columns per range of a column reduction. */
    static final int MIN_COLUMNS = 16;

    /** Element-wise work over {@code [0, n)}, in ranges of at least {@link #ELEMENT_GRAIN} elements. */
    public void forElements(int n, Range body) {
        forRange(n, ELEMENT_GRAIN, body);
    }

    /**
     * Row-wise work over the rows {@code [0, rows)} of a {@code (rows, cols)} matrix, each range about
     * {@link #ELEMENT_GRAIN} elements (at least one row).
     */
    public void forRows(int rows, int cols, Range body) {
        forRange(rows, Math.max(1, ELEMENT_GRAIN / Math.max(1, cols)), body);
    }

    /**
     * A reduction over the rows of a {@code (rows, cols)} matrix, split by columns {@code [0, cols)}: each
     * range about {@link #ELEMENT_GRAIN} elements, and at least {@link #MIN_COLUMNS} columns.
     */
    public void forColumns(int rows, int cols, Range body) {
        forRange(cols, Math.max(MIN_COLUMNS, ELEMENT_GRAIN / Math.max(1, rows)), body);
    }

    /** An optimizer's update of {@code n} parameter values, in ranges of at least {@link #UPDATE_GRAIN}. */
    public void forUpdate(int n, Range body) {
        forRange(n, UPDATE_GRAIN, body);
    }

    private void work() {
        Job seen = null;
        while (!closed) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            Job j;
            while ((j = job) == seen && !closed) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 1_000_000);
                }
            }
            if (closed) {
                return;
            }
            seen = j;
            j.claim();
        }
    }

    /** Stops the workers. */
    @Override
    public void close() {
        if (this == SERIAL) {
            return;
        }
        closed = true;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
    }
}
