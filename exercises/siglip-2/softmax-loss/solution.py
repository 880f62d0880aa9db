import numpy as np


def logsumexp(x, axis):
    """log(sum(exp(x))) along an axis, without overflow: shift by the maximum first."""
    m = np.max(x, axis=axis, keepdims=True)
    return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(x - m), axis=axis))


def clip_loss(image_emb, text_emb, t):
    """Mean of the image->text (rows) and text->image (columns) softmax cross-entropies."""
    logits = t * image_emb @ text_emb.T  # (N, N), matching pairs on the diagonal
    diag = np.diag(logits)
    image_to_text = np.mean(logsumexp(logits, axis=1) - diag)  # softmax over each row
    text_to_image = np.mean(logsumexp(logits, axis=0) - diag)  # softmax over each column
    return float((image_to_text + text_to_image) / 2)


if __name__ == "__main__":
    eye = np.eye(2)
    print(clip_loss(eye, eye, 1.0))  # 0.3133
