package dev.neurite.serve;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The dashboard's server-sent events: numbered from 1, kept for replay (every epoch and end event; the last
 * {@link #BATCHES_KEPT} batch events), and handed to every connected client without ever blocking the
 * publisher: a client whose buffer is full is dropped, and its browser reconnects with {@code Last-Event-ID}.
 */
final class EventLog {
    /** One event: its id, its SSE type and its JSON data. */
    record Event(long id, String type, String data) {
        String wire() {
            return "id: " + id + "\nevent: " + type + "\ndata: " + data + "\n\n";
        }
    }

    static final int BATCHES_KEPT = 20_000;

    private final List<Event> kept = new ArrayList<>();            // epoch and end events: bounded by the epochs
    private final ArrayDeque<Event> batches = new ArrayDeque<>();  // the newest batch events
    private final Set<EventClient> clients = new CopyOnWriteArraySet<>();
    private long next = 1;
    private boolean ended;

    /** Appends an event and offers it to every client; never waits for one. */
    synchronized void publish(String type, String data) {
        Event e = new Event(next++, type, data);
        if (type.equals("batch")) {
            if (batches.size() == BATCHES_KEPT) {
                batches.removeFirst();
            }
            batches.addLast(e);
        } else {
            kept.add(e);
        }
        ended |= type.equals("end");
        for (EventClient c : clients) {
            if (!c.offer(e)) {
                clients.remove(c);        // too slow: closed; it reconnects and replays what it missed
            }
        }
    }

    /**
     * Registers a client and returns the kept events after {@code lastId}, in order, atomically with respect to
     * {@link #publish}: every later event reaches the client's buffer.
     */
    synchronized List<Event> join(EventClient client, long lastId) {
        List<Event> missed = new ArrayList<>();
        int k = 0;
        for (Event b : batches) {
            while (k < kept.size() && kept.get(k).id() < b.id()) {
                add(missed, kept.get(k++), lastId);
            }
            add(missed, b, lastId);
        }
        while (k < kept.size()) {
            add(missed, kept.get(k++), lastId);
        }
        if (!ended) {
            clients.add(client);
        }
        return missed;
    }

    private static void add(List<Event> out, Event e, long lastId) {
        if (e.id() > lastId) {
            out.add(e);
        }
    }

    void leave(EventClient client) {
        clients.remove(client);
    }

    /** Whether every client has written everything published so far. */
    boolean drained() {
        for (EventClient c : clients) {
            if (c.pending() > 0 && !c.isClosed()) {
                return false;
            }
        }
        return true;
    }

    int clients() {
        return clients.size();
    }

    /** Closes every client (the server is stopping). */
    synchronized void closeAll() {
        for (EventClient c : clients) {
            c.close();
        }
        clients.clear();
    }
}
