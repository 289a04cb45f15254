package dev.neurite.cli;

import dev.neurite.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The folder a report goes into, and the rule that keeps a report from deleting what it did not write.
 *
 * <p>A report is written into a new folder, an empty one, or one that holds an earlier report and
 * nothing else. A folder is a report's when it has a {@value #MARKER} file listing the files the report
 * wrote there (or, for reports of Neurite versions before the marker, when it holds only report files
 * and an {@code index.html} Neurite wrote). Any other entry (a user's file, a subfolder, a link) makes
 * the folder someone else's, and it is refused. Writing replaces only the listed files, each atomically,
 * and deletes a listed file only when the new report does not have it.
 */
final class ReportFolder {
    /** The marker file listing a report's files, one name a line after a comment line. */
    static final String MARKER = ".neurite-report";

    private static final String HEADER = "# written by neurite: the files of this report; neurite replaces only these";
    private static final Set<String> LEGACY_FILES = Set.of("accuracy.png", "accuracy.svg", "confusion.png", "confusion.svg",
            "index.html", "loss.png", "loss.svg", "misclassified.png");

    private ReportFolder() {}

    /**
     * Checks that a report may be written into {@code dir}, before any work is done.
     *
     * @throws IllegalArgumentException naming the folder and what is in the way
     */
    static void check(Path dir) throws IOException {
        owned(dir);
    }

    /** Writes {@code files} (name → content, in order) into {@code dir}, replacing only the report's own files. */
    static void write(Path dir, Map<String, byte[]> files) throws IOException {
        Set<String> old = owned(dir);
        boolean created = !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
        Files.createDirectories(dir);
        Set<String> union = new TreeSet<>(old);
        union.addAll(files.keySet());
        List<String> written = new ArrayList<>();
        try {
            writeMarker(dir, union);   // first: whatever happens next, every file here is listed as the report's
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                AtomicFile.write(dir.resolve(f.getKey()), out -> out.write(f.getValue()));
                written.add(f.getKey());
            }
            for (String name : old) {
                if (!files.containsKey(name)) {
                    Files.deleteIfExists(dir.resolve(name));
                }
            }
            writeMarker(dir, new TreeSet<>(files.keySet()));
        } catch (IOException | RuntimeException e) {
            if (created) {                        // only what this call wrote, in a folder it made
                try {
                    for (String name : written) {
                        Files.deleteIfExists(dir.resolve(name));
                    }
                    Files.deleteIfExists(dir.resolve(MARKER));
                    Files.deleteIfExists(dir);           // refuses (and so keeps) a folder someone filled meanwhile
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);            // the write's own error is the one to report
                }
            }
            throw e;
        }
    }

    /** The report's files now in {@code dir} (none for a new or empty folder); refuses anyone else's folder. */
    private static Set<String> owned(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            if (Files.isSymbolicLink(dir)) {
                throw refuse(dir, "is a symbolic link to nothing");
            }
            return Set.of();
        }
        if (!Files.isDirectory(dir)) {
            throw refuse(dir, "is a file, not a folder");
        }
        List<String> entries = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.forEach(p -> entries.add(p.getFileName().toString()));
        }
        if (entries.isEmpty()) {
            return Set.of();
        }
        Set<String> listed = listed(dir);
        List<String> foreign = new ArrayList<>();
        Set<String> present = new TreeSet<>();
        for (String e : entries) {
            if (listed.contains(e) && Files.isRegularFile(dir.resolve(e), LinkOption.NOFOLLOW_LINKS)) {
                present.add(e);
            } else if (!e.equals(MARKER) && !AtomicFile.isTemporaryFile(e)) {
                foreign.add(e);
            }
        }
        if (!foreign.isEmpty()) {
            java.util.Collections.sort(foreign);
            String shown = String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
                    + (foreign.size() > 5 ? " and " + (foreign.size() - 5) + " more" : "");
            throw refuse(dir, "holds files this report did not write (" + shown + ")");
        }
        return present;
    }

    /** The names the marker lists; for a pre-marker report, its files when they are all report files. */
    private static Set<String> listed(Path dir) throws IOException {
        Path marker = dir.resolve(MARKER);
        Set<String> names = new LinkedHashSet<>();
        if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
                if (!line.isEmpty() && !line.startsWith("#") && isPlainName(line)) {
                    names.add(line);
                }
            }
            return names;
        }
        Path index = dir.resolve("index.html");
        if (Files.isRegularFile(index, LinkOption.NOFOLLOW_LINKS) && Files.size(index) < 1 << 20) {
            String html = Files.readString(index, StandardCharsets.UTF_8);
            if (html.contains("<title>Neurite training report</title>") || html.contains("<title>The first seed: XOR")) {
                names.addAll(LEGACY_FILES);
            }
        }
        return names;
    }

    private static boolean isPlainName(String name) {
        return !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }

    private static void writeMarker(Path dir, Set<String> names) throws IOException {
        AtomicFile.writeText(dir.resolve(MARKER), w -> {
            w.write(HEADER + "\n");
            for (String n : names) {
                w.write(n + "\n");
            }
        });
    }

    private static IllegalArgumentException refuse(Path dir, String why) {
        return new IllegalArgumentException("--report " + dir + ": the folder " + why
                + "; a report replaces only its own files: choose an empty or new folder");
    }
}
