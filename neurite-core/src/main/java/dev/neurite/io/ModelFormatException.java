package dev.neurite.io;

import java.io.IOException;
import java.nio.file.Path;

/** A model file that is not a valid Neurite model; the message names the file and what is wrong. */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(Path file, String message) {
        super(file + ": " + message);
    }
}
