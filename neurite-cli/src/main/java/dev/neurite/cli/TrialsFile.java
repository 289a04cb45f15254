package dev.neurite.cli;

import dev.neurite.io.AtomicFile;
import dev.neurite.io.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON file of a {@code neurite tune} run: the search's settings, then every finished trial's parameters,
 * options and scores, and the best so far; rewritten atomically after each trial. Numbers keep every bit
 * (the shortest decimal that reads back as the same double), and nothing in it depends on the clock, so a
 * search resumed from the file writes the same bytes as one never interrupted.
 */
final class TrialsFile {
    static final long MAX_BYTES = 64L << 20;

    private final Path path;
    private final Map<String, Object> settings;
    private final List<Object> trials = new ArrayList<>();

    private TrialsFile(Path path, Map<String, Object> settings) {
        this.path = path;
        this.settings = settings;
    }

    /**
     * The file at {@code path} for a search with these {@code settings}: its finished trials when it exists and
     * holds the same search, none when it does not exist; a file of another search (or not one of these) is refused.
     */
    static TrialsFile open(Path path, Map<String, Object> settings) throws IOException {
        Map<String, Object> normal = normal(settings);
        TrialsFile f = new TrialsFile(path, normal);
        if (!Files.exists(path)) {
            return f;
        }
        if (Files.size(path) > MAX_BYTES) {
            throw new IllegalArgumentException("--output " + path + ": " + Files.size(path) + " bytes, more than a trials file"
                    + " may hold (" + MAX_BYTES + "); give another --output");
        }
        Object read;
        try {
            read = Json.parse(new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--output " + path + " exists and is not a trials file (" + e.getMessage()
                    + "); give another --output or delete it", e);
        }
        if (!(read instanceof Map<?, ?> m) || !(m.get("trials") instanceof List<?> done)) {
            throw new IllegalArgumentException("--output " + path + " exists and is not a trials file; give another --output or delete it");
        }
        for (Map.Entry<String, Object> e : normal.entrySet()) {
            if (!e.getValue().equals(m.get(e.getKey()))) {
                throw new IllegalArgumentException("--output " + path + " holds the trials of another search (its " + e.getKey()
                        + " was " + Json.write(m.get(e.getKey())) + ", now " + Json.write(e.getValue())
                        + "); give another --output, or the same options to resume it");
            }
        }
        f.trials.addAll(done);
        return f;
    }

    /** How many trials the file holds. */
    int size() { return trials.size(); }

    /** Finished trial {@code i} (from 0) as read or added. */
    @SuppressWarnings("unchecked")
    Map<String, Object> trial(int i) { return (Map<String, Object>) trials.get(i); }

    /** Adds a finished trial and rewrites the file with {@code best}, atomically. */
    void add(Map<String, Object> trial, Object best) throws IOException {
        trials.add(normal(trial));
        Map<String, Object> all = new LinkedHashMap<>(settings);
        all.put("trials", trials);
        all.put("best", best);
        String text = Json.write(exact(all)) + "\n";
        AtomicFile.writeText(path, w -> w.write(text));
    }

    /** {@code v} as it reads back from the file: what settings and trials are compared by. */
    @SuppressWarnings("unchecked")
    static <T> T normal(T v) {
        return (T) Json.parse(Json.write(exact(v)));
    }

    /** Doubles as exact decimals (Json writes ten significant digits); NaN and infinities as null. */
    private static Object exact(Object v) {
        if (v instanceof Double d) {
            return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), exact(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(TrialsFile::exact).toList();
        }
        return v;
    }
}
