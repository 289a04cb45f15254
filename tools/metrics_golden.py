#!/usr/bin/env python3
"""Golden classification metrics from scikit-learn, for neurite-core's ClassMetricsTest.

Writes neurite-core/src/test/resources/dev/neurite/metrics/sklearn-metrics.txt: for each case the true
classes, the predicted classes (arg-max, first maximum; for one sigma column p >= 0.5), the probabilities
as float32 (what a Neurite model outputs), and scikit-learn's value of every figure on the same numbers.
Run from the repository root with python3-sklearn (apt-get install -y python3-sklearn):
    /usr/bin/python3 tools/metrics_golden.py
"""
import os
import numpy as np
import sklearn
from sklearn import metrics as M
from sklearn.preprocessing import label_binarize

OUT = "neurite-core/src/test/resources/dev/neurite/metrics/sklearn-metrics.txt"


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def cases():
    rng = np.random.default_rng(15)
    # 1. three classes, random probabilities, no ties
    y = rng.integers(0, 3, 40)
    p = softmax(rng.normal(size=(40, 3)) + 1.5 * np.eye(3)[y])
    yield "random3", 3, y, p
    # 2. four classes, probabilities on a coarse grid: ties within rows and across examples
    y = np.repeat(np.arange(4), 8)
    rng.shuffle(y)
    raw = rng.integers(0, 4, size=(32, 4)).astype(float) + 2.0 * np.eye(4)[y] * rng.integers(0, 2, (32, 1))
    raw[raw.sum(axis=1) == 0] = 1.0
    yield "ties4", 4, y, raw / raw.sum(axis=1, keepdims=True)
    # 3. a class never predicted: class 2's probability never the largest
    y = rng.integers(0, 3, 30)
    z = rng.normal(size=(30, 3)) + 2.0 * np.eye(3)[y]
    z[:, 2] = np.minimum(z[:, 2], np.max(z[:, :2], axis=1) - 0.05)
    yield "never-predicted", 3, y, softmax(z)
    # 4. binary, one sigma column, scores on a grid of tenths (ties, and some exactly 0.5)
    y = rng.integers(0, 2, 40)
    s = np.clip(np.round(0.5 + 0.35 * (2 * y - 1) + rng.normal(scale=0.3, size=40), 1), 0.0, 1.0)
    yield "binary-sigmoid", 2, y, s.reshape(-1, 1)
    # 5. binary, two softmax columns
    y = rng.integers(0, 2, 25)
    yield "binary-softmax", 2, y, softmax(rng.normal(size=(25, 2)) + np.eye(2)[y])
    # 6. six classes (top-5 is defined), one absent from the truth: its ROC AUC is undefined
    y = rng.choice([0, 1, 2, 3, 5], 50)
    yield "absent-class6", 6, y, softmax(rng.normal(size=(50, 6)) + 1.0 * np.eye(6)[y])


def predicted(p):
    if p.shape[1] == 1:
        return (p[:, 0] >= 0.5).astype(int)
    return np.argmax(p, axis=1)


def figures(k, y, yp, p):
    full = np.hstack([1 - p, p]) if p.shape[1] == 1 else p
    f = {"accuracy": M.accuracy_score(y, yp)}
    for avg in ("macro", "weighted"):
        f["precision_" + avg] = M.precision_score(y, yp, average=avg, zero_division=0)
        f["recall_" + avg] = M.recall_score(y, yp, average=avg, zero_division=0)
        f["f1_" + avg] = M.f1_score(y, yp, average=avg, zero_division=0)
    f["log_loss"] = M.log_loss(y, full, labels=list(range(k)))
    for top in (2, 5):
        if k > top:
            f["top_%d_accuracy" % top] = M.top_k_accuracy_score(y, full, k=top, labels=list(range(k)))
    present = set(y.tolist())
    if k == 2:
        f["roc_auc"] = M.roc_auc_score(y, full[:, 1])
        f["average_precision"] = M.average_precision_score(y, full[:, 1])
    elif present == set(range(k)):
        f["roc_auc_ovr"] = M.roc_auc_score(y, full, multi_class="ovr", average="macro", labels=list(range(k)))
        f["average_precision"] = M.average_precision_score(label_binarize(y, classes=list(range(k))), full, average="macro")
    else:
        f["roc_auc_ovr"] = float("nan")        # scikit-learn refuses: a class without examples has no ROC curve
        f["average_precision"] = float("nan")
    return f


def main():
    lines = ["# scikit-learn %s, numpy %s: /usr/bin/python3 tools/metrics_golden.py" % (sklearn.__version__, np.__version__)]
    for name, k, y, p in cases():
        p = p.astype(np.float32).astype(np.float64)    # the numbers a float model gives, exactly
        yp = predicted(p)
        lines.append("case %s %d %d" % (name, k, p.shape[1]))
        lines.append("truth " + " ".join(map(str, y.tolist())))
        lines.append("predicted " + " ".join(map(str, yp.tolist())))
        for row in p:
            lines.append("p " + " ".join(str(np.float32(v)) for v in row))
        for key, v in figures(k, y, yp, p).items():
            lines.append("expect %s %r" % (key, float(v)))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
