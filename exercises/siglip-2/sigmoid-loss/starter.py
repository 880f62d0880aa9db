import numpy as np


def siglip_loss(image_emb, text_emb, t, b):
    """SigLIP's sigmoid loss for a batch of N matching (image, text) pairs.

    image_emb, text_emb: (N, D) arrays with L2-normalised rows; row i of each is a pair.
    t: positive scale for the cosine similarities.  b: a bias added to every logit.
    Returns -sum over all N*N pairs of log(sigmoid(label * logit)), divided by N,
    as a Python float; label = +1 on the diagonal (matching pairs), -1 elsewhere.
    """
    n = len(image_emb)
    logits = ...  # (N, N): t * cosine similarity + b
    labels = ...  # +1 on the diagonal, -1 off it
    raise NotImplementedError("compute the loss")


if __name__ == "__main__":  # runs on Run, not on Check
    eye = np.eye(2)
    print(siglip_loss(eye, eye, 1.0, 0.0))
