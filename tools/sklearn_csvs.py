#!/usr/bin/env python3
"""Copies scikit-learn's bundled iris and wine CSVs into neurite-cli's test resources.

The data rows are copied byte for byte; only scikit-learn's first line (counts and class names, which
is not a header) is replaced by a header naming the columns, so that the files read as they are.
Run from the repository root with python3-sklearn installed:  /usr/bin/python3 tools/sklearn_csvs.py
"""
import os
import sklearn.datasets

SRC = os.path.join(os.path.dirname(sklearn.datasets.__file__), "data")
DST = "neurite-cli/src/test/resources/dev/neurite/cli/sklearn"
HEADERS = {
    "iris.csv": "sepal_length,sepal_width,petal_length,petal_width,species",
    "wine_data.csv": "alcohol,malic_acid,ash,alcalinity_of_ash,magnesium,total_phenols,flavanoids,"
                     "nonflavanoid_phenols,proanthocyanins,color_intensity,hue,od280_od315,proline,class",
}

os.makedirs(DST, exist_ok=True)
for name, header in HEADERS.items():
    with open(os.path.join(SRC, name), newline="") as fh:
        lines = fh.read().splitlines(keepends=True)
    with open(os.path.join(DST, name.replace("_data", "")), "w", newline="") as fh:
        fh.write(header + "\n")
        fh.writelines(lines[1:])
    print(name, len(lines) - 1, "rows")
