"""Checks for sam-3/fourier-pe.

Expected values come from `encode` below: plain-Python loops over points and frequency bands
with math.sin/math.cos, written independently of the NumPy reference. Each known mistake is the
same loop with one change (a keyword argument).
"""

import math

import numpy as np

from course.engine import Checks

checks = Checks()

# The lesson's fixed stand-in for SAM's random Gaussian matrix (2 x 8).
LESSON_G = np.array([[0.8, -1.3, 0.3, 2.1, -0.6, 1.0, -2.4, 0.5],
                     [0.4, 0.9, -1.7, -0.2, 1.5, 2.2, 0.7, -1.1]])


def encode(points, g, size, *, two_pi=2 * math.pi, to_signed=True, swap_wh=False,
           normalise=True, interleave=False, cos_first=False, two_pi_before_map=False):
    """Row by row: normalise, map to [-1, 1], project, times 2π, sines then cosines."""
    h, w = size
    if swap_wh:
        h, w = w, h
    rows = []
    for x, y in points:
        u, v = float(x), float(y)
        if normalise:
            u, v = u / w, v / h
        if two_pi_before_map:
            u, v = two_pi * u, two_pi * v
        if to_signed:
            u, v = 2 * u - 1, 2 * v - 1
        angles = []
        for f in range(len(g[0])):
            a = u * float(g[0][f]) + v * float(g[1][f])
            angles.append(a if two_pi_before_map else two_pi * a)
        sines = [math.sin(a) for a in angles]
        cosines = [math.cos(a) for a in angles]
        if interleave:
            row = [val for pair in zip(sines, cosines, strict=True) for val in pair]
        elif cos_first:
            row = cosines + sines
        else:
            row = sines + cosines
        rows.append(row)
    return np.array(rows)


def mistakes(points, g, size):
    """What the mistakes students really make would return for these inputs."""
    return {
        "the 2π factor is missing: the angles are c @ gaussian, not 2π · (c @ gaussian)":
            encode(points, g, size, two_pi=1.0),
        "π instead of 2π: the angles are π · (c @ gaussian); SAM multiplies by 2π":
            encode(points, g, size, two_pi=math.pi),
        "2π was applied before the [−1, 1] mapping (2·(2π·c) − 1); project first, then "
        "multiply by 2π": encode(points, g, size, two_pi_before_map=True),
        "no [−1, 1] mapping: after dividing by W and H, apply 2·c − 1 before projecting":
            encode(points, g, size, to_signed=False),
        "width and height are swapped: x is divided by W = image_size[1] and y by "
        "H = image_size[0]": encode(points, g, size, swap_wh=True),
        "the coordinates were not normalised: divide x by W and y by H first":
            encode(points, g, size, normalise=False),
        "sin and cos are interleaved (sin, cos, sin, cos, …); SAM concatenates all the "
        "sines, then all the cosines": encode(points, g, size, interleave=True),
        "the cosines come first; SAM returns [sin, cos]": encode(points, g, size, cos_first=True),
    }


def judge(trial, points, g, size):
    got = trial.call(points, g, size)
    got = trial.expect_shape(got, (len(points), 2 * g.shape[1]))
    trial.expect_close(got, encode(points, g, size),
                       likely=mistakes(points, g, size))


@checks("the lesson's click (342, 517) on a 1024 × 1024 image, 8 bands")
def _(trial):
    judge(trial, np.array([[342.0, 517.0]]), LESSON_G, (1024, 1024))


@checks("three clicks on a non-square 480 × 640 image (H = 480, W = 640)")
def _(trial):
    points = np.array([[100.0, 50.0], [600.0, 470.0], [320.0, 240.0]])
    judge(trial, points, LESSON_G, (480, 640))


@checks("a random 2 × 5 Gaussian, 4 clicks on a 300 × 200 image")
def _(trial):
    rng = np.random.default_rng(7)
    g = rng.normal(size=(2, 5))
    points = np.column_stack([rng.uniform(0, 200, 4), rng.uniform(0, 300, 4)])
    judge(trial, points, g, (300, 200))


@checks("the image centre (every angle 0: sines 0, cosines 1) and a corner")
def _(trial):
    points = np.array([[512.0, 512.0], [0.0, 1024.0]])
    judge(trial, points, LESSON_G, (1024, 1024))
