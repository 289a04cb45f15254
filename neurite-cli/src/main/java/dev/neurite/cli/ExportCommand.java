package dev.neurite.cli;

import dev.neurite.io.ModelFile;
import dev.neurite.io.SavedModel;
import dev.neurite.onnx.Models;
import dev.neurite.onnx.OnnxExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code neurite export}: a model as an ONNX file (or as a Neurite model file), atomically. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a model as an ONNX file that any ONNX runtime runs (docs/onnx.md): the normalisation,",
                "one Gemm per dense layer, the activations; 'output' gives what 'neurite predict' gives."})
final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A Neurite model file, or an ONNX file.")
    Path model;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "onnx (or neurite: a Neurite model file).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (atomically).")
    Path out;

    @Option(names = "--opset", paramLabel = "N", description = "The ONNX opset, 13 (the default, IR 7) to 21.")
    Integer opset;

    @Option(names = "--label", description = "Add a 'label' output: the predicted class, INT64 (classifiers only).")
    boolean label;

    @Override
    public Integer call() throws IOException {
        boolean onnx = switch (format) {
            case "onnx" -> true;
            case "neurite" -> false;
            default -> throw new IllegalArgumentException("--format must be onnx or neurite, was '" + format + "'");
        };
        if (!onnx && (opset != null || label)) {
            throw new IllegalArgumentException((opset != null ? "--opset" : "--label") + " applies to --format onnx only");
        }
        if (opset != null && (opset < 13 || opset > 21)) {
            throw new IllegalArgumentException("--opset must be in 13..21, was " + opset);
        }
        Outputs.refuseInputs("--out", out, Map.of("--model", model));
        SavedModel m = Models.load(model);
        if (onnx) {
            OnnxExport.write(m, out, new OnnxExport.Options(opset == null ? 13 : opset, label, null));
        } else {
            ModelFile.save(m, out);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %s: %s, %s, %,d parameters, %,d bytes%n", out,
                onnx ? "ONNX opset " + (opset == null ? 13 : opset) + (label ? " with a label output" : "") : "Neurite model",
                m.network().architecture().toSpec(), m.network().parameterCount(), Files.size(out));
        w.flush();
        return 0;
    }
}
