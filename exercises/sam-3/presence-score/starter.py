import numpy as np


def concept_scores(query_logits, presence_logits, threshold=0.5):
    """SAM 3's detection scores: N prompts on one image, Q queries each.

    query_logits: (N, Q), each query's logit for "I am an instance of
    this prompt's concept", trained only on images where the concept is
    present (a conditional probability);
    presence_logits: (N,), the presence head's logit for "the concept
    is in this image".
    Returns (scores, keep): scores (N, Q), the probability that each
    query is a match, combining the two; keep (N, Q) booleans, the
    scores above the threshold.
    """
    raise NotImplementedError("turn both logits into probabilities, combine them, threshold")


if __name__ == "__main__":  # runs on Run, not on Check
    # One image, two prompts, four object queries (three players in red, one referee in black).
    prompts = ["player in red", "player in white"]
    query_logits = np.array([[2.4, 2.0, 1.5, -0.8],
                             [0.5, 0.3, 0.2, -1.4]])
    presence_logits = np.array([3.0, -2.5])
    scores, keep = concept_scores(query_logits, presence_logits)
    for prompt, row, kept in zip(prompts, scores, keep, strict=True):
        print(f"{prompt:16s} scores {np.round(row, 3)}  kept queries {np.flatnonzero(kept)}")
