"""Reads image_size as (W, H), so x is divided by the height.

expect: width and height are swapped
"""

import numpy as np


def fourier_encode(points, gaussian, image_size):
    w, h = image_size
    c = 2.0 * (np.asarray(points, float) / np.array([w, h])) - 1.0
    angles = 2.0 * np.pi * (c @ gaussian)
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)
