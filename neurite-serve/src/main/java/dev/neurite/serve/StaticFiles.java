package dev.neurite.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The pages' static files (HTML, JavaScript, CSS), read once from the class path under
 * {@code dev/neurite/serve/page/}. Only the files named here are served: a path never reaches the class
 * loader, so nothing else can be read through it.
 */
final class StaticFiles {
    /** One file: its content type and text. */
    record File(String type, String text) {}

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");
    private static final java.util.Set<String> NAMES = java.util.Set.of(
            "model.html", "model.js", "digits.js", "charts.js", "dashboard.html", "dashboard.js", "page.css");
    private static final Map<String, File> FILES = load();

    private StaticFiles() {}

    private static Map<String, File> load() {
        Map<String, File> files = new java.util.HashMap<>();
        for (String name : NAMES) {
            try (InputStream in = StaticFiles.class.getResourceAsStream("page/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the page file " + name + " is missing from the class path");
                }
                String ext = name.substring(name.lastIndexOf('.') + 1);
                files.put(name, new File(TYPES.get(ext), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(files);
    }

    /** The file called {@code name} ({@code "model.js"}), or null when there is none. */
    static File get(String name) {
        return FILES.get(name);
    }
}
