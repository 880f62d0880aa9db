"""Every number in docs/siglip-2.md, recomputed from the exercises' reference solutions or from
an independent formula, and the page's figures checked against its own text.

Each assertion formats a value computed here into the sentence the lesson uses and demands that
sentence in the Markdown: editing the prose or the code so that they disagree fails a test.
Inputs the page states (the similarity table, the changed similarity, the teacher's soft target,
the class prompts) are read from the page itself, so the numbers follow them.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from helpers import assert_claim, lesson, solution

from course import exercises

SLUG = "siglip-2"
NAMES = ["dog", "cat", "fox", "pizza"]
BATCH = 32768  # SigLIP's (and SigLIP 2's) batch size, the one the lesson traces
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
         9: "nine", 30: "thirty", 40: "forty"}


def claim(template: str, *values, fmt: str = ".4f") -> None:
    assert_claim(SLUG, template, *values, fmt=fmt)


def page() -> str:
    return lesson(SLUG)


def ref(exercise: str, name: str):
    return getattr(solution(f"siglip-2/{exercise}"), name)


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def softplus(z: float) -> float:
    """−log σ(−z) = log(1 + e^z)."""
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def softmax_prob(logits, index: int) -> float:
    top = max(logits)
    e = [math.exp(v - top) for v in logits]
    return e[index] / sum(e)


def tex_thousands(x: float, fmt: str) -> str:
    """1,234.5 written in TeX: 1{,}234.5."""
    return format(x, fmt).replace(",", "{,}")


def number(text: str) -> float:
    return float(text.replace("−", "-"))


@pytest.fixture(scope="module")
def sims():
    """The lesson's similarity table, read from the Markdown itself."""
    rows = {}
    for line in page().splitlines():
        m = re.match(r"\| \*\*(dog|cat|fox|pizza)\*\* \|(.*)\|\s*$", line)
        if m:
            rows[m.group(1)] = [number(c.strip().strip("*")) for c in m.group(2).split("|")]
    assert list(rows) == NAMES, "the similarity table (dog, cat, fox, pizza) is missing"
    return np.array([rows[n] for n in NAMES])


@pytest.fixture(scope="module")
def changed(sims):
    """The similarity matrix after the lesson's one change, read from its sentence."""
    m = re.search(r"\((\d\.\d) becomes (\d\.\d); perhaps a fluffy puppy\)", page())
    assert m, "the sentence that changes the dog photo vs 'cat' similarity is missing"
    old, new = float(m.group(1)), float(m.group(2))
    assert sims[0, 1] == old, "the changed cell is the dog photo vs 'a photo of a cat'"
    out = sims.copy()
    out[0, 1] = new
    return out


def as_batch(s):
    """Arguments that make the reference losses see exactly the similarity matrix s."""
    return np.eye(len(s)), np.asarray(s).T


def clip_loss(s, t):
    return ref("softmax-loss", "clip_loss")(*as_batch(s), t)


def siglip_loss(s, t, b):
    return ref("sigmoid-loss", "siglip_loss")(*as_batch(s), t, b)


def cell_losses(s, t, b):
    """Every cell's −log σ(label · logit), each computed by the reference on a batch of one."""
    out = np.empty(s.shape)
    for i in range(len(s)):
        for j in range(len(s)):
            z = t * s[i, j] + b
            out[i, j] = (ref("sigmoid-loss", "siglip_loss")(np.eye(1), np.array([[s[i, j]]]), t, b)
                         if i == j else softplus(z))
    return out


# -- CLIP's softmax, traced -----------------------------------------------------------------

def test_the_table_is_the_one_the_numbers_use(sims):
    assert sims.shape == (4, 4)
    assert np.all(np.argmax(sims, axis=1) == np.arange(4)), "matches should be on the diagonal"


