"""Uses the gradient of the summed squared error with the step size meant for the mean.

expect: not divided by N
"""

import numpy as np


def fit_by_gradient_descent(features, y, steps):
    n = len(y)
    step = n / np.linalg.norm(features, 2) ** 2
    w = np.zeros(features.shape[1])
    for _ in range(steps):
        w = w - step * features.T @ (features @ w - y)
    return features @ w
