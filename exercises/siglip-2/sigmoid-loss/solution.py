import numpy as np


def siglip_loss(image_emb, text_emb, t, b):
    """SigLIP's sigmoid loss: -sum of log sigmoid(label * logit) over all N*N pairs, / N."""
    n = len(image_emb)
    logits = t * image_emb @ text_emb.T + b  # (N, N)
    labels = 2.0 * np.eye(n) - 1.0  # +1 on the diagonal, -1 off it
    # -log(sigmoid(z)) = log(1 + exp(-z)) = logaddexp(0, -z): finite for any z.
    return float(np.sum(np.logaddexp(0.0, -labels * logits)) / n)


if __name__ == "__main__":
    eye = np.eye(2)
    print(siglip_loss(eye, eye, 1.0, 0.0))  # 1.0064
