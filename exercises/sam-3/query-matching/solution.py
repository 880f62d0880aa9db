from itertools import permutations

import numpy as np


def match_queries(cost):
    """One-to-one matching of G ground truths to Q >= G queries with the smallest total cost."""
    cost = np.asarray(cost, dtype=float)  # (Q, G): cost of query q predicting ground truth g
    n_queries, n_truths = cost.shape
    best, best_total = None, np.inf
    for chosen in permutations(range(n_queries), n_truths):  # chosen[g] = query for truth g
        total = cost[list(chosen), range(n_truths)].sum()
        if total < best_total:
            best, best_total = chosen, total
    return np.array(best, dtype=int)


if __name__ == "__main__":
    # 4 object queries, 2 players in red. Query 1 is the only good box for player B,
    # but it is also a slightly better box than query 0 for player A.
    cost = np.array([[1.0, 4.0],
                     [0.8, 1.2],
                     [3.0, 3.5],
                     [2.5, 5.0]])
    assignment = match_queries(cost)
    print("player A ← query", assignment[0], "  player B ← query", assignment[1])
    print("total cost", cost[assignment, [0, 1]].sum())
    labels = np.zeros(len(cost))
    labels[assignment] = 1.0  # matched queries learn "instance", every other query "no object"
    print("training labels of the 4 queries:", labels)
