package dev.neurite.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What every fuzz target asserts about a parser on one input: it returns or throws one of its
 * documented error types (whose message names the file), within {@link #TIME_LIMIT_SECONDS}, and
 * allocates no more than the bound it is given (a fixed overhead plus a multiple of the input's size).
 * Anything else is an {@link AssertionError}, which Jazzer reports as a finding. (A copy of the core
 * module's {@code dev.neurite.fuzz.FuzzGuard}: test classes are not shared between modules.)
 */
final class FuzzGuard {
    /** Longer than any parser needs on a fuzzer-sized input: past it, the parser hangs. */
    public static final int TIME_LIMIT_SECONDS = 10;

    /** Class loading and first-use overhead that any call may allocate regardless of its input. */
    public static final long OVERHEAD_BYTES = 16L << 20;

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-target");
        t.setDaemon(true);
        return t;
    });

    private FuzzGuard() {}

    /** A parser run on a file. */
    public interface Parse {
        void run(Path file) throws Exception;
    }

    /** The input written to a fresh temporary file named {@code name}. */
    public static Path file(byte[] input, String name) throws IOException {
        Path dir = Files.createTempDirectory("neurite-fuzz-");
        Path file = dir.resolve(name);
        Files.write(file, input);
        return file;
    }

    /**
     * Runs {@code parse} on {@code input} (as a file named {@code name}) and checks the outcome.
     *
     * @param bytesPerInputByte how many bytes the parser may allocate per input byte, past {@link #OVERHEAD_BYTES}
     * @param allowed the error types the parser documents
     */
    @SafeVarargs
    public static void check(byte[] input, String name, long bytesPerInputByte, Parse parse,
            Class<? extends Throwable>... allowed) throws Exception {
        Path file = file(input, name);
        try {
            long limit = OVERHEAD_BYTES + bytesPerInputByte * input.length;
            Allocation.Outcome o = run(parse, file, input.length);
            if (o.bytes() > limit) {
                o = run(parse, file, input.length);   // the first call of a class initialises it: measure again
            }
            if (o.bytes() > limit) {
                throw new AssertionError("allocated " + o.bytes() + " bytes on an input of " + input.length + " bytes (limit "
                        + limit + ")", o.thrown());
            }
            Throwable t = o.thrown();
            if (t == null) {
                return;
            }
            boolean documented = false;
            for (Class<? extends Throwable> c : allowed) {
                documented |= c.isInstance(t);
            }
            if (!documented) {
                throw new AssertionError("undocumented " + t.getClass().getName() + " escaped: " + t.getMessage(), t);
            }
            if (t.getMessage() == null || !t.getMessage().contains(file.getFileName().toString())) {
                throw new AssertionError("the message does not name the file: " + t.getMessage(), t);
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
    }

    private static Allocation.Outcome run(Parse parse, Path file, int inputLength) throws InterruptedException {
        Future<Allocation.Outcome> run = WORKER.submit(() -> Allocation.of(() -> parse.run(file)));
        try {
            return run.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("hang: no answer after " + TIME_LIMIT_SECONDS + " s on an input of " + inputLength + " bytes");
        } catch (ExecutionException e) {
            throw new AssertionError("the guard failed", e.getCause());
        }
    }
}
