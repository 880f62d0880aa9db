import numpy as np


def chunked_siglip_loss(image_blocks, text_blocks, t, b):
    """SigLIP's sigmoid loss of a batch spread over D devices, computed the way the devices do.

    image_blocks, text_blocks: sequences (lists or tuples) of D arrays of shape (n, dim) with
    L2-normalised rows; device d holds image_blocks[d] and text_blocks[d], and row i of both
    is a matching pair.
    The whole batch has B = D * n pairs. t, b: the scale and the bias.
    Return the same number as the full loss (sum over all B * B pairs of
    -log sigmoid(label * logit), divided by B), as a Python float, but never build the
    B x B matrix of logits: each device pairs its images with one text block at a time while
    the text blocks travel around the ring of devices.
    """
    devices = len(image_blocks)
    n = len(image_blocks[0])
    total = 0.0
    raise NotImplementedError("add up the loss one n x n block at a time")


if __name__ == "__main__":  # runs on Run, not on Check
    rng = np.random.default_rng(0)
    emb = rng.normal(size=(2, 12, 8))
    emb /= np.linalg.norm(emb, axis=-1, keepdims=True)
    images, texts = emb
    print(chunked_siglip_loss(np.split(images, 3), np.split(texts, 3), 10.0, -10.0))
