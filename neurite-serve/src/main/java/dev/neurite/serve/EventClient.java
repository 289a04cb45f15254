package dev.neurite.serve;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One browser's stream: a bounded buffer between the publisher (training) and the thread writing to the
 * socket. The publisher only ever offers; when the buffer is full the client is closed instead of waited for.
 */
final class EventClient {
    static final int BUFFER = 512;
    private static final EventLog.Event CLOSE = new EventLog.Event(-1, "", "");

    private final BlockingQueue<EventLog.Event> queue = new ArrayBlockingQueue<>(BUFFER + 1);
    private volatile boolean closed;

    /** False (and the client closed) when its buffer is full. */
    boolean offer(EventLog.Event e) {
        if (closed) {
            return false;
        }
        if (queue.size() >= BUFFER || !queue.offer(e)) {
            close();
            return false;
        }
        return true;
    }

    void close() {
        closed = true;
        queue.clear();
        queue.offer(CLOSE);
    }

    /** The next event, null after {@code millis} without one; {@link #isClosed} tells a close apart. */
    EventLog.Event next(long millis) throws InterruptedException {
        EventLog.Event e = queue.poll(millis, TimeUnit.MILLISECONDS);
        return e == CLOSE ? null : e;
    }

    /** Events buffered and not yet written. */
    int pending() {
        return queue.size();
    }

    boolean isClosed() {
        return closed;
    }
}
