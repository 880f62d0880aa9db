import numpy as np


def cross_attention(queries, keys, values, num_heads):
    """Multi-head scaled dot-product cross-attention, as in SAM's decoder (projections left out)."""
    t, width = queries.shape
    p = keys.shape[0]
    d = width // num_heads  # per-head width: 128 / 8 = 16 in SAM
    q = queries.reshape(t, num_heads, d).transpose(1, 0, 2)  # (H, T, d)
    k = keys.reshape(p, num_heads, d).transpose(1, 0, 2)  # (H, P, d)
    v = values.reshape(p, num_heads, d).transpose(1, 0, 2)  # (H, P, d)
    scores = q @ k.transpose(0, 2, 1) / np.sqrt(d)  # (H, T, P), scaled by √d of one head
    scores = scores - scores.max(axis=2, keepdims=True)  # stable: exp(<= 0)
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=2, keepdims=True)  # each token's row sums to 1
    out = (weights @ v).transpose(1, 0, 2).reshape(t, width)  # heads side by side again
    return weights, out


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    tokens = rng.normal(size=(7, 128))  # 1 IoU + 4 mask tokens + click + padding point, projected
    image = rng.normal(size=(4096, 128))  # the 64 x 64 image embedding, flattened and projected
    weights, out = cross_attention(tokens, image, image, num_heads=8)
    print(weights.shape, out.shape, weights.sum(axis=2)[0])
