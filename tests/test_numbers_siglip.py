"""Every number in docs/siglip-2.md, recomputed from the exercises' reference solutions.

Each assertion formats a value computed here into the sentence the lesson uses and demands that
sentence in the Markdown: editing the prose or the code so that they disagree fails a test.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from helpers import assert_claim, lesson, solution

SLUG = "siglip-2"
NAMES = ["dog", "cat", "fox", "pizza"]


def claim(template: str, *values, fmt: str = ".4f") -> None:
    assert_claim(SLUG, template, *values, fmt=fmt)


def clip_loss(*args):
    return solution("siglip-2/softmax-loss").clip_loss(*args)


def siglip_loss(*args):
    return solution("siglip-2/sigmoid-loss").siglip_loss(*args)


def pair_probabilities(*args):
    return solution("siglip-2/batch-size").pair_probabilities(*args)


def soft_cross_entropy(*args):
    return solution("siglip-2/soft-targets").soft_cross_entropy(*args)


def zero_shot(*args):
    return solution("siglip-2/zero-shot").zero_shot(*args)


def softmax_prob(logits, index):
    """Softmax probability of one entry, via the reference cross-entropy with a one-hot target."""
    logits = np.asarray(logits, dtype=float)[None, :]
    target = np.eye(logits.shape[1])[[index]]
    return math.exp(-soft_cross_entropy(logits, target))


def sigmoid(z):
    return pair_probabilities(z, 0.0, 2)[1]


@pytest.fixture(scope="module")
def sims():
    """The lesson's similarity table, read from the Markdown itself."""
    rows = {}
    for line in lesson(SLUG).splitlines():
        m = re.match(r"\| \*\*(dog|cat|fox|pizza)\*\* \|(.*)\|\s*$", line)
        if m:
            cells = [c.strip().strip("*").replace("−", "-") for c in m.group(2).split("|")]
            rows[m.group(1)] = [float(c) for c in cells]
    assert list(rows) == NAMES, "the similarity table (dog, cat, fox, pizza) is missing"
    return np.array([rows[n] for n in NAMES])


def as_batch(s):
    """Arguments that make the reference losses see exactly the similarity matrix s."""
    return np.eye(len(s)), np.asarray(s).T


def test_the_table_is_the_one_the_numbers_use(sims):
    assert sims.shape == (4, 4)
    assert np.all(np.argmax(sims, axis=1) == np.arange(4)), "matches should be on the diagonal"


def test_softmax_denominator_walk(sims):
    row = 10 * sims[0]
    claim("row of logits is $[{}, {}, {}, {}]$", *[int(v) for v in row], fmt="d")
    exps = [math.exp(v) for v in row]
    claim("$e^{{8}} = {}$, $e^{{3}} = {}$, $e^{{1}} = {}$, $e^{{-2}} = {}$", *exps, fmt=".3f")
    claim("$2980.958 + 20.086 + 2.718 + 0.135 = {}$", sum(exps), fmt=".3f")
    p = softmax_prob(row, 0)
    assert p == pytest.approx(exps[0] / sum(exps))
    claim('"a photo of a dog" is $2980.958 / 3003.897 = {}$', p)
    claim("the loss of this row is $-\\log 0.9924 = {}$", -math.log(p))
    claim("the four columns, this batch's CLIP loss is **{}**", clip_loss(*as_batch(sims), 10.0))


def test_temperature_knob(sims):
    ps = [softmax_prob(t * sims[0], 0) for t in (1, 10, 100)]
    claim("{} at $t = 1$, {} at $t = 10$ and {} (to four decimals) at $t = 100$", *ps)
    claim("from a flat softmax ({} at\n  $t = 1$) to an almost one-hot one ({} at $t = 10$)", *ps[:2])


def test_coupling_one_change_moves_row_and_column(sims):
    changed = sims.copy()
    changed[0, 1] = 0.6
    claim("(0.3 becomes 0.6; perhaps a fluffy puppy)", fmt="")
    claim("The dog's row becomes $[{}, {}, {}, {}]$", *[int(round(v)) for v in 10 * changed[0]],
          fmt="d")
    claim("the dog's\ncorrect probability falls from {} to {}",
          softmax_prob(10 * sims[0], 0), softmax_prob(10 * changed[0], 0))
    claim("falls from {} to {}, because", softmax_prob(10 * sims[:, 1], 1),
          softmax_prob(10 * changed[:, 1], 1))
    claim("The batch loss rises from {} to {}.", clip_loss(*as_batch(sims), 10.0),
          clip_loss(*as_batch(changed), 10.0))


def test_siglip_initialisation():
    # t' = log 10 gives t = 10; a negative pair with similarity 0 at b = -10 has logit -10.
    assert math.exp(math.log(10)) == pytest.approx(10)
    claim("has logit $-10$, and as a negative it costs only {}", -math.log(1 - sigmoid(-10.0)),
          fmt=".7f")


