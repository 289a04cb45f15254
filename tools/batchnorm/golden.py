#!/usr/bin/env python3
"""Golden numbers for Neurite's BatchNorm layer, from PyTorch's BatchNorm1d (the oracle).

Fixed inputs (no RNG): a (5, 4) batch x, gamma, beta, starting running statistics and an upstream gradient
dOut. Prints, as Java array literals for BatchNormGoldenTest: the training-mode output, the running mean and
variance after that step (momentum 0.1, unbiased variance), the gradients dX, dGamma, dBeta of
L = sum(out * dOut), and the inference-mode output with the updated running statistics.

    /work/venv-onnx/bin/python tools/batchnorm/golden.py
"""
import math

import torch

torch.set_default_dtype(torch.float32)
B, N = 5, 4
x = torch.tensor([[math.sin(3 * i + j + 1) * 2 + j for j in range(N)] for i in range(B)], dtype=torch.float32)
gamma = torch.tensor([1.5, -0.5, 0.75, 2.0])
beta = torch.tensor([0.1, -0.2, 0.3, 0.0])
mean0 = torch.tensor([0.5, -1.0, 0.25, 2.0])
var0 = torch.tensor([2.0, 0.5, 1.0, 3.0])
dout = torch.tensor([[math.cos(2 * i + 3 * j) for j in range(N)] for i in range(B)], dtype=torch.float32)

bn = torch.nn.BatchNorm1d(N, eps=1e-5, momentum=0.1)
with torch.no_grad():
    bn.weight.copy_(gamma)
    bn.bias.copy_(beta)
    bn.running_mean.copy_(mean0)
    bn.running_var.copy_(var0)
bn.train()
xin = x.clone().requires_grad_(True)
out = bn(xin)
(out * dout).sum().backward()
bn.eval()
with torch.no_grad():
    evaluated = bn(x)


def java(name, t):
    flat = t.detach().reshape(-1).tolist()
    print("    static final float[] %s = {%s};" % (name, ", ".join(repr(float(v)) + "f" for v in flat)))


print("    // torch %s, BatchNorm1d(%d, eps=1e-5, momentum=0.1), tools/batchnorm/golden.py" % (torch.__version__, N))
for name, t in [("X", x), ("GAMMA", gamma), ("BETA", beta), ("MEAN0", mean0), ("VAR0", var0), ("DOUT", dout),
                ("TRAIN_OUT", out), ("RUNNING_MEAN", bn.running_mean), ("RUNNING_VAR", bn.running_var),
                ("DX", xin.grad), ("DGAMMA", bn.weight.grad), ("DBETA", bn.bias.grad), ("EVAL_OUT", evaluated)]:
    java(name, t)
