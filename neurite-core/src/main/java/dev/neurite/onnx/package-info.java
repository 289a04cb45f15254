/**
 * ONNX both ways, in pure Java and without a protobuf library: {@link dev.neurite.onnx.OnnxExport} writes a
 * Neurite model as standard ONNX operators (Sub/Mul, Gemm, activations, an optional ArgMax label), and
 * {@link dev.neurite.onnx.OnnxImport} reads the straight-chain MLPs that PyTorch and scikit-learn export;
 * {@link dev.neurite.onnx.Models} loads either format by its content. The few protobuf messages are read and
 * written by hand ({@code ProtoReader}, {@code ProtoWriter}, field numbers in {@code OnnxFields}), so the core
 * keeps no dependency. Every refusal is an {@link dev.neurite.onnx.OnnxFormatException}. See docs/onnx.md.
 *
 * <p>Left out: convolutions, recurrent layers, branching graphs, external tensor data, subgraphs, and any
 * operator outside an MLP's chain.
 */
package dev.neurite.onnx;
