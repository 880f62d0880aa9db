import numpy as np


def pair_probabilities(pos_logit, neg_logit, batch_size):
    """The probability the matching pair gets under CLIP's softmax and under SigLIP's sigmoid.

    pos_logit: the logit of the matching (image, text) pair.
    neg_logit: the logit of every one of the batch_size - 1 non-matching pairs in its row.
    batch_size: an int >= 1, or a NumPy array of ints (then both results are arrays of its shape).
    Returns (p_softmax, p_sigmoid):
      p_softmax: the positive's share of a softmax over its row of batch_size logits;
      p_sigmoid: sigmoid(pos_logit), the positive's own probability.
    Must stay finite and warning-free for logits up to +-1000.
    """
    raise NotImplementedError("compute both probabilities")


if __name__ == "__main__":  # runs on Run, not on Check
    print(pair_probabilities(5.0, -5.0, 4))
    print(pair_probabilities(5.0, -5.0, np.array([4, 256, 32768])))
