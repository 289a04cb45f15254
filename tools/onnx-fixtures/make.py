#!/usr/bin/env python3
"""Makes the ONNX fixtures of Neurite's import tests (neurite-core/src/test/resources/dev/neurite/onnx/fixtures/).

Each fixture is NAME.onnx, written by a real exporter, and NAME.expected.txt: the input rows and what the
exporting framework itself predicts for them (PyTorch's forward, or numpy for the scikit-learn shapes), which
Neurite must match within 1e-5. Nothing here runs at test time; the files are committed.

    python3 -m venv /work/venv-onnx
    /work/venv-onnx/bin/pip install torch==2.13.0+cpu onnx onnxruntime onnxscript   # skl2onnx scikit-learn: optional
    /work/venv-onnx/bin/python tools/onnx-fixtures/make.py

Every fixture is also run in ONNX Runtime here, and must agree with the framework, so a fixture is known to be a
valid model before Neurite reads it.
"""
import io
import os
import sys

import numpy as np
import onnx
import onnxruntime as ort
import torch
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "neurite-core", "src", "test", "resources", "dev", "neurite",
                   "onnx", "fixtures")
ROWS = 7
made = []


def write(name, model_bytes, x, expected, note, label=None):
    with open(os.path.join(OUT, name + ".onnx"), "wb") as f:
        f.write(model_bytes)
    sess = ort.InferenceSession(model_bytes, providers=["CPUExecutionProvider"])
    got = sess.run(None, {sess.get_inputs()[0].name: x})[0]
    if isinstance(got, list):            # a ZipMap output: a list of {class: probability}
        got = np.array([[row[k] for k in sorted(row)] for row in got], dtype=np.float32)
    assert np.allclose(got, expected, atol=1e-5, rtol=1e-4), (name, got, expected)
    with open(os.path.join(OUT, name + ".expected.txt"), "w") as f:
        f.write("# %s\n# made by tools/onnx-fixtures/make.py with torch %s, onnx %s, onnxruntime %s\n"
                % (note, torch.__version__, onnx.__version__, ort.__version__))
        for row in np.asarray(x, dtype=np.float64):
            f.write("input " + " ".join(repr(float(v)) for v in row) + "\n")
        for row in np.asarray(expected, dtype=np.float32).astype(np.float64):
            f.write("output " + " ".join(repr(float(v)) for v in row) + "\n")
        if label is not None:
            f.write("label " + " ".join(str(int(v)) for v in label) + "\n")
    made.append(name)


def torch_fixture(name, net, features, opset, dynamo, note):
    torch.manual_seed(len(made) + 1)
    for p in net.parameters():           # away from the initialisation's narrow ranges
        torch.nn.init.normal_(p, std=0.5)
    net.eval()
    x = torch.randn(ROWS, features)
    with torch.no_grad():
        expected = net(x).numpy()
    buf = io.BytesIO()
    kwargs = dict(input_names=["x"], output_names=["y"], opset_version=opset)
    if dynamo:
        program = torch.onnx.export(net, (x,), dynamo=True, opset_version=opset,
                                    dynamic_shapes=({0: torch.export.Dim("batch")},))
        program.save(os.path.join(OUT, name + ".onnx"))
        with open(os.path.join(OUT, name + ".onnx"), "rb") as f:
            data = f.read()
    else:
        torch.onnx.export(net, (x,), buf, dynamo=False, dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}}, **kwargs)
        data = buf.getvalue()
    write(name, data, x.numpy(), expected, note)


def with_statistics(net):
    """Running statistics away from their initial 0 and 1 (torch_fixture redraws the parameters, not these buffers)."""
    g = torch.Generator().manual_seed(17)
    for m in net.modules():
        if isinstance(m, torch.nn.BatchNorm1d):
            m.running_mean.copy_(torch.randn(m.num_features, generator=g) * 0.5)
            m.running_var.copy_(torch.rand(m.num_features, generator=g) * 2 + 0.05)
    return net


