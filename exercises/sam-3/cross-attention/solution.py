import numpy as np


def cross_attention(queries, keys, values):
    """softmax(Q Kᵀ / √D) V with the softmax over the keys (image positions)."""
    d = queries.shape[1]
    scores = queries @ keys.T / np.sqrt(d)  # (T, P)
    scores = scores - scores.max(axis=1, keepdims=True)  # stable: exp(<= 0)
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=1, keepdims=True)  # each token's row sums to 1
    return weights, weights @ values  # (T, P), (T, D)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    tokens = rng.normal(size=(7, 256))
    image = rng.normal(size=(4096, 256))
    weights, out = cross_attention(tokens, image, image)
    print(weights.shape, out.shape, weights.sum(axis=1))
