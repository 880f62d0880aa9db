import numpy as np


def zero_shot(image_emb, class_emb, t, b):
    """Zero-shot classification with a SigLIP model's embeddings.

    image_emb: (M, D) image embeddings; class_emb: (C, D) embeddings of the class prompts
    ("a photo of a ..."); both with L2-normalised rows. t, b: the model's learned scale and bias.
    Returns (probs, labels):
      probs: (M, C) array, probs[i, c] = sigmoid(t * cos(image i, class c) + b), an independent
             match probability for each pair (rows need not sum to 1);
      labels: (M,) array of ints, the most probable class of each image.
    """
    raise NotImplementedError("compute the probabilities and the labels")


if __name__ == "__main__":  # runs on Run, not on Check
    images = np.array([[1.0, 0.0], [0.6, 0.8]])
    classes = np.array([[1.0, 0.0], [0.0, 1.0], [0.8, 0.6]])
    print(zero_shot(images, classes, 10.0, -5.0))
