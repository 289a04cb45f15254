package dev.neurite.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.train.BatchStats;
import dev.neurite.train.EpochStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's server: replay from Last-Event-ID, a slow client dropped without waiting, Stop, bad requests. */
class TrainingDashboardTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The ids of the events read from {@code /events} until {@code want} events with ids have come. */
    private static List<Long> ids(TrainingDashboard d, String lastEventId, int want) throws IOException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(d.url().resolve("/events"));
        if (lastEventId != null) {
            rb.header("Last-Event-ID", lastEventId);
        }
        List<Long> ids = new ArrayList<>();
        try {
            HttpResponse<java.io.InputStream> r = HTTP.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line; ids.size() < want && (line = in.readLine()) != null; ) {
                    if (line.startsWith("id: ")) {
                        ids.add(Long.parseLong(line.substring(4)));
                    }
                }
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private static EpochStats epoch(int e) {
        return new EpochStats(e, 0.5, 0.9, Double.NaN, Double.NaN, 0.01, 1.0);
    }

    @Test
    void aReconnectWithLastEventIdGetsOnlyWhatItMissed() throws IOException {
        try (TrainingDashboard d = TrainingDashboard.start("127.0.0.1", 0, Map.of("title", "t", "epochs", 3))) {
            for (int e = 0; e < 3; e++) {
                d.onBatch(new BatchStats(e, 0, 1, 10, 1.0 / (e + 1), 5, 0.01));   // the last batch of an epoch is always sent
                d.epoch(epoch(e), Map.of("test_acc", 0.9));
            }
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), ids(d, null, 6));
            assertEquals(List.of(4L, 5L, 6L), ids(d, "3", 3));
            d.end("finished", "done");
            assertEquals(List.of(7L), ids(d, "6", 1));
            assertEquals(List.of(1L), ids(d, "not a number", 1), "a bad Last-Event-ID replays everything");
        }
    }

    @Test
    void aClientThatDoesNotReadIsDroppedAndTheRunNeverWaits() throws InterruptedException {
        EventLog log = new EventLog();
        EventClient slow = new EventClient();
        assertTrue(log.join(slow, 0).isEmpty());
        long start = System.nanoTime();
        for (int i = 0; i < 10 * EventClient.BUFFER; i++) {
            log.publish("batch", "{\"i\":" + i + "}");
        }
        assertTrue(slow.isClosed(), "the full buffer closed the client");
        assertEquals(0, log.clients());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "publishing never blocked");
        EventClient back = new EventClient();
        List<EventLog.Event> missed = log.join(back, 100);
        assertEquals(10 * EventClient.BUFFER - 100, missed.size(), "the reconnect replays from its last id");
        assertEquals(101, missed.get(0).id());
        log.publish("epoch", "{}");
        assertEquals(10 * EventClient.BUFFER + 1, back.next(1000).id());
        assertFalse(back.isClosed());
    }

    @Test
    void stopIsAPostAndBadRequestsAre4xx() throws IOException, InterruptedException {
        try (TrainingDashboard d = TrainingDashboard.start("127.0.0.1", 0, Map.of("title", "t"))) {
            URI base = d.url();
            assertEquals(405, HTTP.send(HttpRequest.newBuilder(base.resolve("/stop")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertFalse(d.stopRequested());
            HttpResponse<String> stop = HTTP.send(HttpRequest.newBuilder(base.resolve("/stop"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, stop.statusCode());
            assertTrue(d.stopRequested());
            assertEquals(404, HTTP.send(HttpRequest.newBuilder(base.resolve("/nothing")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(404, HTTP.send(HttpRequest.newBuilder(base.resolve("/page/../x")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("data-testid=\"stop\""), page.body());
        }
    }

    @Test
    void aBadPortIsRefusedNamingTheOption() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainingDashboard.start("127.0.0.1", 70000, Map.of()));
        assertTrue(e.getMessage().contains("--dashboard") && e.getMessage().contains("70000"), e.getMessage());
    }
}