def sklearn_shape(name, layers, activation, out_activation, classes, note, double=False, opset=13):
    """A graph in the shape skl2onnx gives MLPClassifier/MLPRegressor: Cast, MatMul + Add per layer, the
    activation, then (classifier) Softmax, ArgMax, ArrayFeatureExtractor of the classes and ZipMap."""
    rng = np.random.default_rng(len(made) + 7)
    dt = np.float64 if double else np.float32
    ws = [rng.normal(0, 0.6, (layers[k], layers[k + 1])).astype(dt) for k in range(len(layers) - 1)]
    bs = [rng.normal(0, 0.3, layers[k + 1]).astype(dt) for k in range(len(layers) - 1)]
    x = rng.normal(0, 1.5, (ROWS, layers[0])).astype(np.float32)
    nodes, inits = [helper.make_node("Cast", ["X"], ["cast"], to=TensorProto.DOUBLE if double else TensorProto.FLOAT,
                                     name="Cast")], []
    cur = "cast"
    h = x.astype(dt)
    for k, (w, b) in enumerate(zip(ws, bs)):
        inits += [numpy_helper.from_array(w, "coefficient%d" % k), numpy_helper.from_array(b, "intercepts%d" % k)]
        nodes += [helper.make_node("MatMul", [cur, "coefficient%d" % k], ["mul%d" % k], name="MatMul%d" % k),
                  helper.make_node("Add", ["mul%d" % k, "intercepts%d" % k], ["add%d" % k], name="Add%d" % k)]
        cur = "add%d" % k
        h = h @ w + b
        act = activation if k < len(ws) - 1 else out_activation
        if act == "relu":
            nodes.append(helper.make_node("Relu", [cur], ["act%d" % k], name="Relu%d" % k))
            h = np.maximum(h, 0)
        elif act == "tanh":
            nodes.append(helper.make_node("Tanh", [cur], ["act%d" % k], name="Tanh%d" % k))
            h = np.tanh(h)
        elif act == "logistic":
            nodes.append(helper.make_node("Sigmoid", [cur], ["act%d" % k], name="Sigmoid%d" % k))
            h = 1 / (1 + np.exp(-h))
        elif act == "softmax":
            nodes.append(helper.make_node("Softmax", [cur], ["act%d" % k], axis=1, name="Softmax"))
            e = np.exp(h - h.max(axis=1, keepdims=True))
            h = e / e.sum(axis=1, keepdims=True)
        if act != "identity":
            cur = "act%d" % k
    outputs = []
    label = None
    if classes is not None:
        inits.append(numpy_helper.from_array(np.array(classes, dtype=np.int64), "classes"))
        nodes += [helper.make_node("ArgMax", [cur], ["argmax"], axis=1, name="ArgMax"),
                  helper.make_node("ArrayFeatureExtractor", ["classes", "argmax"], ["array_feature_extractor"],
                                   domain="ai.onnx.ml", name="ArrayFeatureExtractor"),
                  helper.make_node("Cast", ["array_feature_extractor"], ["cast_label"], to=TensorProto.INT64, name="Cast1"),
                  helper.make_node("Reshape", ["cast_label", "shape"], ["label"], name="Reshape"),
                  helper.make_node("Cast", [cur], ["probabilities"], to=TensorProto.FLOAT, name="Cast2"),
                  helper.make_node("ZipMap", ["probabilities"], ["output_probability"], classlabels_int64s=classes,
                                   domain="ai.onnx.ml", name="ZipMap")]
        inits.append(numpy_helper.from_array(np.array([-1], dtype=np.int64), "shape"))
        outputs = [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
                   helper.make_tensor_value_info("output_probability", TensorProto.UNDEFINED, None)]
        outputs[1] = helper.make_value_info("output_probability", helper.make_sequence_type_proto(
            helper.make_map_type_proto(TensorProto.INT64, helper.make_tensor_type_proto(TensorProto.FLOAT, []))))
        label = np.array(classes)[np.argmax(h, axis=1)]
    else:
        nodes.append(helper.make_node("Cast", [cur], ["variable"], to=TensorProto.FLOAT, name="Cast1"))
        outputs = [helper.make_tensor_value_info("variable", TensorProto.FLOAT, [None, layers[-1]])]
    graph = helper.make_graph(nodes, "mlp", [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, layers[0]])],
                              outputs, inits)
    opsets = [helper.make_opsetid("", opset), helper.make_opsetid("ai.onnx.ml", 1)]
    model = helper.make_model(graph, opset_imports=opsets, producer_name="skl2onnx-shape", ir_version=7)
    onnx.checker.check_model(model)
    out = h.astype(np.float32)
    if classes is not None:
        # ORT's first output is the label: compare the probabilities through write's ZipMap handling instead
        write_classifier(name, model, x, out, label, note)
    else:
        write(name, model.SerializeToString(), x, out, note)


