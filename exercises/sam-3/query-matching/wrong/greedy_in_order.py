"""Ground truths pick in turn, each the cheapest query still free.

expect: each ground truth in turn took the cheapest query left
"""

import numpy as np


def match_queries(cost):
    free = list(range(cost.shape[0]))
    chosen = []
    for g in range(cost.shape[1]):
        q = min(free, key=lambda q: cost[q, g])
        free.remove(q)
        chosen.append(q)
    return np.array(chosen)