def test_softmax_denominator_walk(sims):
    row = [float(v) for v in 10 * sims[0]]
    assert all(v == round(v) for v in row)
    claim("row of logits is $[{}, {}, {}, {}]$", *[int(round(v)) for v in row], fmt="d")
    exps = [math.exp(v) for v in row]
    claim("$e^{{{}}} = {}$, $e^{{{}}} = {}$, $e^{{{}}} = {}$, $e^{{{}}} = {}$",
          *[x for v, e in zip(row, exps, strict=True) for x in (str(int(v)), f"{e:.3f}")], fmt="")
    total = sum(exps)
    claim("The denominator adds them all: ${} = {}$",
          " + ".join(f"{e:.3f}" for e in exps), f"{total:.3f}", fmt="")
    p = softmax_prob(row, 0)
    claim('"a photo of a dog" is ${} / {} = {}$', f"{exps[0]:.3f}", f"{total:.3f}", f"{p:.4f}",
          fmt="")
    claim("the loss of this row is $-\\log {} = {}$", f"{p:.4f}", f"{-math.log(p):.4f}", fmt="")
    # the row's loss is the reference CLIP loss's image→text term for this row
    claim("the four columns, this batch's CLIP loss is **{}**", clip_loss(sims, 10.0))


def test_temperature_knob(sims):
    ps = [softmax_prob(list(t * sims[0]), 0) for t in (1, 10, 100)]
    claim("{} at $t = 1$, {} at $t = 10$ and {} (to four decimals) at $t = 100$", *ps)
    claim("from a flat softmax ({} at\n  $t = 1$) to an almost one-hot one ({} at $t = 10$)", *ps[:2])


def test_coupling_one_change_moves_row_and_column(sims, changed):
    claim("The dog's row becomes $[{}, {}, {}, {}]$",
          *[int(round(v)) for v in 10 * changed[0]], fmt="d")
    claim("the dog's\ncorrect probability falls from {} to {}",
          softmax_prob(list(10 * sims[0]), 0), softmax_prob(list(10 * changed[0]), 0))
    claim("falls from {} to {}, because", softmax_prob(list(10 * sims[:, 1]), 1),
          softmax_prob(list(10 * changed[:, 1]), 1))
    claim("The batch loss rises from {} to {}.", clip_loss(sims, 10.0), clip_loss(changed, 10.0))


# -- SigLIP's sigmoid, traced ------------------------------------------------------------------

def test_negative_cost_at_the_initial_bias():
    b = -10.0
    claim("a\n  pair with similarity 0 has logit $-10$, and as a negative it costs only {}",
          softplus(b), fmt=".7f")


def test_sigmoid_cells_traced(sims, changed):
    t, b = 10.0, -5.0
    cells = [(0, 0, "dog photo, \"dog\""), (0, 1, "dog photo, \"cat\""),
             (2, 1, "fox photo, \"cat\""), (2, 2, "fox photo, \"fox\"")]
    losses = cell_losses(sims, t, b)
    for i, j, name in cells:
        s = sims[i, j]
        z = t * s + b
        p = sigmoid(z)
        loss = losses[i, j]
        if i == j:
            formula = f"$-\\log {p:.4f} = {loss:.4f}$"
        elif abs(z) < 1e-12:
            formula = f"$\\log 2 = {loss:.4f}$"
        else:
            formula = f"$-\\log(1 - {p:.4f}) = {loss:.4f}$"
        claim("| {} | {} | {} | {} | {} | {} |", name, f"{s:.1f}",
              f"{z:.0f}".replace("-", "−"), "+1" if i == j else "−1", f"{p:.4f}", formula, fmt="")
    n = len(sims)
    total = siglip_loss(sims, t, b)
    assert total == pytest.approx(losses.sum() / n)
    claim("Summing all {} cell losses and dividing by $N = {}$ gives a SigLIP loss of **{}**",
          str(losses.size), str(n), f"{total:.4f}", fmt="")
    after = cell_losses(changed, t, b)
    moved = int(np.sum(~np.isclose(after, losses)))
    assert moved == 1
    z = t * changed[0, 1] + b
    claim("Its logit becomes {}, its probability\n{}, its loss {}", f"{z:.0f}", f"{sigmoid(z):.4f}",
          f"{after[0, 1]:.4f}", fmt="")
    claim("**the other {} cells do not move at all**. The batch loss becomes\n{}",
          str(losses.size - moved), f"{siglip_loss(changed, t, b):.4f}", fmt="")


