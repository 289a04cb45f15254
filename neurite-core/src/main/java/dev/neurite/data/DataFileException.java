package dev.neurite.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that cannot be read as what it claims to be. The message names the file and where in
 * it (line and column for text, byte offset for binary files), what was expected and what was found.
 */
public final class DataFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public DataFileException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
