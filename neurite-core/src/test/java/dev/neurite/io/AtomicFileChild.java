package dev.neurite.io;

import java.nio.file.Path;

/** A process that starts an atomic write of {@code args[0]}, says so on stdout, and then waits to be killed. */
final class AtomicFileChild {
    private AtomicFileChild() {}

    public static void main(String[] args) throws Exception {
        AtomicFile.write(Path.of(args[0]), out -> {
            out.write(new byte[1 << 20]);
            out.flush();
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
