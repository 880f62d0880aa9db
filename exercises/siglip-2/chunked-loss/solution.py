import numpy as np


def chunked_siglip_loss(image_blocks, text_blocks, t, b):
    """The sigmoid loss, one (n, n) block of logits at a time, text blocks moving round a ring."""
    devices = len(image_blocks)
    n = len(image_blocks[0])
    total = 0.0
    for d in range(devices):  # on real hardware the devices run at the same time
        images = image_blocks[d]  # a device keeps its own images throughout
        for step in range(devices):  # ... while the text blocks travel round the ring
            texts = text_blocks[(d + step) % devices]
            logits = t * images @ texts.T + b  # the one (n, n) block this device holds now
            # Only the device's own text block (step 0) holds its matching pairs.
            labels = 2.0 * np.eye(n) - 1.0 if step == 0 else -np.ones((n, n))
            total += np.sum(np.logaddexp(0.0, -labels * logits))
    return float(total / (devices * n))  # divide by the whole batch size B = D * n


def full_siglip_loss(images, texts, t, b):
    """The same loss with the whole (B, B) matrix in memory, for comparison."""
    logits = t * images @ texts.T + b
    labels = 2.0 * np.eye(len(logits)) - 1.0
    return float(np.sum(np.logaddexp(0.0, -labels * logits)) / len(logits))


if __name__ == "__main__":  # runs on Run, not on Check
    import tracemalloc

    rng = np.random.default_rng(0)
    devices, n, dim = 16, 64, 32
    emb = rng.normal(size=(2, devices * n, dim))
    emb /= np.linalg.norm(emb, axis=-1, keepdims=True)
    images, texts = emb
    for name, compute in (
        ("full", lambda: full_siglip_loss(images, texts, 10.0, -10.0)),
        ("chunked", lambda: chunked_siglip_loss(np.split(images, devices),
                                                np.split(texts, devices), 10.0, -10.0)),
    ):
        tracemalloc.start()
        loss = compute()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{name:8s} loss {loss:.6f}, peak memory {peak / 1024:,.0f} KiB")
