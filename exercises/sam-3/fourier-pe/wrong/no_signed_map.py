"""Normalises to [0, 1] but never maps to [−1, 1].

expect: no [−1, 1] mapping
"""

import numpy as np


def fourier_encode(points, gaussian, image_size):
    h, w = image_size
    c = np.asarray(points, float) / np.array([w, h])
    angles = 2.0 * np.pi * (c @ gaussian)
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)
