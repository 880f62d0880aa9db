"""Checks for sam-3/query-matching.

The best assignment comes from `best_assignment` below: a plain recursive search over the
queries left for each ground truth, written independently of the reference (which loops over
itertools.permutations). The inputs have no ties, so the best assignment is unique. Each known
mistake is computed by its own short function.
"""

import numpy as np

from course.engine import Checks

checks = Checks()


def best_assignment(cost):
    rows = cost.tolist()
    n_queries, n_truths = len(rows), len(rows[0])
    best = [float("inf"), None]

    def search(g, used, total, chosen):
        if total >= best[0]:
            return
        if g == n_truths:
            best[0], best[1] = total, list(chosen)
            return
        for q in range(n_queries):
            if q not in used:
                search(g + 1, used | {q}, total + rows[q][g], chosen + [q])

    search(0, frozenset(), 0.0, [])
    return best[1]


def each_takes_cheapest(cost):
    return [min(range(len(cost)), key=lambda q: cost[q][g]) for g in range(len(cost[0]))]


def greedy_in_order(cost):
    used, chosen = set(), []
    for g in range(len(cost[0])):
        q = min((q for q in range(len(cost)) if q not in used), key=lambda q: cost[q][g])
        used.add(q)
        chosen.append(q)
    return chosen


def greedy_cheapest_pairs(cost):
    pairs = sorted((cost[q][g], q, g) for q in range(len(cost)) for g in range(len(cost[0])))
    used_q, chosen = set(), {}
    for _, q, g in pairs:
        if q not in used_q and g not in chosen:
            used_q.add(q)
            chosen[g] = q
    return [chosen[g] for g in range(len(cost[0]))]


def most_expensive(cost):
    def every(g, used):
        if g == len(cost[0]):
            yield []
            return
        for q in range(len(cost)):
            if q not in used:
                for rest in every(g + 1, used | {q}):
                    yield [q] + rest

    return max(every(0, frozenset()), key=lambda chosen: sum(cost[q][g] for g, q in enumerate(chosen)))


MISTAKES = {
    "every ground truth took its own cheapest query (argmin down each column), so one query "
    "can be used twice; the matching is one-to-one": each_takes_cheapest,
    "greedy: each ground truth in turn took the cheapest query left, which can force a later "
    "one onto a bad query; compare whole assignments by their total cost": greedy_in_order,
    "greedy: the cheapest pairs were taken first; compare whole assignments by their total "
    "cost": greedy_cheapest_pairs,
    "the total cost was maximised; the matching keeps the smallest total": most_expensive,
}


def judge(trial, cost):
    n_queries, n_truths = cost.shape
    got = trial.call(cost)
    if isinstance(got, np.ndarray) and got.shape == (n_queries,) and n_queries != n_truths:
        trial.fail(f"returned {n_queries} numbers, one per query.",
                   likely="one query index per ground truth: assignment[g] is the query "
                          "matched to ground truth g")
    got = trial.expect_shape(got, (n_truths,), "the assignment")
    if got.dtype.kind not in "iu" and not np.all(got == np.round(got)):
        trial.fail("the assignment should hold query indices (whole numbers).", got=got)
    chosen = [int(q) for q in got]
    if any(q < 0 or q >= n_queries for q in chosen):
        trial.fail(f"every entry must be a query index between 0 and {n_queries - 1}.", got=got)
    want = best_assignment(cost)
    if chosen != want:
        rows = cost.tolist()
        total = sum(rows[q][g] for g, q in enumerate(chosen))
        best_total = sum(rows[q][g] for g, q in enumerate(want))
        causes = [text for text, rule in MISTAKES.items() if rule(rows) == chosen]
        trial.fail("this is not the cheapest one-to-one assignment.",
                   expected=np.array(want), got=np.array(chosen),
                   details=[f"total cost: expected {best_total:.4g}, got {total:.4g}"]
                   + (["query used twice: " + ", ".join(
                       str(q) for q in sorted(set(chosen)) if chosen.count(q) > 1)]
                      if len(set(chosen)) < len(chosen) else []),
                   likely="; or ".join(causes) if causes else None)


@checks("3 queries, 2 ground truths, each with its own clearly best query")
def _(trial):
    judge(trial, np.array([[0.2, 3.0], [2.5, 0.4], [3.1, 2.9]]))


@checks("the lesson's players: player A's cheapest query is the only good one for player B")
def _(trial):
    judge(trial, np.array([[1.0, 4.0], [0.8, 1.2], [3.0, 3.5], [2.5, 5.0]]))


@checks("query 2 is every ground truth's favourite: only the total decides who gets it")
def _(trial):
    judge(trial, np.array([[3.8, 0.5, 2.2], [2.0, 1.1, 4.7], [0.6, 0.1, 1.7], [5.0, 1.4, 4.2]]))


@checks("5 queries, 3 ground truths, random costs")
def _(trial):
    rng = np.random.default_rng(13)
    judge(trial, rng.uniform(0.0, 5.0, size=(5, 3)))


@checks("7 queries, 4 ground truths, random costs")
def _(trial):
    rng = np.random.default_rng(21)
    judge(trial, rng.uniform(0.0, 5.0, size=(7, 4)))
