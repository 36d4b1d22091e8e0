"""Notebook 9.2 (fig. 9.3): gradient descent with a finite step follows, to first order, the
continuous flow on the loss plus an implicit regulariser alpha/4 |dL/dphi|^2 (eq. 9.8).

Gradients are central finite differences of width 1e-5, as in the notebook, also for the
regularised loss (whose regulariser is itself a finite-difference gradient).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from figrepro.udl.optimisation.finite_differences import central_gradient

DELTA = 1e-5


def loss(phi0: np.ndarray, phi1: np.ndarray) -> np.ndarray:
    """1 - exp(-phi_1^2 / (2 s^2)) with s = exp(-2 phi_0^2): a valley that narrows away from phi_0 = 0."""
    width = np.exp(-0.5 * phi0 * phi0 * 4.0)
    return 1.0 - np.exp(-0.5 * phi1 * phi1 / (width * width))


def regulariser(phi0: np.ndarray, phi1: np.ndarray, alpha: float) -> np.ndarray:
    """alpha/4 |dL/dphi|^2: largest where the loss is steepest."""
    g = central_gradient(loss, phi0, phi1, DELTA)
    return alpha / 4.0 * (g[0] ** 2 + g[1] ** 2)


def regularised_loss(alpha: float) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    return lambda phi0, phi1: loss(phi0, phi1) + regulariser(phi0, phi1, alpha)
