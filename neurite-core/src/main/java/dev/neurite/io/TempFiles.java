package dev.neurite.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files of {@link AtomicFile}: their names, the ones being written now, and the stale ones
 * a killed writer left behind.
 *
 * <p>A temporary file for {@code model.neurite} is named {@code .model.neurite.neurite-<pid>-<random>.tmp}
 * and sits beside its target. While it is being written it is listed here; a shutdown hook deletes the
 * listed ones when the JVM ends early (SIGTERM, Ctrl-C, {@code System.exit} from another thread).
 * SIGKILL runs no hook, so every write first sweeps the stale temporary files of its own target: those
 * of a writer whose process is gone, those of this process that nothing here is writing, and those
 * untouched for {@link #STALE}; the names of earlier Neurite versions ({@code .model.neurite<digits>.tmp})
 * are swept after {@link #STALE} too. Nothing else is ever deleted.
 */
final class TempFiles {
    /** How long a temporary file of a live writer (or of unknown origin) must be untouched to be stale. */
    static final Duration STALE = Duration.ofMinutes(10);

    private static final Pattern NAME = Pattern.compile("\\..+\\.neurite-\\d+-[0-9a-f]{16}\\.tmp");
    private static final Pattern OWN = Pattern.compile("(\\d{1,18})-[0-9a-f]{16}\\.tmp");
    private static final Pattern LEGACY = Pattern.compile("\\d+\\.tmp");
    private static final long PID = ProcessHandle.current().pid();
    private static final SecureRandom RANDOM = new SecureRandom();

    // The one piece of global state: the files being written, so that the shutdown hook can remove them.
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteInFlight, "neurite-temp-cleanup"));
    }

    private TempFiles() {}

    /** A fresh temporary name beside {@code target}, registered as in flight until {@link #done}. */
    static Path reserve(Path target) {
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        Path tmp = target.resolveSibling("." + target.getFileName() + ".neurite-" + PID + "-" + HexFormat.of().formatHex(r) + ".tmp");
        IN_FLIGHT.add(tmp);
        return tmp;
    }

    /** Deletes {@code tmp} if it is still there and stops tracking it. */
    static void done(Path tmp) throws IOException {
        try {
            Files.deleteIfExists(tmp);
        } finally {
            IN_FLIGHT.remove(tmp);
        }
    }

    /** Whether {@code fileName} is a temporary file of {@link AtomicFile}, for any target. */
    static boolean isTemporary(String fileName) {
        return NAME.matcher(fileName).matches();
    }

    /** Deletes the stale temporary files of {@code target} (see the class comment); returns how many. */
    static int sweep(Path target) throws IOException {
        String name = target.getFileName().toString();
        int swept = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target.getParent(), p -> p.getFileName().toString().startsWith("." + name))) {
            for (Path p : entries) {
                if (isStale(p, name) && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.delete(p);
                        swept++;
                    } catch (NoSuchFileException e) {
                        // another writer swept it first
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        return swept;
    }

    private static boolean isStale(Path p, String target) throws IOException {
        String file = p.getFileName().toString();
        String own = "." + target + ".neurite-";
        if (file.startsWith(own)) {
            Matcher m = OWN.matcher(file.substring(own.length()));
            if (!m.matches()) {
                return false;
            }
            long pid = Long.parseLong(m.group(1));
            if (pid == PID) {
                return !IN_FLIGHT.contains(p);
            }
            return !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) || untouchedFor(p, STALE);
        }
        return LEGACY.matcher(file.substring(1 + target.length())).matches() && untouchedFor(p, STALE);
    }

    private static boolean untouchedFor(Path p, Duration age) throws IOException {
        try {
            FileTime modified = Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return modified.toInstant().isBefore(Instant.now().minus(age));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static void deleteInFlight() {
        for (Path p : IN_FLIGHT) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // the JVM is ending: a file that cannot be removed now is swept by the next write
            }
        }
    }
}
