"""Interleaves sin and cos per band, like some transformer PE write-ups.

expect: sin and cos are interleaved
"""

import numpy as np


def fourier_encode(points, gaussian, image_size):
    h, w = image_size
    c = 2.0 * (np.asarray(points, float) / np.array([w, h])) - 1.0
    angles = 2.0 * np.pi * (c @ gaussian)
    out = np.empty((len(angles), 2 * angles.shape[1]))
    out[:, 0::2] = np.sin(angles)
    out[:, 1::2] = np.cos(angles)
    return out
