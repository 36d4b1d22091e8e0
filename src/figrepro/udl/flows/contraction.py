"""Notebook 16.3 (like fig. 16.9): fixed-point iteration, which converges for a contraction
mapping, and the inversion of y = z + f[z] by iterating z <- y - f[z]."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Map = Callable[[np.ndarray], np.ndarray]


def wavy_line(offset: float, slope: float, wiggle: float) -> Map:
    """z -> offset + slope z + wiggle sin(15 z), the notebook's f, f2, f3 and f4."""
    return lambda z: offset + slope * z + wiggle * np.sin(z * 15)


def fixed_point_iteration(f: Map, z0: float, n_iter: int) -> np.ndarray:
    """z_0, f[z_0], f[f[z_0]], ...: the n_iter + 1 iterates."""
    z = [float(z0)]
    for _ in range(n_iter):
        z.append(float(f(z[-1])))
    return np.array(z)


def invert_residual(f: Map, y: float, z0: float, n_iter: int) -> np.ndarray:
    """Iterates of z <- y - f[z], whose fixed point solves y = z + f[z] when f is a contraction."""
    return fixed_point_iteration(lambda z: y - f(z), z0, n_iter)