def test_loss_term_counts(sims):
    n = len(sims)
    claim("At $N = {}$: {} terms; at $N = 32{{,}}768$: {} terms.", str(n), f"{2 * n:,}",
          f"{2 * BATCH:,}", fmt="")
    claim("At $N = {}$: {} terms; at\n    $N = 32{{,}}768$: {} terms", str(n), f"{n * n:,}",
          f"{BATCH * BATCH:,}", fmt="")


def test_code_tabs_compute_the_reference_losses():
    """The two side-by-side snippets run, equal the reference solutions, differ in one line."""
    text = page()
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
    assert clip_ns["contrastive_loss"](img, txt, 7.0) == pytest.approx(
        ref("softmax-loss", "clip_loss")(img, txt, 7.0))
    assert sig_ns["contrastive_loss"](img, txt, 7.0, -3.0) == pytest.approx(
        ref("sigmoid-loss", "siglip_loss")(img, txt, 7.0, -3.0))


def test_smallest_sigmoid_batch_traced():
    """The sigmoid-loss exercise's first check: two orthogonal pairs, t = 1, b = 0."""
    eye = np.eye(2)
    siglip = ref("sigmoid-loss", "siglip_loss")
    positive = siglip(np.array([[1.0]]), np.array([[1.0]]), 1.0, 0.0)  # one pair, logit 1
    negative = softplus(0.0)
    total = siglip(eye, eye, 1.0, 0.0)
    assert total == pytest.approx((2 * positive + 2 * negative) / 2)
    claim("each positive costs $\\log(1 + e^{{-1}}) = {}$, each negative\n$\\log 2 = {}$",
          positive, negative)
    claim("so the loss is $(2 \\cdot {} + 2 \\cdot {}) / 2 = {}$", positive, negative, total)


# -- the bucket, in numbers -------------------------------------------------------------------

def softmax_share(margin: float, batch: int) -> float:
    """The positive's share of a row of `batch` logits, the negatives `margin` below it."""
    return softmax_prob([margin] + [0.0] * (batch - 1), 0) if batch < 100 else \
        1.0 / (1.0 + (batch - 1) * math.exp(-margin))


