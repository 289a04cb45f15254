#!/usr/bin/python3
"""Golden numbers for Neurite's tabular preprocessing, computed with scikit-learn (Debian's python3-sklearn).

Reads neurite-core/src/test/resources/dev/neurite/data/tabular/{train,test}.csv (features age, colour,
income, city; targets height, weight), fits on the training file only:
  - SimpleImputer(strategy, add_indicator=True) on each numeric column (mean, median, most_frequent),
  - SimpleImputer(most_frequent) then OneHotEncoder(handle_unknown="ignore") on each text column,
  - StandardScaler on the two targets,
and prints the fill values, the categories, the encoded test matrix (Neurite's layout: each column's
inputs in file order, then the missing indicators of the columns that had missing training values) and
the targets' mean and scale, as Java literals for TabularGoldenTest.

Run: /usr/bin/python3 tools/tabular_goldens.py
"""
import csv
import pathlib
import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import OneHotEncoder, StandardScaler

HERE = pathlib.Path(__file__).resolve().parent.parent / "neurite-core/src/test/resources/dev/neurite/data/tabular"
MISSING = {"", "NA", "NaN"}
features = ["age", "colour", "income", "city"]
numeric, text = ["age", "income"], ["colour", "city"]
targets = ["height", "weight"]


class Table:
    """A CSV file as columns: numbers (NaN where missing) or objects (np.nan where missing), by name."""

    def __init__(self, path):
        with open(path, newline="") as f:
            rows = list(csv.reader(f))
        self.header, self.rows = rows[0], rows[1:]

    def __getitem__(self, names):
        cols = []
        for name in names:
            j = self.header.index(name)
            cells = [r[j] for r in self.rows]
            if name in text:
                cols.append(np.array([np.nan if c in MISSING else c for c in cells], dtype=object))
            else:
                cols.append(np.array([np.nan if c in MISSING else float(c) for c in cells]))
        return np.column_stack(cols) if names[0] not in text else np.array(cols, dtype=object).T

    def to_numpy(self):
        return self


train = Table(HERE / "train.csv")
test = Table(HERE / "test.csv")


def java(a):
    return "{" + ", ".join(repr(float(v)) for v in np.ravel(a)) + "}"


for strategy in ["mean", "median", "most_frequent"]:
    blocks, indicators, fills = [], [], []
    for col in features:
        if col in numeric:
            imp = SimpleImputer(strategy=strategy, add_indicator=True).fit(train[[col]])
            out = imp.transform(test[[col]])
            fills.append(imp.statistics_[0])
            blocks.append(out[:, :1])
            if out.shape[1] > 1:
                indicators.append(out[:, 1:])
        else:
            imp = SimpleImputer(strategy="most_frequent", add_indicator=True).fit(train[[col]])
            filled = SimpleImputer(strategy="most_frequent").fit(train[[col]])
            enc = OneHotEncoder(handle_unknown="ignore").fit(filled.transform(train[[col]]))
            out = imp.transform(test[[col]])
            blocks.append(enc.transform(out[:, :1]).toarray())
            if out.shape[1] > 1:
                indicators.append(out[:, 1:].astype(float))
            if strategy == "mean":
                print(f"// {col}: categories {list(enc.categories_[0])}, fill {imp.statistics_[0]!r}")
    x = np.hstack(blocks + indicators)
    print(f"// {strategy}: numeric fills (age, income)")
    print(f"static final double[] FILLS_{strategy.upper()} = {java(fills)};")
    if strategy == "mean":
        print(f"static final int WIDTH = {x.shape[1]};")
    print(f"static final double[] TEST_{strategy.upper()} = {java(x)};")

scaler = StandardScaler().fit(train[targets])
print(f"static final double[] TARGET_MEAN = {java(scaler.mean_)};")
print(f"static final double[] TARGET_SCALE = {java(scaler.scale_)};")
print(f"static final double[] TRAIN_TARGETS_STANDARDISED = {java(scaler.transform(train[targets]))};")

# Per-target regression figures: predictions ŷ = (x, −x) of x = 1..4 against the targets below
# (RegressionMetricsTest's case), with multioutput="raw_values".
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
x = np.array([1.0, 2.0, 3.0, 4.0])
pred = np.column_stack([x, -x])
y = np.array([[1, 0], [2, -3], [3, -2], [4, -5]], dtype=float) + np.array([[0.5, 0], [0, 0], [-0.25, 0], [0, 0]])
print(f"static final double[] RMSE_PER_TARGET = {java(np.sqrt(mean_squared_error(y, pred, multioutput='raw_values')))};")
print(f"static final double[] MAE_PER_TARGET = {java(mean_absolute_error(y, pred, multioutput='raw_values'))};")
print(f"static final double[] R2_PER_TARGET = {java(r2_score(y, pred, multioutput='raw_values'))};")
