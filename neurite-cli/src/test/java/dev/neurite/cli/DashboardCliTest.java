package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neurite train --dashboard} without a browser: the URL line, a run that finishes, a port in use. */
class DashboardCliTest {
    @TempDir
    Path dir;

    private Path csv() throws IOException {
        Path f = dir.resolve("blobs.csv");
        StringBuilder b = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 60; i++) {
            int y = i % 2;
            b.append(y * 3 + (i % 7) * 0.1).append(',').append(1 - y + (i % 5) * 0.1).append(',').append(y).append('\n');
        }
        Files.writeString(f, b);
        return f;
    }

    @Test
    void printsTheDashboardUrlAndFinishesOnItsOwn() throws IOException {
        Path model = dir.resolve("m.neurite");
        CliTest.Run r = run("train", "--train", csv().toString(), "--hidden", "4", "--epochs", "3", "--dashboard",
                "--quiet", "--out", model.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("dashboard: http://127\\.0\\.0\\.1:\\d+/")), r.out());
        assertFalse(r.out().contains("stopped from the dashboard"), r.out());
        assertTrue(Files.isRegularFile(model));
    }

    @Test
    void aPortInUseIsOneLineNamingIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliTest.Run r = run("train", "--train", csv().toString(), "--hidden", "4", "--epochs", "1", "--dashboard",
                    Integer.toString(taken.getLocalPort()), "--out", dir.resolve("m.neurite").toString());
            OptionMessagesTest.assertRefused(r, "127.0.0.1:" + taken.getLocalPort(), "dashboard");
            assertFalse(Files.exists(dir.resolve("m.neurite")), "no model without a run");
        }
    }
}
