"""Takes the cheapest (query, truth) pairs first, skipping any already used.

expect: the cheapest pairs were taken first
"""

import numpy as np


def match_queries(cost):
    order = np.argsort(cost, axis=None)
    chosen, used = {}, set()
    for flat in order:
        q, g = divmod(int(flat), cost.shape[1])
        if q not in used and g not in chosen:
            used.add(q)
            chosen[g] = q
    return np.array([chosen[g] for g in range(cost.shape[1])])
