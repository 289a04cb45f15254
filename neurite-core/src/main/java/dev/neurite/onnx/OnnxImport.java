package dev.neurite.onnx;

import dev.neurite.io.SavedModel;
import dev.neurite.model.GraphNode;
import dev.neurite.onnx.OnnxProto.Model;
import dev.neurite.onnx.OnnxProto.ValueInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an ONNX file as a Neurite model, in pure Java: the straight-chain MLPs that PyTorch's exporters
 * (legacy and dynamo) and scikit-learn's converter write, and every file {@link OnnxExport} writes, which
 * comes back with its architecture, loss, class names and metadata, weights bit for bit. Anything else is
 * refused with an {@link OnnxFormatException} naming the node (index, name, op type) and what is supported.
 * The parser trusts nothing: every length is checked before it is used, and what it allocates is bounded by a
 * small multiple of the file's size. See docs/onnx.md.
 */
public final class OnnxImport {
    /**
     * An imported model, and what was changed on the way in (float64 weights rounded to float32, Gemm's alpha
     * folded, a Div read as a Mul, …); the notes are empty for a file Neurite wrote.
     */
    public record Result(SavedModel model, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    private OnnxImport() {}

    /** Reads and checks {@code file}; its size is checked against {@code ModelFile.MAX_BYTES} before it is read. */
    public static Result load(Path file) throws IOException {
        return fromBytes(Models.readAll(file), file.toString());
    }

    /**
     * Reads and checks ONNX bytes; {@code bytes} is neither modified nor kept.
     *
     * @param source what the bytes are: every error message starts with it
     */
    public static Result fromBytes(byte[] bytes, String source) throws OnnxFormatException {
        Model model;
        try {
            model = OnnxParser.model(bytes);
        } catch (ProtoReader.Malformed e) {
            throw new OnnxFormatException(source, "not a valid ONNX file: " + e.getMessage());
        }
        try {
            return read(model);
        } catch (IllegalArgumentException e) {
            throw new OnnxFormatException(source, e.getMessage());
        }
    }

    private static Result read(Model m) {
        if (m.graph() == null) {
            throw new IllegalArgumentException("the file holds no graph (is it an ONNX model?)");
        }
        Long opset = m.opsets().get("");
        if (opset == null || opset < OnnxFields.MIN_IMPORT_OPSET) {
            throw new IllegalArgumentException("the model imports " + (opset == null ? "no standard opset"
                    : "opset " + opset) + "; Neurite reads opset " + OnnxFields.MIN_IMPORT_OPSET + " and later");
        }
        if (m.graph().sparseInitializers() > 0) {
            throw new IllegalArgumentException("the graph has sparse initializers, which Neurite does not read");
        }
        Set<String> constants = m.graph().initializers().stream().map(OnnxProto.Tensor::name).collect(Collectors.toSet());
        List<ValueInfo> inputs = m.graph().inputs().stream().filter(v -> !constants.contains(v.name())).toList();
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("the graph has " + inputs.size() + " inputs "
                    + inputs.stream().map(ValueInfo::name).toList() + "; Neurite reads models of exactly one input");
        }
        ValueInfo input = inputs.get(0);
        OnnxChain chain = new OnnxChain(m.graph());
        checkInput(input, chain);
        List<GraphNode> nodes = chain.read(input.name());
        int features = nodes.get(0).inputSize();
        if (input.dims().size() == 2 && input.dims().get(1) instanceof Long f && f != features) {
            throw new IllegalArgumentException("input '" + input.name() + "' declares " + f + " features, the first layer reads "
                    + features);
        }
        return new Result(SavedModel.of(new OnnxProperties(m, chain).graph(nodes)), new ArrayList<>(chain.notes));
    }

    private static void checkInput(ValueInfo input, OnnxChain chain) {
        if (!input.tensorType() || input.elemType() != OnnxFields.FLOAT && input.elemType() != OnnxFields.DOUBLE) {
            throw new IllegalArgumentException("input '" + input.name() + "' is "
                    + (input.tensorType() ? "a tensor of " + OnnxFields.typeName(input.elemType()) : "not a tensor")
                    + "; Neurite reads a FLOAT (or DOUBLE) tensor [batch, features]");
        }
        if (input.elemType() == OnnxFields.DOUBLE) {
            chain.notes.add("the input is DOUBLE; Neurite reads and computes in float32");
        }
        if (input.shaped() && input.dims().size() != 2) {
            throw new IllegalArgumentException("input '" + input.name() + "' has rank " + input.dims().size() + " "
                    + input.dims() + "; Neurite reads a rank-2 input [batch, features]");
        }
    }
}
