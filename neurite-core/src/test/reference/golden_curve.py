"""Independent reference for Neurite's golden loss curve (dev.neurite.train.GoldenLossCurveTest): the first
20 minibatch losses of the seed network 784-30tanh-10softmax trained with the second seed's momentum, written
in numpy (float64) from the formulas, not from Neurite's code.

Nothing here depends on a random number generator: the data, the labels and the initial weights are given
by integer formulas that Java computes to the same float32 values, and the batches are taken in data order
(2 epochs of 10 batches of 50). Inputs and weights are rounded to float32 once, as Neurite stores them; the
training itself runs in float64, so the test's tolerance covers Neurite's float32 arithmetic.

Run:  python3 golden_curve.py      (numpy only); the test holds the numbers it prints.
"""
import numpy as np

N, D, H, K, B, EPOCHS = 500, 784, 30, 10, 50, 2
LR, MU, L2 = 0.1, 0.9, 1e-4

def f32(a):
    return np.asarray(a, dtype=np.float64).astype(np.float32).astype(np.float64)

n = np.arange(N)
labels = (3 * n + n // 7) % K
i, j = n[:, None], np.arange(D)[None, :]
# a pseudo-random texture in [0, 0.5) plus 0.5 on every tenth pixel of the label's phase
x = f32(((i * 7919 + j * 104729) % 1000) / 1000.0 * 0.5 + (j % 10 == labels[:, None]) * 0.5)

def table(rows, cols, a, b, mod, shift, scale):
    p, q = np.arange(rows)[:, None], np.arange(cols)[None, :]
    return f32(((p * a + q * b) % mod - shift) / scale)

W1 = table(D, H, 31, 17, 23, 11, 110.0)          # in [-0.1, 0.1]
b1 = f32(((np.arange(H) * 5) % 7 - 3) / 100.0)
W2 = table(H, K, 13, 29, 19, 9, 30.0)            # in [-0.3, 0.3]
b2 = f32(((np.arange(K) * 3) % 5 - 2) / 50.0)
params = [W1, b1, W2, b2]
velocity = [np.zeros_like(p) for p in params]
onehot = np.eye(K)[labels]

losses = []
for epoch in range(EPOCHS):
    for s in range(0, N, B):
        xb, yb = x[s:s + B], onehot[s:s + B]
        W1, b1, W2, b2 = params
        a1 = np.tanh(xb @ W1 + b1)                   # (B,H)
        z2 = a1 @ W2 + b2                            # (B,K) logits
        z2 = z2 - z2.max(axis=1, keepdims=True)
        p = np.exp(z2) / np.exp(z2).sum(axis=1, keepdims=True)
        ce = -np.sum(yb * np.log(p)) / len(xb)
        losses.append(ce + L2 / 2 * (np.sum(W1 ** 2) + np.sum(W2 ** 2)))   # the penalty on weights, not biases
        dz2 = (p - yb) / len(xb)
        dz1 = (dz2 @ W2.T) * (1 - a1 ** 2)
        grads = [xb.T @ dz1 + L2 * W1, dz1.sum(axis=0), a1.T @ dz2 + L2 * W2, dz2.sum(axis=0)]
        for k in range(4):
            velocity[k] = LR * grads[k] + MU * velocity[k]    # u <- lr*g + mu*u;  w <- w - u
            params[k] = params[k] - velocity[k]

print("{" + ", ".join(repr(float(v)) for v in losses) + "}")
