import numpy as np


def cross_attention(queries, keys, values):
    """Single-head scaled dot-product cross-attention.

    queries: (T, D) tokens; keys, values: (P, D) image positions.
    Returns (weights, out): weights (T, P) = softmax over P of queries @ keys.T / sqrt(D);
    out (T, D) = weights @ values.
    """
    scores = ...  # (T, P)
    raise NotImplementedError("softmax over the image positions, then mix the values")


if __name__ == "__main__":  # runs on Run, not on Check
    rng = np.random.default_rng(0)
    tokens = rng.normal(size=(7, 256))   # 1 IoU + 4 mask tokens + click + padding point
    image = rng.normal(size=(4096, 256))  # the 64 x 64 image embedding, flattened
    weights, out = cross_attention(tokens, image, image)
    print(weights.shape, out.shape, weights.sum(axis=1))
