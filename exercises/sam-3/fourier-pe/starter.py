import numpy as np


def fourier_encode(points, gaussian, image_size):
    """SAM's random-Fourier positional encoding of point prompts.

    points: (K, 2) pixel coordinates, each row (x, y).
    gaussian: (2, F) projection matrix (random in SAM; fixed in this exercise).
    image_size: (H, W) of the image the coordinates refer to.
    Returns a (K, 2F) array: the F sines, then the F cosines, of 2π · (c @ gaussian),
    where c is the point normalised to [0, 1] (x / W, y / H) and then mapped to [−1, 1].
    """
    h, w = image_size
    c = ...  # (K, 2) in [0, 1]
    c = ...  # (K, 2) in [-1, 1]
    raise NotImplementedError("project, multiply by 2π, take sin and cos")


if __name__ == "__main__":  # runs on Run, not on Check
    G = np.array([[0.8, -1.3, 0.3, 2.1, -0.6, 1.0, -2.4, 0.5],
                  [0.4, 0.9, -1.7, -0.2, 1.5, 2.2, 0.7, -1.1]])
    click = np.array([[342.0, 517.0]])
    print(fourier_encode(click, G, (1024, 1024)).round(3))  # shape (1, 16)
