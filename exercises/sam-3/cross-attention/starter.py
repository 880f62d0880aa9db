import numpy as np


def cross_attention(queries, keys, values, num_heads):
    """Multi-head scaled dot-product cross-attention (no projections).

    queries: (T, D) tokens; keys, values: (P, D) image positions.
    D is split into H = num_heads heads of d = D // H channels each
    (channels 0..d-1 are head 0, the next d are head 1, and so on).
    For each head h: weights[h] = softmax over the P positions of
    q_h @ k_hᵀ / √d, shape (T, P); its output is weights[h] @ v_h, (T, d).
    Returns (weights, out): weights (H, T, P); out (T, D), the heads'
    outputs side by side.
    """
    t, width = queries.shape
    d = width // num_heads
    raise NotImplementedError("split into heads, scaled scores, softmax over positions, mix values")


if __name__ == "__main__":  # runs on Run, not on Check
    rng = np.random.default_rng(0)
    tokens = rng.normal(size=(7, 128))  # 1 IoU + 4 mask tokens + click + padding point, projected
    image = rng.normal(size=(4096, 128))  # the 64 x 64 image embedding, flattened and projected
    weights, out = cross_attention(tokens, image, image, num_heads=8)
    print(weights.shape, out.shape, weights.sum(axis=2)[0])
