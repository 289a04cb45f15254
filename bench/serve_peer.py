"""The peer of bench/serve: the same Neurite model served the way a Python user would, PyTorch behind Flask
and gunicorn, on the same Open Inference Protocol request and response shape.

    NEURITE_MODEL=MODEL.neurite gunicorn -w 2 -b 127.0.0.1:PORT --chdir bench serve_peer:app

The model file is read with docs/load_neurite.py (numpy only) into an nn.Sequential; each worker process
runs it with one PyTorch thread (two workers on two cores), under torch.inference_mode(). Not part of
Neurite: a measuring stick (needs torch, numpy and flask, none of which Neurite depends on).
"""
import os
import sys

import numpy as np
import torch
import torch.nn as nn
from flask import Flask, jsonify, request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs"))
import load_neurite  # noqa: E402

torch.set_num_threads(1)
meta, tensors = load_neurite.load(os.environ["NEURITE_MODEL"])
modules = []
for i, (kind, arg) in enumerate(load_neurite.layers(meta)):
    if kind == "dense":
        w = tensors[f"{i}.weight"]
        modules.append(nn.Linear(w.shape[1], w.shape[0], bias=f"{i}.bias" in tensors))
    elif kind == "act":
        modules.append({"relu": nn.ReLU(), "tanh": nn.Tanh(), "sigmoid": nn.Sigmoid(), "softmax": nn.Softmax(1)}[arg])
    else:
        modules.append(nn.Dropout(arg))
model = nn.Sequential(*modules).eval()
model.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in tensors.items() if not k.startswith("normalization")})
normalized = meta.get("normalization", "none") != "none"
shift = torch.from_numpy(tensors["normalization.shift"].copy()) if normalized else None
scale = torch.from_numpy(tensors["normalization.scale"].copy()) if normalized else None
features = tensors["0.weight"].shape[1]

app = Flask(__name__)


@app.post("/v2/models/<name>/infer")
def infer(name):
    body = request.get_json(force=True)
    tensor = body["inputs"][0]
    x = torch.tensor(np.asarray(tensor["data"], dtype=np.float32).reshape(-1, features))
    if normalized:
        x = (x - shift) * scale
    with torch.inference_mode():
        p = model(x)
    return jsonify({
        "model_name": name, "id": body.get("id"),
        "outputs": [
            {"name": "probabilities", "datatype": "FP32", "shape": list(p.shape), "data": p.flatten().tolist()},
            {"name": "label", "datatype": "INT64", "shape": [p.shape[0]], "data": p.argmax(1).tolist()},
        ]})
