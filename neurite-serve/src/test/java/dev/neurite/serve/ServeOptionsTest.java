package dev.neurite.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options are checked on construction, each message naming the option and the value. */
class ServeOptionsTest {
    @Test
    void sizesReadWithTheirUnits() {
        assertEquals(16L << 20, ServeOptions.parseSize("--max-body", "16MiB"));
        assertEquals(512L << 10, ServeOptions.parseSize("--max-body", "512 KiB"));
        assertEquals(2_000_000, ServeOptions.parseSize("--max-body", "2MB"));
        assertEquals(4096, ServeOptions.parseSize("--max-body", "4096"));
        for (String bad : new String[] {"lots", "-1", "1.5MiB", "", "99999999999999999GiB"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServeOptions.parseSize("--max-body", bad));
            assertTrue(e.getMessage().contains("--max-body") && e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void boundsAreChecked() {
        ServeOptions o = ServeOptions.of(Map.of("m", Path.of("m.neurite")));
        assertEquals("127.0.0.1", o.host());
        assertEquals(8000, o.port());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.withPort(70000)).getMessage().contains("--port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.withBatching(0, 0)).getMessage().contains("--max-batch"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.withBatching(8, -1)).getMessage().contains("--max-delay-us"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.withLimits(0, 1 << 20, 10, 10)).getMessage().contains("--queue"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.withLimits(1, 10, 10, 10)).getMessage().contains("--max-body"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServeOptions.of(Map.of())).getMessage().contains("--model"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServeOptions.of(Map.of("a/b", Path.of("x"))))
                .getMessage().contains("'a/b'"));
    }
}
