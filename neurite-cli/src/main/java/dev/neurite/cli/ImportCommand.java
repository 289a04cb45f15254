package dev.neurite.cli;

import dev.neurite.io.ModelFile;
import dev.neurite.onnx.Models;
import dev.neurite.onnx.OnnxImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code neurite import}: an ONNX MLP (PyTorch, scikit-learn, Neurite) saved as a Neurite model file. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read an ONNX file of a straight-chain MLP (PyTorch's exporters, scikit-learn's converter, Neurite)",
                "and save it as a Neurite model file; what is accepted and refused is in docs/onnx.md."})
final class ImportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.onnx", description = "The ONNX file.")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "The Neurite model file to write (atomically).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Outputs.refuseInputs("--out", out, Map.of("FILE.onnx", file));
        if (Models.formatOf(file) != Models.Format.ONNX) {
            throw new IllegalArgumentException(file + " is a Neurite model file already, not an ONNX file");
        }
        OnnxImport.Result r = OnnxImport.load(file);
        ModelFile.save(r.model(), out);
        PrintWriter w = spec.commandLine().getOut();
        for (String note : r.notes()) {
            w.println("note: " + note);
        }
        w.printf("wrote %s: %s, %s, %,d parameters%n", out, r.model().network().architecture().toSpec(),
                r.model().head(), r.model().network().parameterCount());
        w.flush();
        return 0;
    }
}