def write_classifier(name, model, x, probabilities, label, note):
    data = model.SerializeToString()
    sess = ort.InferenceSession(data, providers=["CPUExecutionProvider"])
    got_label, got_map = sess.run(None, {"X": x})
    got = np.array([[row[k] for k in sorted(row)] for row in got_map], dtype=np.float32)
    assert np.allclose(got, probabilities, atol=1e-5, rtol=1e-4) and (got_label == label).all(), name
    with open(os.path.join(OUT, name + ".onnx"), "wb") as f:
        f.write(data)
    with open(os.path.join(OUT, name + ".expected.txt"), "w") as f:
        f.write("# %s\n# made by tools/onnx-fixtures/make.py with numpy %s, onnx %s, onnxruntime %s\n"
                % (note, np.__version__, onnx.__version__, ort.__version__))
        for row in x.astype(np.float64):
            f.write("input " + " ".join(repr(float(v)) for v in row) + "\n")
        for row in probabilities.astype(np.float64):
            f.write("output " + " ".join(repr(float(v)) for v in row) + "\n")
        f.write("label " + " ".join(str(int(v)) for v in label) + "\n")
    made.append(name)


def normalised_gemm(name):
    """Hand-built with onnx.helper: constant Sub/Div normalisation, Gemm with transB, alpha and beta, weights from
    Constant nodes, as a converter of a fitted pipeline writes it."""
    rng = np.random.default_rng(3)
    mean, std = rng.normal(0, 2, 5).astype(np.float32), rng.uniform(0.5, 2, 5).astype(np.float32)
    w = rng.normal(0, 0.5, (6, 5)).astype(np.float32)          # (out, in): transB = 1
    c = rng.normal(0, 0.3, 6).astype(np.float32)
    w2 = rng.normal(0, 0.5, (6, 2)).astype(np.float32)
    b2 = rng.normal(0, 0.3, 2).astype(np.float32)
    x = rng.normal(0, 2, (ROWS, 5)).astype(np.float32)
    nodes = [helper.make_node("Constant", [], ["W"], value=numpy_helper.from_array(w, "W"), name="const_w"),
             helper.make_node("Sub", ["x", "mean"], ["centred"], name="sub"),
             helper.make_node("Div", ["centred", "std"], ["scaled"], name="div"),
             helper.make_node("Gemm", ["scaled", "W", "C"], ["z"], transB=1, alpha=0.5, beta=2.0, name="gemm"),
             helper.make_node("Tanh", ["z"], ["h"], name="tanh"),
             helper.make_node("MatMul", ["h", "W2"], ["z2"], name="matmul"),
             helper.make_node("Add", ["B2", "z2"], ["y"], name="add")]
    inits = [numpy_helper.from_array(mean, "mean"), numpy_helper.from_array(std, "std"),
             numpy_helper.from_array(c, "C"), numpy_helper.from_array(w2, "W2"), numpy_helper.from_array(b2, "B2")]
    graph = helper.make_graph(nodes, "normalised", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 5])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 2])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)], ir_version=6)
    onnx.checker.check_model(model)
    h = np.tanh(0.5 * (((x - mean) / std) @ w.T) + 2.0 * c)
    write(name, model.SerializeToString(), x, (h @ w2 + b2).astype(np.float32), "onnx.helper: Sub/Div, Gemm transB alpha beta, Constant, Add(b, z)")