def test_bucket_shares_at_two_batch_sizes():
    claim("each item's share is simply $1/B$: {} at a batch of 4, {} at a batch of\n32,768",
          f"{softmax_share(0.0, 4):.2f}", f"{softmax_share(0.0, BATCH):.7f}", fmt="")
    pos, neg = 5.0, -5.0
    p4, p32k = softmax_share(pos - neg, 4), softmax_share(pos - neg, BATCH)
    claim("Softmax: the positive gets **{}** (loss {}); each of the 3 negatives gets\n    {}.",
          f"{p4:.4f}", f"{-math.log(p4):.6f}", f"{(1 - p4) / 3:.7f}", fmt="")
    claim("Softmax: the positive gets only **{}** (loss {}); each of the 32,767 negatives gets\n"
          "    {}, but", f"{p32k:.4f}", f"{-math.log(p32k):.4f}", f"{(1 - p32k) / (BATCH - 1):.7f}",
          fmt="")
    claim("Sigmoid: the positive reads {}; each negative reads {}.", f"{sigmoid(pos):.4f}",
          f"{sigmoid(neg):.4f}", fmt="")
    claim("Sigmoid: the positive still reads {}; each negative still reads {}.",
          f"{sigmoid(pos):.4f}", f"{sigmoid(neg):.4f}", fmt="")
    claim("its probability fell from {} to {}", p4, p32k)
    ratio = math.log(p32k) / math.log(p4)
    claim("its loss grew more than {} thousand-fold", WORDS[int(ratio // 1000)], fmt="")
    needed = [math.log(0.99 / 0.01 * (b - 1)) for b in (4, BATCH)]
    for margin, b in zip(needed, (4, BATCH), strict=True):
        assert softmax_share(margin, b) == pytest.approx(0.99)
    claim("it needs a margin of {} at a batch of 4 but {} at a batch of 32,768", *needed, fmt=".2f")
    claim("the positive gets {} of the bucket at a batch of 4 but\n        {} at 32,768",
          f"{p4:.4f}", f"{p32k:.4f}", fmt="")
    claim("(0.9999\n  at 4, {} at 32,768 in our example)", p32k)


# -- what the batch size still does -------------------------------------------------------------

def test_the_first_step_traced():
    initial_loss = ref("initial-bias", "initial_loss")
    for b in (0.0, -10.0):
        positive, negatives = softplus(-b), (BATCH - 1) * softplus(b)
        assert initial_loss(np.array([b]), BATCH)[0] == pytest.approx(positive + negatives)
    claim("| SigLIP with $b = 0$ | $-\\log \\sigma(0) = {}$ | $32{{,}}767 \\cdot \\log 2 = {}$ |",
          f"{softplus(0.0):.4f}", tex_thousands((BATCH - 1) * softplus(0.0), ",.2f"), fmt="")
    claim("| SigLIP with $b = -10$ | $-\\log \\sigma(-10) = {}$ | "
          "$32{{,}}767 \\cdot (-\\log \\sigma(10)) = {}$ |",
          f"{softplus(10.0):.4f}", f"{(BATCH - 1) * softplus(-10.0):.4f}", fmt="")
    ratio = (BATCH - 1) * softplus(0.0) / softplus(0.0)
    claim("With $b = 0$ the negatives outweigh the positive more than {} thousand to one",
          WORDS[int(ratio // 10000) * 10], fmt="")


def test_best_initial_bias_experiment():
    best = ref("initial-bias", "best_initial_bias")
    found = {b: best(b) for b in (4, 256, BATCH)}
    for b, bias in found.items():
        assert bias == pytest.approx(-math.log(b - 1), abs=0.01)
    claim("${}$ at $B = 4$, ${}$ at $B = 256$ and\n${}$ at $B = 32{{,}}768$",
          *[f"{found[b]:.2f}" for b in (4, 256, BATCH)], fmt="")
    b_star = -math.log(BATCH - 1)
    assert sigmoid(b_star) == pytest.approx(1 / BATCH)
    assert BATCH * sigmoid(b_star) == pytest.approx(1.0)
    claim("expects {} \"yes\" answers per row\n(against {} with $b = 0$)",
          f"{BATCH * sigmoid(-10.0):.4f}", f"{BATCH * sigmoid(0.0):,.0f}", fmt="")


def test_row_push_experiment():
    push = ref("row-push", "row_push")
    soft0, sig0 = push(BATCH, 0.0)
    _, sig10 = push(BATCH, -10.0)
    soft_star, sig_star = push(BATCH, -math.log(BATCH - 1))
    assert soft0 < 1 and sig_star == pytest.approx(soft_star)
    claim("the shares of the\n  negatives add up to less than 1 (here {})", soft0, fmt=".5f")
    claim("**The sigmoid with $b = 0$ pushes with {}**, because each negative contributes its own\n"
          "  $\\sigma(z_j) = {}$", f"{sig0:,.1f}", f"{sigmoid(0.0):.1f}", fmt="")
    claim("**With $b = -10$ the push is {}**", sig10)
    # the quiz and the summary quote the same trace
    claim("{} against {}, and a summed push of {} where CLIP's softmax\n        pushes",
          f"{(BATCH - 1) * softplus(0.0):,.2f}", f"{softplus(0.0):.4f}", f"{sig0:,.1f}", fmt="")
    claim("they outweigh the\n  positive {} to {} and push with {}; the bias that starts at the prior is\n"
          "  $-\\log(B - 1)$, ${}$ at 32,768", f"{(BATCH - 1) * softplus(0.0):,.2f}",
          f"{softplus(0.0):.4f}", f"{sig0:,.1f}",
          f"{ref('initial-bias', 'best_initial_bias')(BATCH):.2f}", fmt="")


# -- the chunked loss --------------------------------------------------------------------------

def test_chunked_loss_is_the_full_loss_and_its_memory():
    rng = np.random.default_rng(3)
    devices, n = 5, 7
    emb = rng.normal(size=(2, devices * n, 4))
    emb /= np.linalg.norm(emb, axis=-1, keepdims=True)
    chunked = ref("chunked-loss", "chunked_siglip_loss")(
        np.split(emb[0], devices), np.split(emb[1], devices), 10.0, -10.0)
    assert chunked == pytest.approx(ref("sigmoid-loss", "siglip_loss")(emb[0], emb[1], 10.0, -10.0))
    m = re.search(r"with a batch of ([\d,]+) on (\d+)\ndevices, each block is (\d+) × (\d+)", page())
    assert m, "the chunked example's sentence is missing"
    batch, devices = int(m.group(1).replace(",", "")), int(m.group(2))
    block = batch // devices
    assert (int(m.group(3)), int(m.group(4))) == (block, block)
    itemsize = np.dtype(np.float32).itemsize
    claim("each block is {} × {}, {} KiB of float32 logits, where the whole matrix would be\n{} GiB",
          str(block), str(block), f"{block * block * itemsize / 2**10:.0f}",
          f"{batch * batch * itemsize / 2**30:.0f}", fmt="")


def test_ring_figure_follows_the_ring():
    """Block (row d, column e) of the figure is computed at step (e − d) mod D."""
    figure = re.search(r'<svg[^>]*aria-labelledby="ring-title.*?</svg>', page(), re.S).group(0)
    blocks = re.findall(r'<rect data-step="(\d)" x="(\d+)" y="(\d+)"', figure)
    xs = sorted({int(x) for _, x, _ in blocks})
    ys = sorted({int(y) for _, _, y in blocks})
    devices = len(ys)
    assert len(blocks) == devices * devices and len(xs) == devices
    for step, x, y in blocks:
        d, e = ys.index(int(y)), xs.index(int(x))
        assert int(step) == (e - d) % devices, (d, e, step)
    labels = re.findall(r">step (\d)</text>", figure)
    assert sorted(labels) == sorted(step for step, _, _ in blocks)


# -- SigLIP 2 ------------------------------------------------------------------------------------

def test_timeline_figure_matches_its_table():
    text = page()
    figure = re.search(r'<svg[^>]*aria-labelledby="timeline-title.*?</svg>', text, re.S).group(0)
    bars = re.findall(r'data-row="([a-z-]+)" data-start="(\d+)" data-end="(\d+)" x="([\d.]+)" '
                      r'y="\d+" width="([\d.]+)"', figure)
    assert len(bars) == 6
    origin, full = 10.0, 290.0  # x of 0 % and the width of 100 %
    for _, start, end, x, width in bars:
        assert float(x) == pytest.approx(origin + full * int(start) / 100)
        assert float(width) == pytest.approx(full * (int(end) - int(start)) / 100)
    table = re.search(r"\| when \(share of the 40 B examples\) \|.*?\n\n", text, re.S).group(0)
    whens = [line.split("|")[1].strip() for line in table.splitlines()[2:] if line]
    starts = sorted({int(s) for _, s, _, _, _ in bars})
    assert starts == [0, 80, 90, 95, 100]
    assert whens == ["0 % → 100 %", "80 % → 100 %", "from the 90 % checkpoint",
                     "from the 95 % checkpoint", "after the end, +4 B examples"]


def test_knowledge_distillation_table():
    """Student A and B against the hard and the soft target, through the self-distillation
    reference's soft cross-entropy (teacher and student at temperature 1, identity weights)."""
    m = re.search(r"A good teacher says something like \$\[([\d., ]+)\]\$", page())
    assert m, "the teacher's soft target is missing"
    soft = np.array([float(v) for v in m.group(1).split(",")])
    assert soft.sum() == pytest.approx(1.0)
    k = len(soft)
    hard = np.eye(k)[int(np.argmax(soft))]
    claim("hard label says $[{}]$", ", ".join(str(int(v)) for v in hard), fmt="")
    step = ref("self-distillation", "distill_step")
    eye = np.eye(k)

    def ce(target, logits):  # −Σ target · log softmax(logits), via the reference's loss
        teacher_logits = np.log(np.maximum(target, 1e-300))[None, :]
        return step(eye, eye, teacher_logits, np.asarray(logits, float)[None, :], 0.0, 1.0, 1.0, 1.0)[2]

    a = np.array([0.0, 0.0, 5.0, 0.0])
    pa = [softmax_prob(list(a), c) for c in range(k)]
    b_logits = np.log(soft)
    rows = {"A": (ce(hard, a), ce(soft, a)), "B": (ce(hard, b_logits), ce(soft, b_logits))}
    claim("| A: overconfident, logits $[0, 0, 5, 0]$ | {}, {}, {}, {} | {} | {} |", *pa, *rows["A"])
    claim("| B: matches the teacher | {} | {} | {} |", ", ".join(f"{v:.2f}" for v in soft),
          f"{rows['B'][0]:.4f}", f"{rows['B'][1]:.4f}", fmt="")
    claim("The hard target prefers A ({} < {}); the soft target prefers B ({} < {})",
          rows["A"][0], rows["B"][0], rows["B"][1], rows["A"][1])
    entropy = -float(np.sum(soft * np.log(soft)))
    assert rows["B"][1] == pytest.approx(entropy)
    claim("B's {} is the\nlowest any student can reach", entropy)


def test_multi_resolution_sequence_lengths():
    patch = 16
    sides = (256, 384, 512)
    claim("{} × {}\npixels give {} patches, {} × {} give {}, {} × {} give {}",
          *[v for s in sides for v in (s, s, (s // patch) ** 2)], fmt="d")


def test_zero_shot_example():
    m = re.search(r"cosine similarities\n\$\[([\d., ]+)\]\$ with the prompts for ([a-z ,]+) and "
                  r"([a-z ]+)\. With\n\$t = (\d+)\$, \$b = (-?\d+)\$", page())
    assert m, "the zero-shot example's sentence is missing"
    s = np.array([float(v) for v in m.group(1).split(",")])
    classes = [c.strip() for c in m.group(2).split(",")] + [m.group(3).strip()]
    t, b = float(m.group(4)), float(m.group(5))
    probs, labels = ref("zero-shot", "zero_shot")(np.array([[1.0]]), s[:, None], t, b)
    claim("\\sigma(10 \\cdot [0.2, 0.55, 0.8, 0.6] - 5) = [{}, {}, {}, {}].", *probs[0])
    claim("The predicted class is the largest, {}.", classes[int(labels[0])], fmt="")
    claim("The four numbers sum to {}, not 1", float(probs.sum()))
    claim("probabilities that sum to {} over four class prompts", float(probs.sum()), fmt=".2f")
    claim("would give the {} only {}", classes[-1], f"{softmax_prob(list(t * s + b), len(s) - 1):.4f}",
          fmt="")


# -- the teaching rules --------------------------------------------------------------------------

def code_lines(source: str) -> list[str]:
    """The solution's substantial lines of code, without comments."""
    lines = []
    for line in source.splitlines():
        code = line.split("#")[0].strip()
        if len(code) >= 25 and not code.startswith(("def ", '"""', "return float(", "if __name__")):
            lines.append(code)
    return lines


def test_no_exercise_is_answered_before_it_is_asked():
    text = page()
    root = exercises.find_root()
    embedded = re.findall(r'\{\{ exercise\("(siglip-2/[a-z-]+)"\) \}\}', text)
    assert sorted(embedded) == sorted(i for i in exercises.exercise_ids(root)
                                      if i.startswith("siglip-2/"))
    for exercise_id in embedded:
        before = text[: text.index(f'{{{{ exercise("{exercise_id}") }}}}')]
        shown = [line for line in code_lines(exercises.get(exercise_id, root).solution)
                 if line in before]
        assert not shown, f"{exercise_id}: the page shows its solution's lines first: {shown}"
