package dev.neurite.train;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a checkpoint folder, held for a whole training run: {@code checkpoint.lock} in the
 * folder, locked with {@link FileChannel#tryLock()}. A second run on the same folder, in this process or
 * another, fails at once instead of overwriting the first one's checkpoints. The operating system releases
 * the lock when the process ends, however it ends; the empty file stays.
 */
final class CheckpointLock implements AutoCloseable {
    static final String FILE_NAME = "checkpoint.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private CheckpointLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates {@code dir} if needed and locks it; throws if it is a file or another run holds it. */
    static CheckpointLock acquire(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + ": the checkpoint folder is a file; name a folder (it is created if missing)");
        }
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;                                      // this process already holds it
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException(dir + ": another training run is writing checkpoints into this folder; wait for it"
                    + " to finish or give this run another checkpoint folder");
        }
        return new CheckpointLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
