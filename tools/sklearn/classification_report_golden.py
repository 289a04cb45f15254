"""Golden numbers for ClassTableTest: scikit-learn's classification_report on fixed predictions.

Run with python3-sklearn (apt-get install -y python3-sklearn):
    /usr/bin/python3 tools/sklearn/classification_report_golden.py   (the system Python, where the package is)
and paste its output into neurite-cli/src/test/java/dev/neurite/cli/ClassTableTest.java.

The predictions come from a small linear congruential generator so that they are the same anywhere:
60 examples of 5 classes, where class 3 is never predicted (its precision is 0/0) and class 4 never
occurs (its recall is 0/0); scikit-learn's zero_division=0 makes both 0, as Neurite does.
"""
import sklearn
from sklearn.metrics import classification_report, confusion_matrix

state = 12345


def rand(n):
    global state
    state = (1103515245 * state + 12345) % 2**31
    return (state >> 16) % n


y_true, y_pred = [], []
for i in range(60):
    t = rand(4)                       # classes 0..3 occur
    r = rand(10)
    if r < 6:
        p = t                         # right 60% of the time
    else:
        p = rand(5)
    if p == 3:
        p = 4 if t != 0 else 0        # class 3 is never predicted; 4 is predicted but never true
    y_true.append(t)
    y_pred.append(p)

labels = list(range(5))
report = classification_report(y_true, y_pred, labels=labels, output_dict=True, zero_division=0)
print("// scikit-learn", sklearn.__version__)
print("int[] yTrue = {" + ", ".join(map(str, y_true)) + "};")
print("int[] yPred = {" + ", ".join(map(str, y_pred)) + "};")
print("// confusion_matrix:", confusion_matrix(y_true, y_pred, labels=labels).tolist())
for c in labels:
    d = report[str(c)]
    print("{%r, %r, %r, %d}," % (d["precision"], d["recall"], d["f1-score"], d["support"]))
print("accuracy %r" % report["accuracy"])
for avg in ("macro avg", "weighted avg"):
    d = report[avg]
    print("%s {%r, %r, %r, %d}" % (avg, d["precision"], d["recall"], d["f1-score"], d["support"]))
