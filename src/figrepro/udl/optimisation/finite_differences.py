"""Finite-difference gradients, as notebooks 6.2-6.5 and 9.2 take them."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Loss2D = Callable[[np.ndarray, np.ndarray], np.ndarray]


def central_gradient(loss: Loss2D, phi0: np.ndarray, phi1: np.ndarray, delta: float = 1e-5) -> np.ndarray:
    """(dL/dphi_0, dL/dphi_1) by central differences of width ``delta``; ``phi0``, ``phi1`` may be grids."""
    half = delta / 2.0
    return np.array(
        [
            (loss(phi0 + half, phi1) - loss(phi0 - half, phi1)) / delta,
            (loss(phi0, phi1 + half) - loss(phi0, phi1 - half)) / delta,
        ]
    )


def central_gradient_of(loss: Loss2D, delta: float = 1e-5) -> Callable[[np.ndarray], np.ndarray]:
    """The gradient of ``loss`` at a parameter vector (phi_0, phi_1), for the optimisers."""
    return lambda phi: central_gradient(loss, phi[0], phi[1], delta)


def forward_gradient(loss: Callable[[np.ndarray], float], phi: np.ndarray, delta: float) -> np.ndarray:
    """(L(phi + delta e_k) - L(phi)) / delta for each coordinate k (the notebooks' check of a gradient)."""
    base = loss(phi)
    return np.array([(loss(phi + delta * e) - base) / delta for e in np.eye(len(phi))])
