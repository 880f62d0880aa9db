"""Forgets the 2π: angles = c @ gaussian.

expect: the 2π factor is missing
"""

import numpy as np


def fourier_encode(points, gaussian, image_size):
    h, w = image_size
    c = 2.0 * (np.asarray(points, float) / np.array([w, h])) - 1.0
    angles = c @ gaussian
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)
