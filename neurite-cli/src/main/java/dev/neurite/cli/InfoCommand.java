package dev.neurite.cli;

import dev.neurite.io.Json;
import dev.neurite.io.ModelFile;
import dev.neurite.io.SavedModel;
import dev.neurite.model.OutputHead;
import dev.neurite.onnx.Models;
import dev.neurite.onnx.OnnxImport;
import dev.neurite.layer.Layer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code neurite info}: what a model file holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a model's architecture, parameter count, loss, normalisation, classes and provenance.")
final class InfoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model file written by 'neurite train --out', or an ONNX file (docs/onnx.md).")
    Path model;

    @Option(names = "--json", description = "One JSON line instead of the table.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean onnx = Models.formatOf(model) == Models.Format.ONNX;
        java.util.List<String> notes = java.util.List.of();
        SavedModel m;
        if (onnx) {
            OnnxImport.Result r = OnnxImport.load(model);
            m = r.model();
            notes = r.notes();
        } else {
            m = ModelFile.load(model);
        }
        Map<String, String> meta = new TreeMap<>(m.metadata());
        OutputHead head = m.head();
        String task = head.isRegression() ? "regression" : "classification";
        if (json) {
            out.println(new Json().put("model", model.toString()).put("format", onnx ? "onnx" : "neurite")
                    .put("format_version", onnx ? null : ModelFile.VERSION).put("notes", notes)
                    .put("architecture", m.network().architecture().toSpec()).put("parameters", m.network().parameterCount())
                    .put("loss", m.loss().cliName()).put("task", task).put("normalization", m.normalization().kind().cliName())
                    .put("class_names", m.classNames()).put("metadata", meta));
            out.flush();
            return 0;
        }
        if (onnx) {
            out.printf("%s: ONNX model, read as a Neurite MLP, %,d bytes%n", model, Files.size(model));
            for (String note : notes) {
                out.printf("note            %s%n", note);
            }
        } else {
            out.printf("%s: Neurite model, format %d, %,d bytes%n", model, ModelFile.VERSION, Files.size(model));
        }
        out.printf("architecture    %s (%s)%n", m.network().architecture().toSpec(),
                m.network().architecture().bias() ? "with biases" : "no biases");
        out.printf("parameters      %,d%n", m.network().parameterCount());
        out.println("layers");
        int i = 0;
        for (Layer layer : m.network().layers()) {
            out.printf("  %2d  %s%n", i++, layer.describe());
        }
        out.printf("loss            %s%n", m.loss().cliName());
        out.printf("normalization   %s%n", m.normalization().kind().cliName());
        if (head.isRegression()) {
            out.printf("task            regression, %d target%s%s%n", head.outputs(), head.outputs() == 1 ? "" : "s",
                    head.names() == null ? "" : ": " + String.join(", ", head.names()));
        } else {
            out.printf("classes         %s%n", m.classNames() == null ? "0.." + (head.classes() - 1)
                    : String.join(", ", m.classNames()));
        }
        for (Map.Entry<String, String> e : meta.entrySet()) {
            out.printf("%-15s %s%n", e.getKey(), e.getValue());
        }
        out.flush();
        return 0;
    }
}
