package dev.neurite.data;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread for the whole JVM that runs small jobs ahead of time (the gathering of the next
 * minibatch) while the caller works on something else. A job is claimed by whoever comes first: the
 * background thread, or the caller in {@link Request#await()} if the thread has not begun it (busy with
 * another trainer's job, or not yet awake). So a caller never waits on a job nobody runs, and any number
 * of trainers may share the thread.
 *
 * <p>After a job the thread spins for a short while before it parks, so a training loop that asks for a
 * batch every few tens of microseconds finds it awake.
 */
final class Prefetch {
    private static final long SPIN_NANOS = 200_000;
    private static final ConcurrentLinkedQueue<Request> QUEUE = new ConcurrentLinkedQueue<>();
    private static volatile Thread thread;

    private Prefetch() {}

    /** One job: waiting, being run, or done. */
    static final class Request {
        private static final int WAITING = 0, RUNNING = 1, DONE = 2;
        private final Runnable job;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private volatile Throwable failure;

        private Request(Runnable job) {
            this.job = job;
        }

        /** Runs the job if nobody has claimed it; true when this call ran it. */
        private boolean tryRun() {
            if (!state.compareAndSet(WAITING, RUNNING)) {
                return false;
            }
            try {
                job.run();
            } catch (Throwable t) {
                failure = t;
            } finally {
                state.set(DONE);
            }
            return true;
        }

        /** Returns once the job is done, running it here if the background thread has not begun it. */
        void await() {
            tryRun();
            while (state.get() != DONE) {
                Thread.onSpinWait();
            }
            Throwable t = failure;
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
        }
    }

    /** Queues {@code job} for the background thread. */
    static Request submit(Runnable job) {
        Request r = new Request(job);
        QUEUE.add(r);
        Thread t = thread;
        if (t == null) {
            t = start();
        }
        LockSupport.unpark(t);
        return r;
    }

    private static synchronized Thread start() {
        if (thread == null) {
            Thread t = new Thread(Prefetch::run, "neurite-prefetch");
            t.setDaemon(true);
            t.start();
            thread = t;
        }
        return thread;
    }

    private static void run() {
        long idleSince = System.nanoTime();
        while (true) {
            Request r = QUEUE.poll();
            if (r != null) {
                r.tryRun();
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(Prefetch.class);
                idleSince = System.nanoTime();
            }
        }
    }
}
