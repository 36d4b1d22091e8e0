"""Univariate densities evaluated elementwise on arrays."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def normal_pdf(x: ArrayLike, mu: ArrayLike = 0.0, sigma: ArrayLike = 1.0) -> np.ndarray:
    """Density of Norm(mu, sigma^2) at x (broadcasting)."""
    x, mu, sigma = np.asarray(x, float), np.asarray(mu, float), np.asarray(sigma, float)
    d = (x - mu) / sigma
    return np.exp(-0.5 * d * d) / (np.sqrt(2.0 * np.pi) * sigma)
