package dev.neurite.cli;

import java.lang.management.ManagementFactory;

/** Bytes allocated by the current thread, to check that a parser allocates no more than its input justifies. */
final class Allocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {}

    /** A block of code that may throw. */
    public interface Body {
        void run() throws Exception;
    }

    /** What a body did: the bytes it allocated on this thread and what it threw (null if it returned). */
    public record Outcome(long bytes, Throwable thrown) {}

    /** Runs {@code body}, catching what it throws, and measures its allocation. */
    public static Outcome of(Body body) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Throwable thrown = null;
        try {
            body.run();
        } catch (Throwable t) {
            thrown = t;
        }
        return new Outcome(THREADS.getCurrentThreadAllocatedBytes() - before, thrown);
    }
}
