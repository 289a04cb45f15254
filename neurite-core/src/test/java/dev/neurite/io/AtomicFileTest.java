package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    private static void write(Path target, String text) throws IOException {
        AtomicFile.writeText(target, w -> w.write(text));
    }

    private List<String> names() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFullDiskNamesTheTargetAndSaysWhatToDo() {
        Path full = Path.of("/dev/full");                    // every write fails with ENOSPC
        IOException e = assertThrows(IOException.class,
                () -> AtomicFile.write(full, out -> out.write(new byte[1 << 17])));
        assertTrue(e.getMessage().startsWith("cannot write /dev/full: No space left on device"), e.getMessage());
        assertTrue(e.getMessage().contains("free some space"), e.getMessage());
    }

    @Test
    void aFolderThatCannotBeWrittenNamesTheTargetNotTheTemporaryFile() throws IOException {
        Path target = dir.resolve("sub").resolve("m.bin");
        Files.writeString(dir.resolve("sub"), "a file where a folder should be");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, out -> out.write(1)));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
    }

    @Test
    void aNewFileGetsTheUsualPermissionsNotOwnerOnly() throws IOException {
        Path probe = Files.createFile(dir.resolve("probe"));   // 0666 & ~umask, as Files.write gives
        Path f = dir.resolve("model.neurite");
        write(f, "x");
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(probe)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aReplacedFileKeepsItsMode() throws IOException {
        Path f = dir.resolve("out.csv");
        write(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw----r--"));
        write(f, "new");
        assertEquals("new", Files.readString(f));
        assertEquals("rw----r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aSymlinkIsWrittenThroughAndStaysALink() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real")).resolve("data.csv");
        write(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("real/data.csv"));
        Path link2 = Files.createSymbolicLink(dir.resolve("link2.csv"), link.getFileName());
        write(link2, "new");
        assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(link2));
        assertEquals("new", Files.readString(real));
        try (var s = Files.list(real.getParent())) {
            assertEquals(1, s.count(), "the temporary file sat beside the real target and is gone");
        }
    }

    @Test
    void aDanglingSymlinkCreatesItsTarget() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("made.csv"));
        write(link, "x");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("x", Files.readString(dir.resolve("made.csv")));
    }

    @Test
    void aLinkLoopIsRefused() throws IOException {
        Files.createSymbolicLink(dir.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
        IOException e = assertThrows(IOException.class, () -> write(dir.resolve("a"), "x"));
        assertTrue(e.getMessage().contains("symbolic links"), e.getMessage());
        assertEquals(List.of("a", "b"), names());
    }

    @Test
    void aFifoIsWrittenInPlaceNotRenamedOver() throws Exception {
        Path fifo = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path link = Files.createSymbolicLink(dir.resolve("to-pipe"), fifo);
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(Files.readAllBytes(fifo), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        write(link, "through the pipe");
        assertEquals("through the pipe", read.get(10, TimeUnit.SECONDS));
        assertTrue(Files.readAttributes(fifo, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther(), "still a FIFO");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(List.of("pipe", "to-pipe"), names());
    }

    @Test
    void descriptorNamesAreWrittenInPlace() throws IOException {
        assertEquals(null, AtomicFile.resolve(Path.of("/dev/stdout")));
        assertEquals(null, AtomicFile.resolve(Path.of("/proc/self/fd/1")));
        Path link = Files.createSymbolicLink(dir.resolve("out"), Path.of("/dev/stderr"));
        assertEquals(null, AtomicFile.resolve(link));
        assertEquals(dir.resolve("x"), AtomicFile.resolve(dir.resolve("x")));
    }

    @Test
    void aFolderIsRefusedAndLeftAlone() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.writeString(sub.resolve("keep.txt"), "keep");
        IOException e = assertThrows(IOException.class, () -> write(sub, "x"));
        assertTrue(e.getMessage().contains(sub + " is a folder"), e.getMessage());
        assertEquals("keep", Files.readString(sub.resolve("keep.txt")));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("m.neurite");
        write(f, "old");
        assertThrows(IOException.class, () -> AtomicFile.write(f, out -> {
            out.write(new byte[100]);
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("m.neurite"), names());
    }

    @Test
    void staleTemporaryFilesOfTheTargetAreSweptAndNothingElse() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long me = ProcessHandle.current().pid();
        FileTime old = FileTime.from(Instant.now().minus(TempFiles.STALE).minusSeconds(60));
        String deadWriter = ".m.neurite.neurite-" + gone.pid() + "-0123456789abcdef.tmp";
        String mine = ".m.neurite.neurite-" + me + "-00000000000000ff.tmp";
        String oldLive = ".m.neurite.neurite-1-00000000000000aa.tmp";      // pid 1 is alive
        String youngLive = ".m.neurite.neurite-1-00000000000000bb.tmp";
        String oldLegacy = ".m.neurite8141569352817624305.tmp", youngLegacy = ".m.neurite42.tmp";
        String otherTarget = ".n.neurite.neurite-" + gone.pid() + "-0123456789abcdef.tmp";
        List<String> bystanders = List.of(".m.neurite.bak", ".m.neurite.neurite-x.tmp", "m.neurite.tmp", "notes.txt",
                youngLive, youngLegacy, otherTarget);
        for (String n : List.of(deadWriter, mine, oldLive, oldLegacy)) {
            Files.writeString(dir.resolve(n), "stale");
        }
        for (String n : bystanders) {
            Files.writeString(dir.resolve(n), "keep " + n);
        }
        Files.setLastModifiedTime(dir.resolve(oldLive), old);
        Files.setLastModifiedTime(dir.resolve(oldLegacy), old);
        write(dir.resolve("m.neurite"), "model");
        List<String> expected = new java.util.ArrayList<>(bystanders);
        expected.add("m.neurite");
        assertEquals(expected.stream().sorted().toList(), names());
        for (String n : bystanders) {
            assertEquals("keep " + n, Files.readString(dir.resolve(n)));
        }
    }

    @Test
    void sigtermDuringAWriteLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("m.neurite");
        Process child = startWriter(target);
        child.destroy();   // SIGTERM
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of(), names(), "the shutdown hook removed the temporary file");
    }

    @Test
    void afterSigkillTheNextWriteSweepsTheTemporaryFile() throws Exception {
        Path target = dir.resolve("m.neurite");
        Process child = startWriter(target);
        child.destroyForcibly();   // SIGKILL: no hook runs
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, names().size(), "the killed writer left its temporary file: " + names());
        assertTrue(AtomicFile.isTemporaryFile(names().get(0)), names().get(0));
        write(target, "model");
        assertEquals(List.of("m.neurite"), names());
        assertArrayEquals("model".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
    }

    /** Starts {@link AtomicFileChild} on {@code target} and returns once it is inside the write. */
    private Process startWriter(Path target) throws Exception {
        String cp = Path.of(AtomicFile.class.getProtectionDomain().getCodeSource().getLocation().toURI()) + java.io.File.pathSeparator
                + Path.of(AtomicFileChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                AtomicFileChild.class.getName(), target.toString()).redirectErrorStream(true).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("writing", line);
        assertEquals(1, names().size(), names().toString());
        return child;
    }
}
