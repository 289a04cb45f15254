package dev.neurite.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * Writes a file whole or not at all: the content goes to a temporary file in the same folder, is forced
 * to disk, and the temporary file is renamed over the target. A crash at any moment leaves either the
 * old file or the new one, never a mix; the temporary file is removed when writing fails, when the JVM
 * is stopped (SIGTERM), and, after a SIGKILL, by the next write of the same target.
 *
 * <p>What is written where (docs/files.md):
 * <ul>
 *   <li>a new file gets the usual permissions, {@code 0666 & ~umask}, as {@code Files.write} gives;
 *       a replaced file keeps its permissions;</li>
 *   <li>a symbolic link is followed, through any chain of links: the link's target is replaced
 *       (atomically, beside it) and the link stays;</li>
 *   <li>a special file (a character device such as {@code /dev/null}, a FIFO, a socket) and the names
 *       of open file descriptors ({@code /dev/stdout}, {@code /dev/fd/N}, {@code /proc/...}) are
 *       written in place, appending, never renamed over;</li>
 *   <li>a folder is refused.</li>
 * </ul>
 */
public final class AtomicFile {
    private static final int MAX_LINKS = 40;   // as Linux's ELOOP limit

    private AtomicFile() {}

    /** What goes into the file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Text that goes into the file, written as UTF-8. */
    @FunctionalInterface
    public interface Text {
        void writeTo(Writer out) throws IOException;
    }

    /**
     * Writes {@code content} to {@code target} atomically, creating its folder if needed. A failure of the
     * file system (no space, no permission, a read-only disk) names {@code target} and what to do; the old
     * file, if any, is left as it was.
     */
    public static void write(Path target, Content content) throws IOException {
        try {
            writeOrFail(target, content);
        } catch (java.nio.file.FileSystemException e) {
            throw new IOException("cannot write " + target + ": " + reason(e) + hint(reason(e)), e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains(target.toString())) {
                throw e;
            }
            throw new IOException("cannot write " + target + ": " + e.getMessage() + hint(e.getMessage()), e);
        }
    }

    private static String reason(java.nio.file.FileSystemException e) {
        return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName().replace("Exception", "");
    }

    private static String hint(String reason) {
        String r = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
        if (r.contains("no space")) {
            return "; free some space on that disk or write somewhere else (nothing was replaced)";
        }
        if (r.contains("permission") || r.contains("read-only") || r.contains("accessdenied")) {
            return "; choose a folder you can write to (nothing was replaced)";
        }
        return "; nothing was replaced";
    }

    private static void writeOrFail(Path target, Content content) throws IOException {
        Path real = resolve(target);
        if (real == null || isSpecial(real)) {
            writeInPlace(real == null ? target : real, content);
            return;
        }
        if (Files.isDirectory(real)) {
            throw new IOException(target + " is a folder: give the name of a file to write");
        }
        Path dir = real.getParent();
        Files.createDirectories(dir);
        TempFiles.sweep(real);
        Path tmp = TempFiles.reserve(real);
        try {
            // CREATE_NEW without a permission attribute: the mode is 0666 & ~umask, as for any new file
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            keepMode(real, tmp);
            try {
                Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            TempFiles.done(tmp);
        }
    }

    /** Writes {@code text} to {@code target} as UTF-8, atomically as {@link #write}. */
    public static void writeText(Path target, Text text) throws IOException {
        write(target, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            text.writeTo(w);
            w.flush();
        });
    }

    /** Whether {@code fileName} is one of the temporary files this class writes (for any target). */
    public static boolean isTemporaryFile(String fileName) {
        return TempFiles.isTemporary(fileName);
    }

    /**
     * The file a write to {@code target} lands in: {@code target} itself, or the end of its chain of
     * symbolic links; {@code null} when the chain reaches a file-descriptor name, which is written in place.
     */
    static Path resolve(Path target) throws IOException {
        Path p = target.toAbsolutePath();
        for (int hops = 0; hops <= MAX_LINKS; hops++) {
            if (namesDescriptor(p)) {
                return null;
            }
            if (!Files.isSymbolicLink(p)) {
                return p;
            }
            p = p.getParent().resolve(Files.readSymbolicLink(p));
        }
        throw new IOException(target + ": more than " + MAX_LINKS + " symbolic links in a row; is there a loop?");
    }

    private static boolean namesDescriptor(Path p) {
        return p.startsWith("/proc") || p.startsWith("/dev/fd") || p.equals(Path.of("/dev/stdout"))
                || p.equals(Path.of("/dev/stderr")) || p.equals(Path.of("/dev/stdin"));
    }

    private static boolean isSpecial(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class).isOther();
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    private static void writeInPlace(Path file, Content content) throws IOException {
        java.io.FileDescriptor fd = standardStream(file);
        if (fd != null) {
            // this process's own stdout or stderr: write through the descriptor itself, so the bytes land
            // at the stream's offset, after what was printed already, and whatever follows comes after them
            System.out.flush();
            System.err.flush();
            OutputStream out = new BufferedOutputStream(new java.io.FileOutputStream(fd), 1 << 16);
            content.writeTo(out);
            out.flush();
            return;
        }
        // APPEND: a descriptor that names a regular file (a shell's '>> log') must not be overwritten from 0
        try (OutputStream raw = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
             OutputStream out = new BufferedOutputStream(raw, 1 << 16)) {
            content.writeTo(out);
        }
    }

    private static void keepMode(Path existing, Path tmp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(existing, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null || !Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(tmp, view.readAttributes().permissions());
        } catch (java.nio.file.NoSuchFileException e) {
            // the old file went away meanwhile: the new one keeps the usual mode
        }
    }

    /** {@code FileDescriptor.out} or {@code .err} when {@code file} names this process's standard output or error. */
    private static java.io.FileDescriptor standardStream(Path file) {
        String p = file.toAbsolutePath().normalize().toString();
        if (p.equals("/dev/stdout") || p.equals("/dev/fd/1") || p.equals("/proc/self/fd/1")) {
            return java.io.FileDescriptor.out;
        }
        if (p.equals("/dev/stderr") || p.equals("/dev/fd/2") || p.equals("/proc/self/fd/2")) {
            return java.io.FileDescriptor.err;
        }
        return null;
    }
}
