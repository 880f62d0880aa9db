import numpy as np


def match_queries(cost):
    """Give each ground-truth instance its own object query (DETR-style).

    cost: (Q, G) with Q >= G; cost[q, g] says how badly query q's
    prediction (box, mask, score) fits ground-truth instance g.
    Every ground truth gets exactly one query and no query is used
    twice; among all such assignments, return the one with the smallest
    total cost, as an int array `assignment` of shape (G,):
    assignment[g] is the query matched to ground truth g.
    Q and G are small here (at most 7 queries): trying them all is fine.
    """
    raise NotImplementedError("try the one-to-one assignments, keep the cheapest")


if __name__ == "__main__":  # runs on Run, not on Check
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
