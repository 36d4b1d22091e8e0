"""Notebook 1.1: linear functions, written as separate equations and in vector/matrix form."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def linear_function(beta: float, omega: Sequence[float], *x: np.ndarray | float) -> np.ndarray:
    """y = beta + omega_1 x_1 + ... + omega_D x_D for D inputs (element by element)."""
    if len(omega) != len(x):
        raise ValueError(f"{len(omega)} slopes for {len(x)} inputs")
    y = np.asarray(beta, dtype=float)
    for w, xi in zip(omega, x, strict=True):
        y = y + w * np.asarray(xi, dtype=float)
    return y


def linear_map(beta: np.ndarray, omega: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The same equations at once: y = beta + Omega x, one equation per row of Omega."""
    return np.asarray(beta, dtype=float) + np.asarray(omega, dtype=float) @ np.asarray(x, dtype=float)
