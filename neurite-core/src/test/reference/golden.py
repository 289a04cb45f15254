"""Independent reference for Neurite's golden tests: optimizer steps, schedules and losses in numpy
(float64), written from the papers' formulas, not from Neurite's code.

Run:  python3 golden.py      (numpy only). The tests in dev.neurite.optim.OptimizerGoldenTest and
dev.neurite.loss.LossGoldenTest hold the numbers this prints; re-run it when a formula changes.
"""
import numpy as np

np.set_printoptions(precision=10, floatmode="maxprec")
w0 = np.array([0.5, -1.25, 2.0, 0.0, -0.03125])
grads = [np.array([0.1, -0.2, 0.3, -0.4, 0.5]),
         np.array([-0.05, 0.4, 0.1, 0.2, -0.6]),
         np.array([0.3, 0.3, -0.3, 0.0, 0.25]),
         np.array([0.01, -0.02, 0.03, 1.5, -0.8])]

def show(name, w):
    print(name, "{" + ", ".join(repr(float(v)) + "f" for v in w) + "}")

# plain SGD, lr 0.1
w = w0.copy()
for g in grads:
    w = w - 0.1 * g
show("sgd", w)

# the second seed's momentum: u = lr*g + mu*u_prev; w -= u
w, u = w0.copy(), np.zeros(5)
for g in grads:
    u = 0.1 * g + 0.9 * u
    w = w - u
show("momentum", w)

# Nesterov (Sutskever 2013, Bengio 2013 form): u = mu*u + lr*g; w -= mu*u + lr*g
w, u = w0.copy(), np.zeros(5)
for g in grads:
    u = 0.9 * u + 0.1 * g
    w = w - (0.9 * u + 0.1 * g)
show("nesterov", w)

# Adam (Kingma & Ba 2015), lr 0.01
def adam(decay):
    w, m, v = w0.copy(), np.zeros(5), np.zeros(5)
    b1, b2, eps, lr = 0.9, 0.999, 1e-8, 0.01
    for t, g in enumerate(grads, start=1):
        w = w * (1 - lr * decay)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        mhat = m / (1 - b1 ** t)
        vhat = v / (1 - b2 ** t)
        w = w - lr * mhat / (np.sqrt(vhat) + eps)
    return w
show("adam", adam(0.0))
show("adamw", adam(0.1))

# schedules, base 0.1, epochs 0..5
base = 0.1
seed = []
lr = base
for i in range(6):
    lr = lr / (1 + 0.01 * i)   # the second seed's loop: self.learning_rate /= (1 + self.decay_rate*i)
    seed.append(lr)
print("seed-decay", seed)
print("cosine(10, 0.001)", [float(0.001 + (base - 0.001) * (1 + np.cos(np.pi * e / 10)) / 2) for e in range(6)])

# losses on logits z and one-hot targets
z = np.array([[2.0, -1.0, 0.5], [0.1, 0.2, 0.3]])
y = np.array([[0, 0, 1.0], [1.0, 0, 0]])
p = np.exp(z - z.max(1, keepdims=True)); p /= p.sum(1, keepdims=True)
print("softmax", p.ravel().tolist())
print("cross-entropy", float(-(y * np.log(p)).sum() / 2))
print("cross-entropy grad", ((p - y) / 2).ravel().tolist())
s = 1 / (1 + np.exp(-z))
print("bce", float(np.mean(-(y * np.log(s) + (1 - y) * np.log(1 - s)))))
print("bce grad", ((s - y) / z.size).ravel().tolist())
print("mse", float(np.mean((z - y) ** 2)))
print("sse", float(np.sum((z - y) ** 2)))
