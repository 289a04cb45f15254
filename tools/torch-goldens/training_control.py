"""Golden numbers for Neurite's training-control and imbalanced-data tests, computed with PyTorch.

Run: /path/to/venv/bin/python tools/torch-goldens/training_control.py
It prints Java literals; they are pasted into
  neurite-core/src/test/java/dev/neurite/loss/LossWeightsGoldenTest.java
  neurite-core/src/test/java/dev/neurite/optim/ClippingAndStepSchedulesTest.java
The tests do not need PyTorch. Inputs are float32 values (so Java reads them exactly), computed in float64.
"""
import math
import torch
import torch.nn.functional as F

torch.manual_seed(15)


def java(name, t):
    vals = t.detach().reshape(-1).tolist()
    print(f"    static final double[] {name} = {{{', '.join(repr(float(v)) for v in vals)}}};")


def f32(rows):
    return torch.tensor(rows, dtype=torch.float32).double()


# --- weighted and smoothed losses on fixed logits -------------------------------------------------
z = f32([[1.5, -0.25, 0.75], [-1.0, 2.0, 0.5], [0.125, 0.25, -2.5], [3.0, -1.5, 0.0], [0.5, 0.5, 0.5]])
labels = torch.tensor([0, 1, 2, 2, 1])
B, K = z.shape
cw = f32([0.5, 2.0, 1.25])
sw = f32([1.0, 0.5, 2.0, 1.5, 0.25])          # per-example weights
eps = 0.1
print("    // logits Z (5x3), labels, class weights, example weights, epsilon as in the script")

def ce_case(name, fn):
    zz = z.clone().requires_grad_(True)
    loss = fn(zz)
    loss.backward()
    print(f"    static final double {name}_LOSS = {loss.item()!r};")
    java(name + "_GRAD", zz.grad)

# class weights: PyTorch's sum reduction divided by the batch size (Neurite's normaliser)
ce_case("CE_CLASS_WEIGHTS", lambda zz: F.cross_entropy(zz, labels, weight=cw, reduction="sum") / B)
# PyTorch's own weighted mean (divides by the sum of the targets' weights), for the documentation's comparison
print(f"    static final double CE_CLASS_WEIGHTS_TORCH_MEAN = {F.cross_entropy(z, labels, weight=cw).item()!r};")
# label smoothing alone: PyTorch's mean
ce_case("CE_SMOOTHING", lambda zz: F.cross_entropy(zz, labels, label_smoothing=eps))
# example weights: per-example losses (reduction none) times the weights, summed, over B
ce_case("CE_EXAMPLE_WEIGHTS", lambda zz: (F.cross_entropy(zz, labels, reduction="none") * sw).sum() / B)
# all three: each row's smoothed loss times its example weight and its own class's weight (Keras' convention)
ce_case("CE_ALL", lambda zz: (F.cross_entropy(zz, labels, label_smoothing=eps, reduction="none") * sw * cw[labels]).sum() / B)

# sigmoid cross-entropy, one output, binary labels; smoothing y' = (1-eps) y + eps/2
zb = f32([[0.75], [-1.25], [2.5], [-0.5], [0.0]])
yb = f32([[1.0], [0.0], [1.0], [1.0], [0.0]])
cwb = f32([0.75, 3.0])
def bce_case(name, fn):
    zz = zb.clone().requires_grad_(True)
    loss = fn(zz)
    loss.backward()
    print(f"    static final double {name}_LOSS = {loss.item()!r};")
    java(name + "_GRAD", zz.grad)
rowb = sw * cwb[yb.reshape(-1).long()]
bce_case("BCE_ALL", lambda zz: F.binary_cross_entropy_with_logits(zz, yb * (1 - eps) + eps / 2, weight=rowb[:, None]))

# mse and sse on the one-hot targets of `labels`, outputs a = the logits
onehot = F.one_hot(labels, K).double()
row = sw * cw[labels]
def sq_case(name, fn):
    zz = z.clone().requires_grad_(True)
    loss = fn(zz)
    loss.backward()
    print(f"    static final double {name}_LOSS = {loss.item()!r};")
    java(name + "_GRAD", zz.grad)
sq_case("MSE_ALL", lambda zz: (F.mse_loss(zz, onehot, reduction="none") * row[:, None]).mean())
sq_case("SSE_ALL", lambda zz: (F.mse_loss(zz, onehot, reduction="none") * row[:, None]).sum())

# --- gradient clipping ----------------------------------------------------------------------------
g1 = f32([[0.5, -3.0, 1.25], [2.0, 0.0, -0.75]])
g2 = f32([[4.0, -0.125, 0.25]])
for name, fn in [("CLIP_NORM", lambda ps: torch.nn.utils.clip_grad_norm_(ps, max_norm=2.0)),
                 ("CLIP_VALUE", lambda ps: torch.nn.utils.clip_grad_value_(ps, clip_value=1.0)),
                 ("CLIP_BOTH", lambda ps: (torch.nn.utils.clip_grad_value_(ps, clip_value=1.0),
                                           torch.nn.utils.clip_grad_norm_(ps, max_norm=1.5)))]:
    ps = [torch.zeros_like(g1, requires_grad=True), torch.zeros_like(g2, requires_grad=True)]
    ps[0].grad = g1.clone()
    ps[1].grad = g2.clone()
    fn(ps)
    java(name, torch.cat([ps[0].grad.reshape(-1), ps[1].grad.reshape(-1)]))

# --- per-step schedules ----------------------------------------------------------------------------
E, n, base = 3, 7, 0.1
def lrs(make):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=base)
    sched = make(opt)
    out = []
    for _ in range(E * n):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return torch.tensor(out, dtype=torch.float64)
java("ONE_CYCLE", lrs(lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=base, total_steps=E * n,
                                                                    cycle_momentum=False)))
java("COSINE_PER_STEP", lrs(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=E * n, eta_min=0.001)))
W = 5
java("WARMUP_5", lrs(lambda o: torch.optim.lr_scheduler.LinearLR(o, start_factor=1 / W, end_factor=1.0, total_iters=W - 1)))
