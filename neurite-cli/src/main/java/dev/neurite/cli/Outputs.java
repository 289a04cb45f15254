package dev.neurite.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The rule that a command's output never lands on one of its own inputs: {@code --out data.csv} with
 * {@code --train data.csv}, or {@code predict --output m.neurite} with {@code --model m.neurite}, is
 * refused before any work, whatever links or relative names lead to the same file.
 */
final class Outputs {
    private Outputs() {}

    /**
     * @param option the output's option name, for the message
     * @param output the output path, or null when not given
     * @param inputs option name → input path (null entries are skipped)
     * @throws IllegalArgumentException naming both options when the output is one of the inputs
     */
    static void refuseInputs(String option, Path output, Map<String, Path> inputs) throws IOException {
        if (output == null || output.toString().equals("-") || !Files.exists(output)) {
            return;
        }
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            Path input = in.getValue();
            if (input != null && Files.exists(input) && Files.isSameFile(output, input)) {
                throw new IllegalArgumentException(option + " " + output + " is the file given to " + in.getKey()
                        + " (" + input + "); writing it would destroy that input: give another name for " + option);
            }
        }
    }

    /**
     * Refuses, before any work, an output that could not be written at the end of it: a folder in the way
     * of a file, a parent that is a file, or a folder this process may not write. Descriptor names and
     * special files ({@code /dev/stdout}, {@code -}) are always writable here.
     *
     * @param folder whether the output is a folder (a checkpoint folder) rather than a file
     */
    static void refuseUnwritable(String option, Path output, boolean folder) {
        if (output == null || output.toString().equals("-") || output.toAbsolutePath().startsWith("/dev")
                || output.toAbsolutePath().startsWith("/proc")) {
            return;
        }
        Path p = output.toAbsolutePath();
        if (Files.isDirectory(p) && !folder) {
            throw new IllegalArgumentException(option + " " + output + " is a folder: give the name of a file to write");
        }
        Path dir = Files.isDirectory(p) ? p : p.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + output + ": " + dir + " is not a folder, so nothing can be"
                    + " written there: give another path");
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException(option + " " + output + ": the folder " + dir + " cannot be written by"
                    + " this user: choose a folder you can write to");
        }
    }
}
