package dev.neurite.cli;

import dev.neurite.io.AtomicFile;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Text files written whole or not at all, through the core's {@link AtomicFile}. */
final class AtomicFiles {
    private AtomicFiles() {}

    interface Body {
        void write(Writer out) throws IOException;
    }

    static void writeText(Path target, Body body) throws IOException {
        AtomicFile.write(target, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            body.write(w);
            w.flush();
        });
    }
}
