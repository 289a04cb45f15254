"""Load a Neurite model file with nothing but numpy (and optionally PyTorch) and predict with it.

    python3 docs/load_neurite.py MODEL.neurite [IDX_IMAGES]

Reads the safetensors layout by hand (8-byte little-endian header length, JSON header, raw float32
tensors), rebuilds the network from __metadata__["architecture"], applies the saved normalisation and
prints the predicted classes of the first 10 images of an IDX file (MNIST's t10k-images by default).
With PyTorch installed it builds the same nn.Sequential and checks that both agree.
"""
import hashlib, json, re, struct, sys
import numpy as np


def load(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    data = raw[8 + n:]
    claimed = header["__metadata__"].pop("header_sha256", None)   # format version 2: the header's own checksum
    canonical = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    if claimed is not None and hashlib.sha256(canonical).hexdigest() != claimed:
        sys.exit(f"{path}: the header is corrupted (header_sha256 differs)")
    if hashlib.sha256(data).hexdigest() != header["__metadata__"]["tensors_sha256"]:
        sys.exit(f"{path}: the tensors are corrupted (tensors_sha256 differs)")
    meta = header.pop("__metadata__")
    tensors = {name: np.frombuffer(data[s:e], dtype="<f4").reshape(h["shape"])
               for name, h in header.items() for s, e in [h["data_offsets"]]}
    return meta, tensors


def layers(meta):
    """[(kind, arg)] in nn.Sequential order: ('dense', units), ('act', name), ('dropout', rate)."""
    out = []
    for token in meta["architecture"].split("-")[1:]:
        if token.startswith("d"):
            out.append(("dropout", float(token[1:])))
            continue
        units, act, slope = re.fullmatch(r"(\d+)([a-z]*)([0-9.]*)", token).groups()
        out.append(("dense", int(units)))
        if act not in ("", "linear", "identity"):
            out.append(("act", act + slope))
    return out


def predict_numpy(meta, t, x):
    if meta.get("normalization", "none") != "none":
        x = (x - t["normalization.shift"]) * t["normalization.scale"]
    for i, (kind, arg) in enumerate(layers(meta)):
        if kind == "dense":
            x = x @ t[f"{i}.weight"].T + t.get(f"{i}.bias", 0)
        elif kind == "act":
            if arg == "relu": x = np.maximum(x, 0)
            elif arg == "tanh": x = np.tanh(x)
            elif arg == "sigmoid": x = 1 / (1 + np.exp(-x))
            elif arg.startswith("lrelu"): x = np.where(x > 0, x, float(arg[5:] or 0.01) * x)
            elif arg == "softmax":
                e = np.exp(x - x.max(1, keepdims=True)); x = e / e.sum(1, keepdims=True)
    return x


def predict_torch(meta, t, x):
    import torch, torch.nn as nn
    mods = []
    for i, (kind, arg) in enumerate(layers(meta)):
        if kind == "dropout": mods.append(nn.Dropout(arg))
        elif kind == "act":
            mods.append({"relu": nn.ReLU(), "tanh": nn.Tanh(), "sigmoid": nn.Sigmoid(), "softmax": nn.Softmax(1)}.get(
                arg, nn.LeakyReLU(float(arg[5:] or 0.01)) if arg.startswith("lrelu") else None))
        else:
            w = t[f"{i}.weight"]
            lin = nn.Linear(w.shape[1], w.shape[0], bias=f"{i}.bias" in t)
            mods.append(lin)
    model = nn.Sequential(*mods).eval()
    model.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in t.items() if not k.startswith("normalization")})
    if meta.get("normalization", "none") != "none":
        x = (x - t["normalization.shift"]) * t["normalization.scale"]
    with torch.no_grad():
        return model(torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32))).numpy()


if __name__ == "__main__":
    meta, t = load(sys.argv[1])
    images = sys.argv[2] if len(sys.argv) > 2 else None
    if images:
        with open(images, "rb") as f:
            magic, count = struct.unpack(">II", f.read(8)); rank = magic & 0xFF
            dims = struct.unpack(">" + "I" * (rank - 1), f.read(4 * (rank - 1)))
            x = np.frombuffer(f.read(), np.uint8).reshape(count, -1)[:10].astype(np.float32) / 255
    else:
        x = np.random.default_rng(0).random((10, t["0.weight"].shape[1] if "0.weight" in t else 784), dtype=np.float32)
    p = predict_numpy(meta, t, x)
    print("numpy classes:  ", p.argmax(1).tolist())
    try:
        q = predict_torch(meta, t, x)
        print("pytorch classes:", q.argmax(1).tolist(), " max |difference|", float(np.abs(p - q).max()))
    except ImportError:
        pass
