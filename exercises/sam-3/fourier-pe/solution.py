import numpy as np


def fourier_encode(points, gaussian, image_size):
    """SAM's random-Fourier positional encoding of point prompts (forward_with_coords)."""
    h, w = image_size
    c = np.asarray(points, dtype=float) / np.array([w, h])  # x / W, y / H: in [0, 1]
    c = 2.0 * c - 1.0  # in [-1, 1]
    angles = 2.0 * np.pi * (c @ gaussian)  # (K, F)
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)  # (K, 2F)


if __name__ == "__main__":
    G = np.array([[0.8, -1.3, 0.3, 2.1, -0.6, 1.0, -2.4, 0.5],
                  [0.4, 0.9, -1.7, -0.2, 1.5, 2.2, 0.7, -1.1]])
    click = np.array([[342.0, 517.0]])
    print(fourier_encode(click, G, (1024, 1024)).round(3))