def test_sigmoid_cells_traced(sims):
    t, b = 10.0, -5.0
    cells = [(0, 0, "dog photo, \"dog\""), (0, 1, "dog photo, \"cat\""),
             (2, 1, "fox photo, \"cat\""), (2, 2, "fox photo, \"fox\"")]
    for i, j, name in cells:
        s = sims[i, j]
        z = t * s + b
        label = 1 if i == j else -1
        p = sigmoid(z)
        loss = siglip_loss(np.array([[1.0]]), np.array([[s]]), t, b) if i == j \
            else -math.log(1 - p)
        sim_text = f"{s:.1f}"
        logit_text = f"{z:.0f}".replace("-", "−")
        sign = "+1" if label == 1 else "−1"
        if i == j:
            formula = f"$-\\log {p:.4f} = {loss:.4f}$"
        elif abs(z) < 1e-12:
            formula = f"$\\log 2 = {loss:.4f}$"
        else:
            formula = f"$-\\log(1 - {p:.4f}) = {loss:.4f}$"
        claim("| {} | {} | {} | {} | {} | {} |", name, sim_text, logit_text, sign, f"{p:.4f}",
              formula, fmt="")
    claim("dividing by $N = 4$ gives a SigLIP loss of **{}**", siglip_loss(*as_batch(sims), t, b))
    changed = sims.copy()
    changed[0, 1] = 0.6
    z = t * 0.6 + b
    claim("Its logit becomes {}, its probability\n{}, its loss {}", f"{z:.0f}", f"{sigmoid(z):.4f}",
          f"{-math.log(1 - sigmoid(z)):.4f}", fmt="")
    claim("**the other 15 cells do not move at all**. The batch loss becomes\n{}",
          siglip_loss(*as_batch(changed), t, b))
    # The increase is exactly that one cell's change, divided by N.
    before, after = siglip_loss(*as_batch(sims), t, b), siglip_loss(*as_batch(changed), t, b)
    cell_before = -math.log(1 - sigmoid(t * 0.3 + b))
    cell_after = -math.log(1 - sigmoid(z))
    assert after - before == pytest.approx((cell_after - cell_before) / 4)
    assert 16 - 1 == 15


def test_loss_term_counts():
    for n, two_n, n2 in ((4, "8", "16"), (32768, "65,536", "1,073,741,824")):
        assert f"{2 * n:,}" == two_n and f"{n * n:,}" == n2
    claim("At $N = 4$: {} terms; at $N = 32{{,}}768$: {} terms.", f"{2 * 4}", f"{2 * 32768:,}",
          fmt="")
    claim("At $N = 4$: {} terms; at\n    $N = 32{{,}}768$: {} terms", f"{4 * 4}", f"{32768 ** 2:,}",
          fmt="")


def test_code_tabs_compute_the_reference_losses():
    """The two side-by-side snippets run and equal the reference solutions."""
    text = lesson(SLUG)
    helpers = re.search(r"```python\n(import numpy as np\n\ndef log_softmax.*?)```", text, re.S)
    assert helpers, "the shared helpers block (log_softmax, log_sigmoid) is missing"
    tabs = re.findall(r'=== "(CLIP \(softmax\)|SigLIP \(sigmoid\))"\n\n    ```python\n(.*?)    ```',
                      text, re.S)
    assert [name for name, _ in tabs] == ["CLIP (softmax)", "SigLIP (sigmoid)"]
    bodies = [re.sub(r"^    ", "", body, flags=re.M) for _, body in tabs]
    differing = [a for a, b in zip(bodies[0].splitlines(), bodies[1].splitlines(), strict=True)
                 if a.split("#")[0] != b.split("#")[0]]
    assert len(differing) == 1, f"the two losses should differ in exactly one line: {differing}"
    rng = np.random.default_rng(0)
    img = rng.normal(size=(5, 3))
    txt = rng.normal(size=(5, 3))
    img /= np.linalg.norm(img, axis=1, keepdims=True)
    txt /= np.linalg.norm(txt, axis=1, keepdims=True)
    clip_ns: dict = {}
    exec(helpers.group(1) + bodies[0], clip_ns)  # noqa: S102 - the lesson's own code
    sig_ns: dict = {}
    exec(helpers.group(1) + bodies[1], sig_ns)  # noqa: S102
    assert clip_ns["contrastive_loss"](img, txt, 7.0) == pytest.approx(clip_loss(img, txt, 7.0))
    assert sig_ns["contrastive_loss"](img, txt, 7.0, -3.0) == pytest.approx(
        siglip_loss(img, txt, 7.0, -3.0))


