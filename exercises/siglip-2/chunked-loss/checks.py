"""Checks for siglip-2/chunked-loss.

Expected values come from `pair_loss` below: a plain-Python loop over all B² pairs of the whole
batch, written without any blocks, independent of the NumPy reference. Each known mistake is
the same loop with one change. The memory check runs the student's function on a batch and on
one four times larger with the same block size, and measures with tracemalloc how much the
peak memory of the call grows: one block at a time grows by almost nothing, the B × B matrix by
megabytes.
"""

import math

import numpy as np

from course.engine import Checks, unit_rows

checks = Checks()


def softplus(x):
    """−log σ(−x) = log(1 + e^x), finite for any x."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def pair_loss(image_blocks, text_blocks, t, b, *, positives="own", only_own=False, divide="B"):
    """Σ over all pairs of −log σ(label · logit) / B; the keywords make the known mistakes."""
    images = [row for block in image_blocks for row in block]
    texts = [row for block in text_blocks for row in block]
    n, devices = len(image_blocks[0]), len(image_blocks)
    total = 0.0
    for i, x in enumerate(images):
        for j, y in enumerate(texts):
            same_device = i // n == j // n
            if only_own and not same_device:
                continue
            if positives == "own":
                match = i == j
            elif positives == "every block":
                match = i % n == j % n
            else:
                match = False
            z = t * float(np.dot(x, y)) + b
            total += softplus(-z) if match else softplus(z)
    big_b = devices * n
    return total / {"B": big_b, "n": n, "B²": big_b * big_b}[divide]


def mistakes(image_blocks, text_blocks, t, b):
    args = (image_blocks, text_blocks, t, b)
    return {
        "every block got labels +1 on its diagonal; only a device's own text block holds its "
        "matching pairs (image i of block d matches text i of block d, not of another block)":
            lambda: pair_loss(*args, positives="every block"),
        "no labels +1 at all: the device's own block holds the matching pairs on its diagonal":
            lambda: pair_loss(*args, positives="none"),
        "only each device's own block was counted; the text blocks must travel around the "
        "ring so that every image meets every text":
            lambda: pair_loss(*args, only_own=True),
        "each device divided its sum by its own n pairs and the devices' results were added: "
        "divide the whole sum once by the batch size B = D·n":
            lambda: pair_loss(*args, divide="n"),
        "the sum was divided by B² (a mean over all pairs); SigLIP divides by B":
            lambda: pair_loss(*args, divide="B²"),
    }


def blocks(rng, devices, n, dim):
    images, texts = unit_rows(rng, devices * n, dim), unit_rows(rng, devices * n, dim)
    return list(np.split(images, devices)), list(np.split(texts, devices))


def check_loss(trial, image_blocks, text_blocks, t, b):
    want = pair_loss(image_blocks, text_blocks, t, b)
    # tuples of copies: the student's code cannot change the blocks the mistakes are computed from
    got = trial.expect_float(trial.call(tuple(x.copy() for x in image_blocks),
                                        tuple(x.copy() for x in text_blocks), t, b))
    trial.expect_close(got, want, likely=mistakes(image_blocks, text_blocks, t, b))


@checks("2 devices of 3 pairs, t=1, b=0: equals the loss of the whole batch")
def _(trial):
    image_blocks, text_blocks = blocks(np.random.default_rng(1), 2, 3, 4)
    check_loss(trial, image_blocks, text_blocks, 1.0, 0.0)


@checks("4 devices of 5 pairs, SigLIP's initial t=10, b=−10")
def _(trial):
    image_blocks, text_blocks = blocks(np.random.default_rng(2), 4, 5, 6)
    check_loss(trial, image_blocks, text_blocks, 10.0, -10.0)


@checks("one device: the ring has a single step")
def _(trial):
    image_blocks, text_blocks = blocks(np.random.default_rng(3), 1, 6, 3)
    check_loss(trial, image_blocks, text_blocks, 5.0, -2.0)


@checks("3 devices of 4 pairs, t=7, b=−3")
def _(trial):
    image_blocks, text_blocks = blocks(np.random.default_rng(4), 3, 4, 5)
    check_loss(trial, image_blocks, text_blocks, 7.0, -3.0)


GROWTH_LIMIT = 96 * 1024  # bytes; one 32 × 32 block of float64 logits is 8 KiB


def peak_growth(trial, small, large):
    """How much more memory the call on `large` peaks at than the call on `small` (or None)."""
    try:
        import tracemalloc
    except ImportError:  # a Python without tracemalloc: the values were checked above
        return None
    # Once untraced first: the first call of a fresh Python allocates caches of its own (NumPy's,
    # the isolation's), which would inflate the small call's peak and hide the growth.
    trial.call(*small)
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        peaks = []
        for args in (small, large):
            tracemalloc.reset_peak()
            before = tracemalloc.get_traced_memory()[0]
            trial.call(*args)
            peaks.append(tracemalloc.get_traced_memory()[1] - before)
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return peaks[1] - peaks[0]


@checks("memory: the batch grows from 128 to 512 pairs (32-pair blocks), the peak memory barely moves")
def _(trial):
    rng = np.random.default_rng(5)
    # 16 devices of 32 rather than 32 of 16: the same B, a quarter of the blocks to loop over,
    # so the check stays quick in the browser, and a strip (32 × 512) still grows far past the limit.
    small = (*blocks(rng, 4, 32, 8), 10.0, -10.0)
    large = (*blocks(rng, 16, 32, 8), 10.0, -10.0)
    growth = peak_growth(trial, small, large)
    if growth is None or growth <= GROWTH_LIMIT:
        return
    full = 512 * 512 * 8
    # Rounded: what Python allocates besides the arrays differs a little between CPython and
    # the browser's Pyodide, and the report must read the same in both.
    grew = f"{growth / 2**20:.0f} MiB" if growth >= 2**20 else f"{round(growth / 1024, -2):,.0f} KiB"
    trial.fail(
        f"the call's peak memory grew by about {grew} when the batch grew from 128 to 512 pairs, "
        f"with the same 32 × 32 block (8 KiB of logits); the whole 512 × 512 matrix is "
        f"{full / 2**20:.0f} MiB.",
        likely="the logits of more than one block are held at once (the whole B × B matrix, or "
               "a device's n × B strip after gathering all the texts): pair the device's images "
               "with one text block at a time and add up each block's loss")
