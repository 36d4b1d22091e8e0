"""Summaries of a set of 1-D samples against a known distribution."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def wasserstein1_to_cdf(
    samples: np.ndarray,
    cdf: Callable[[np.ndarray], np.ndarray],
    lo: float,
    hi: float,
    dx: float = 1e-4,
) -> float:
    """W1 between the empirical distribution of ``samples`` and a distribution with ``cdf``.

    W1 = integral of |F_n(x) - F(x)| dx, by the trapezoid rule on a grid of spacing ``dx``
    that spans [lo, hi] and every sample (outside it both CDFs are 0 or 1).
    """
    s = np.sort(np.asarray(samples, float).ravel())
    a, b = min(lo, s[0]), max(hi, s[-1])
    grid = np.linspace(a, b, int(np.ceil((b - a) / dx)) + 1)
    empirical = np.searchsorted(s, grid, side="right") / s.size
    return float(np.trapezoid(np.abs(empirical - cdf(grid)), grid))


def summary(prefix: str, samples: np.ndarray, cdf: Callable[[np.ndarray], np.ndarray]) -> dict[str, float]:
    """Mean, standard deviation and W1 distance to ``cdf``, keyed ``<prefix>_mean`` etc."""
    return {
        f"{prefix}_mean": float(np.mean(samples)),
        f"{prefix}_std": float(np.std(samples)),
        f"{prefix}_wasserstein1": wasserstein1_to_cdf(samples, cdf, -8.0, 8.0),
    }
