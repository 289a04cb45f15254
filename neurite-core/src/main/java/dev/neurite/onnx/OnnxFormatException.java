package dev.neurite.onnx;

import java.io.IOException;

/**
 * An ONNX file (or its bytes) that Neurite cannot read: damaged, or not a straight-chain MLP. The message
 * names the source, and for a graph Neurite does not accept, the node (index, name, op type) and what is
 * supported (docs/onnx.md).
 */
public final class OnnxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param source the file's path, or the name given to {@link OnnxImport#fromBytes} */
    public OnnxFormatException(String source, String message) {
        super(source + ": " + message);
    }
}
