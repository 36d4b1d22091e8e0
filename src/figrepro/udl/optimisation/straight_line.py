"""A straight line y = phi_0 + phi_1 x fitted by least squares: notebook 6.2's 12 points (the
default data), and the blog on gradient flow, whose loss is half this one on its 3 points."""

from __future__ import annotations

import numpy as np

X = np.array([0.03, 0.19, 0.34, 0.46, 0.78, 0.81, 1.08, 1.18, 1.39, 1.60, 1.65, 1.90])
Y = np.array([0.67, 0.85, 1.05, 1.00, 1.40, 1.50, 1.30, 1.54, 1.55, 1.68, 1.73, 1.60])


def loss(
    intercept: np.ndarray | float, slope: np.ndarray | float, x: np.ndarray = X, y: np.ndarray = Y
) -> np.ndarray:
    """Sum of squared residuals; ``intercept`` and ``slope`` may be grids (data on a new last axis)."""
    intercept, slope = np.asarray(intercept)[..., None], np.asarray(slope)[..., None]
    return np.sum(np.square(intercept + slope * x - y), axis=-1)


def gradient(phi: np.ndarray, x: np.ndarray = X, y: np.ndarray = Y) -> np.ndarray:
    """(dL/dphi_0, dL/dphi_1) = (2 sum r_i, 2 sum r_i x_i) with r_i = phi_0 + phi_1 x_i - y_i."""
    r = phi[0] + phi[1] * x - y
    return np.array([2 * np.sum(r), 2 * np.sum(r * x)])
