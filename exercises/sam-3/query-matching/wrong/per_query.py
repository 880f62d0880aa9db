"""Returns, for each query, its cheapest ground truth.

expect: one query index per ground truth
"""

import numpy as np


def match_queries(cost):
    return np.argmin(cost, axis=1)
