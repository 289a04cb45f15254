"""scikit-learn's balanced class weights for the labels in LossWeightsGoldenTest.balancedWeightsAreScikitLearns.

Run with the Python that has python3-sklearn: /usr/bin/python3 tools/torch-goldens/sklearn_balanced.py
"""
import numpy as np
from sklearn.utils.class_weight import compute_class_weight

y = np.array([0, 0, 0, 1, 2, 2, 0, 1, 0, 2, 0, 0])
print([float(v) for v in compute_class_weight("balanced", classes=np.array([0, 1, 2]), y=y)])
