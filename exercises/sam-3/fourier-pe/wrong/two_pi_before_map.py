"""Multiplies by 2π too early, before the [−1, 1] mapping.

expect: 2π was applied before the [−1, 1] mapping
"""

import numpy as np


def fourier_encode(points, gaussian, image_size):
    h, w = image_size
    c = 2.0 * np.pi * (np.asarray(points, float) / np.array([w, h]))
    c = 2.0 * c - 1.0
    angles = c @ gaussian
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)
