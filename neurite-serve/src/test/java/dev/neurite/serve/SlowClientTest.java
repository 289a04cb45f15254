package dev.neurite.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send too slowly or too much are cut off: the JDK server's request-read bound (2 s in these
 * tests, set by the build as sun.net.httpserver.maxReqTime; 30 s by default) and its header-size bound.
 */
class SlowClientTest {
    @TempDir
    Path dir;

    /** Reads until the server closes the connection or {@code millis} pass; returns what came and whether it closed. */
    private static String readUntilClosed(Socket s, long millis) throws IOException {
        s.setSoTimeout((int) millis);
        StringBuilder got = new StringBuilder();
        try (InputStream in = s.getInputStream()) {
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
            return got.append("<closed>").toString();
        } catch (java.net.SocketTimeoutException e) {
            return got.append("<still open>").toString();
        } catch (IOException e) {
            return got.append("<closed: ").append(e.getMessage()).append('>').toString();
        }
    }

    @Test
    void slowClientsAreCutOffAndDoNotHoldTheWorkers() throws Exception {
        ServeOptions base = Fixtures.options(Map.of("m", Fixtures.classifier(dir, "m.neurite", 41)));
        ServeOptions o = new ServeOptions(base.models(), base.host(), 0, 64, 0, 64, 2, 1 << 20, 100, 32, 10_000, 5_000, false);
        try (InferenceServer server = InferenceServer.start(o, new PrintWriter(new StringWriter()))) {
            Socket[] slow = new Socket[2];
            for (int k = 0; k < 2; k++) {
                slow[k] = new Socket("127.0.0.1", server.port());
                OutputStream out = slow[k].getOutputStream();
                // a body promised and never sent, and a request line never finished: each could hold a worker
                out.write((k == 0 ? "POST /v2/models/m/infer HTTP/1.1\r\nHost: t\r\nContent-Length: 500\r\n\r\n{\"inp"
                        : "GET /v2/health/li").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            long start = System.nanoTime();
            Client.Reply r = new Client(server).get("/v2/health/live");
            assertEquals(200, r.status());
            for (Socket s : slow) {
                String got = readUntilClosed(s, 8000);
                assertTrue(got.contains("<closed"), "the slow client was not cut off: " + got);
                s.close();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 8000, "cut off after " + millis + " ms");
            assertEquals(200, new Client(server).get("/v2/health/live").status());
        }
    }

    @Test
    void oversizedHeadersAreRefused() throws Exception {
        try (InferenceServer server = InferenceServer.start(Fixtures.options(Map.of("m", Fixtures.classifier(dir, "m.neurite", 42))),
                new PrintWriter(new StringWriter()));
             Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /v2/health/live HTTP/1.1\r\nHost: t\r\nX-Big: " + "a".repeat(100_000) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String got = readUntilClosed(s, 8000);
            assertTrue(!got.startsWith("HTTP/1.1 200"), got.substring(0, Math.min(200, got.length())));
            assertTrue(got.contains("<closed"), got.substring(0, Math.min(200, got.length())));
            assertEquals(200, new Client(server).get("/v2/health/live").status());
        }
    }
}