def test_bucket_shares_at_two_batch_sizes():
    claim("each item's share is simply $1/B$: {} at a batch of 4, {} at a batch of\n32,768",
          f"{pair_probabilities(0.0, 0.0, 4)[0]:.2f}",
          f"{pair_probabilities(0.0, 0.0, 32768)[0]:.7f}", fmt="")
    small, large = pair_probabilities(5.0, -5.0, np.array([4, 32768]))
    p4, p32k = small
    claim("Softmax: the positive gets **{}** (loss {}); each of the 3 negatives gets\n    {}.",
          f"{p4:.4f}", f"{-math.log(p4):.6f}", f"{(1 - p4) / 3:.7f}", fmt="")
    claim("Softmax: the positive gets only **{}** (loss {}); each of the 32,767 negatives gets\n"
          "    {}, but", f"{p32k:.4f}", f"{-math.log(p32k):.4f}", f"{(1 - p32k) / 32767:.7f}", fmt="")
    claim("Sigmoid: the positive reads {}; each negative reads {}.", f"{large[0]:.4f}",
          f"{sigmoid(-5.0):.4f}", fmt="")
    claim("Sigmoid: the positive still reads {}; each negative still reads {}.", f"{large[1]:.4f}",
          f"{sigmoid(-5.0):.4f}", fmt="")
    claim("its probability fell from {} to {}", p4, p32k)
    ratio = math.log(p32k) / math.log(p4)
    assert 6000 < ratio < 7000
    claim("its loss grew more than {} thousand-fold", "six", fmt="")
    for b, text in ((4, "5.69"), (32768, "14.99")):
        needed = math.log(99 * (b - 1))
        assert f"{needed:.2f}" == text
        assert pair_probabilities(needed - 5.0, -5.0, b)[0] == pytest.approx(0.99)
    claim("it needs a margin of {} at a batch of 4 but {} at a batch of 32,768",
          math.log(99 * 3), math.log(99 * 32767), fmt=".2f")
    claim("the positive gets 0.9999 of the bucket at a batch of 4 but\n        {} at 32,768", p32k)
    claim("(0.9999\n  at 4, {} at 32,768 in our example)", p32k)


def test_soft_targets():
    hard = np.array([[0.0, 0.0, 1.0, 0.0]])
    soft = np.array([[0.05, 0.10, 0.70, 0.15]])
    claim("The hard label says $[0, 0, 1, 0]$", fmt="")
    claim("A good teacher says something like\n$[0.05, 0.10, 0.70, 0.15]$", fmt="")
    a = np.array([[0.0, 0.0, 5.0, 0.0]])
    b = np.log(soft)
    pa = [softmax_prob(a[0], k) for k in range(4)]
    claim("| A: overconfident, logits $[0, 0, 5, 0]$ | {}, {}, {}, {} | {} | {} |",
          *pa, soft_cross_entropy(a, hard), soft_cross_entropy(a, soft))
    pb = [softmax_prob(b[0], k) for k in range(4)]
    assert [f"{v:.2f}" for v in pb] == ["0.05", "0.10", "0.70", "0.15"]
    claim("| B: matches the teacher | 0.05, 0.10, 0.70, 0.15 | {} | {} |",
          soft_cross_entropy(b, hard), soft_cross_entropy(b, soft))
    claim("The hard target prefers A ({} < {}); the soft target prefers B ({} < {})",
          soft_cross_entropy(a, hard), soft_cross_entropy(b, hard),
          soft_cross_entropy(b, soft), soft_cross_entropy(a, soft))
    entropy = -float(np.sum(soft * np.log(soft)))
    assert soft_cross_entropy(b, soft) == pytest.approx(entropy)
    claim("B's {} is the\nlowest any student can reach", entropy)


def test_multi_resolution_sequence_lengths():
    for side, tokens in ((256, 256), (384, 576), (512, 1024)):
        assert (side // 16) ** 2 == tokens
    claim("{} × {}\npixels give {} patches, {} × {} give {}, {} × {} give {}", 256, 256, 256, 384,
          384, 576, 512, 512, 1024, fmt="d")


def test_zero_shot_example():
    s = np.array([0.2, 0.55, 0.8, 0.6])
    probs, labels = zero_shot(np.array([[1.0]]), s[:, None], 10.0, -5.0)
    claim("$[{}, {}, {}, {}]$ with the prompts", *[f"{v:g}" for v in s], fmt="")
    claim("\\sigma(10 \\cdot [0.2, 0.55, 0.8, 0.6] - 5) = [{}, {}, {}, {}].", *probs[0])
    assert labels[0] == 2  # golden retriever
    claim("The predicted class is the largest, {}.", "golden retriever", fmt="")
    claim("The four numbers sum to {}, not 1", float(probs.sum()))
    claim("probabilities that sum to {} over four class prompts", float(probs.sum()), fmt=".2f")
    claim("would give the beach only {}", softmax_prob(10 * s - 5, 3))


def test_smallest_sigmoid_batch_traced():
    """The sigmoid-loss exercise's first check: two orthogonal pairs, t = 1, b = 0."""
    eye = np.eye(2)
    positive = siglip_loss(np.array([[1.0]]), np.array([[1.0]]), 1.0, 0.0)  # one pair, logit 1
    negative = -math.log(1 - sigmoid(0.0))
    total = siglip_loss(eye, eye, 1.0, 0.0)
    assert total == pytest.approx((2 * positive + 2 * negative) / 2)
    claim("each positive costs $\\log(1 + e^{{-1}}) = {}$, each negative\n$\\log 2 = {}$",
          positive, negative)
    claim("so the loss is $(2 \\cdot {} + 2 \\cdot {}) / 2 = {}$", positive, negative, total)
