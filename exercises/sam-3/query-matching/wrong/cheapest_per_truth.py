"""Each ground truth takes its own cheapest query, so a query can be used twice.

expect: can be used twice
"""

import numpy as np


def match_queries(cost):
    return np.argmin(cost, axis=0)
