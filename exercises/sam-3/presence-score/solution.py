import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def concept_scores(query_logits, presence_logits, threshold=0.5):
    """SAM 3's detection scores: p(present) · p(this query matches | present), then a threshold."""
    match = sigmoid(query_logits)  # (N, Q): each query, given that the concept is there
    present = sigmoid(presence_logits)[:, None]  # (N, 1): one presence per prompt, over its row
    scores = present * match
    return scores, scores > threshold


if __name__ == "__main__":
    # One image, two prompts, four object queries (three players in red, one referee in black).
    prompts = ["player in red", "player in white"]
    query_logits = np.array([[2.4, 2.0, 1.5, -0.8],
                             [0.5, 0.3, 0.2, -1.4]])
    presence_logits = np.array([3.0, -2.5])
    scores, keep = concept_scores(query_logits, presence_logits)
    for prompt, row, kept in zip(prompts, scores, keep, strict=True):
        print(f"{prompt:16s} scores {np.round(row, 3)}  kept queries {np.flatnonzero(kept)}")
