package dev.neurite.io;

import java.io.IOException;
import java.nio.file.Path;

/** A model file (or its bytes) that is not a valid Neurite model; the message names the source and what is wrong. */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(Path file, String message) {
        this(file.toString(), message);
    }

    /** @param source what was read: a file's path, or the name given to {@link ModelFile#fromBytes} */
    public ModelFormatException(String source, String message) {
        super(source + ": " + message);
    }
}