def main():
    os.makedirs(OUT, exist_ok=True)
    nn = torch.nn
    torch_fixture("torch-legacy-relu-softmax", nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3), nn.Softmax(dim=1)),
                  4, 13, False, "torch.onnx.export (legacy, opset 13): Linear ReLU Linear Softmax")
    torch_fixture("torch-legacy-flatten-tanh-dropout-sigmoid",
                  nn.Sequential(nn.Flatten(), nn.Linear(5, 6), nn.Tanh(), nn.Dropout(0.2), nn.Linear(6, 2), nn.Sigmoid()),
                  5, 17, False, "torch.onnx.export (legacy, opset 17): Flatten Linear Tanh Dropout Linear Sigmoid")
    torch_fixture("torch-legacy-leakyrelu-regression-opset9",
                  nn.Sequential(nn.Linear(3, 7), nn.LeakyReLU(0.1), nn.Linear(7, 1)),
                  3, 9, False, "torch.onnx.export (legacy, opset 9): Linear LeakyReLU(0.1) Linear")
    torch_fixture("torch-legacy-nobias", nn.Sequential(nn.Linear(6, 5, bias=False), nn.Sigmoid(), nn.Linear(5, 4, bias=False)),
                  6, 11, False, "torch.onnx.export (legacy, opset 11): Linear(bias=False) Sigmoid Linear(bias=False)")
    torch_fixture("torch-dynamo-relu-softmax", nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3), nn.Softmax(dim=1)),
                  4, 18, True, "torch.onnx.export (dynamo, opset 18): Linear ReLU Linear Softmax")
    torch_fixture("torch-dynamo-tanh-leakyrelu",
                  nn.Sequential(nn.Flatten(), nn.Linear(5, 9), nn.Tanh(), nn.Dropout(0.1), nn.Linear(9, 4), nn.LeakyReLU(0.2),
                                nn.Linear(4, 2)),
                  5, 18, True, "torch.onnx.export (dynamo, opset 18): Flatten Linear Tanh Dropout Linear LeakyReLU Linear")
    sklearn_shape("sklearn-shape-classifier", [4, 10, 3], "relu", "softmax", [0, 1, 2],
                  "onnx.helper in skl2onnx's MLPClassifier shape: Cast MatMul Add Relu … Softmax ArgMax ArrayFeatureExtractor ZipMap")
    sklearn_shape("sklearn-shape-classifier-labels", [3, 6, 5, 4], "tanh", "softmax", [3, 5, 7, 11],
                  "onnx.helper, MLPClassifier shape with classes 3 5 7 11, float64 weights", double=True)
    sklearn_shape("sklearn-shape-regressor", [5, 8, 2], "logistic", "identity", None,
                  "onnx.helper in skl2onnx's MLPRegressor shape: Cast MatMul Add Sigmoid MatMul Add Cast")
    normalised_gemm("helper-normalised-gemm")
    torch_fixture("torch-legacy-batchnorm",
                  with_statistics(nn.Sequential(nn.Linear(5, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 3), nn.Softmax(dim=1))),
                  5, 13, False, "torch.onnx.export (legacy, opset 13), eval mode: Linear BatchNorm1d ReLU Linear Softmax")
    torch_fixture("torch-dynamo-batchnorm",
                  with_statistics(nn.Sequential(nn.Linear(5, 8), nn.BatchNorm1d(8), nn.Tanh(), nn.Linear(8, 6),
                                                nn.BatchNorm1d(6), nn.ReLU(), nn.Linear(6, 2))),
                  5, 18, True, "torch.onnx.export (dynamo, opset 18), eval mode: Linear BatchNorm1d Tanh Linear BatchNorm1d ReLU Linear")
    torch_fixture("torch-legacy-batchnorm-eps1e-3",
                  with_statistics(nn.Sequential(nn.Linear(4, 6), nn.BatchNorm1d(6, eps=1e-3), nn.Sigmoid(), nn.Linear(6, 3))),
                  4, 17, False, "torch.onnx.export (legacy, opset 17), eval mode: Linear BatchNorm1d(eps=1e-3) Sigmoid Linear")
    print("made", len(made), "fixtures:", " ".join(made))


if __name__ == "__main__":
    sys.exit(main())
