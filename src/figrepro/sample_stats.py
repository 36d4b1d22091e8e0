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


def bootstrap_se(
    statistic: Callable[[np.ndarray], float], samples: np.ndarray, resamples: int = 25, seed: int = 0
) -> float:
    """Standard error of ``statistic`` by resampling ``samples`` with replacement (a fixed stream)."""
    rng = np.random.default_rng(seed)
    values = [statistic(rng.choice(samples, samples.size)) for _ in range(resamples)]
    return float(np.std(values, ddof=1))


def summary(prefix: str, samples: np.ndarray, cdf: Callable[[np.ndarray], np.ndarray]) -> dict[str, float]:
    """Mean, standard deviation and W1 distance to ``cdf``, keyed ``<prefix>_mean`` etc., each with
    its Monte Carlo standard error (``<key>_mc_se``: sd/sqrt(n), sd/sqrt(2n), and by the bootstrap)."""
    samples = np.asarray(samples, float).ravel()
    n, sd = samples.size, float(np.std(samples))

    def w1(s: np.ndarray) -> float:
        return wasserstein1_to_cdf(s, cdf, -8.0, 8.0)

    return {
        f"{prefix}_mean": float(np.mean(samples)),
        f"{prefix}_mean_mc_se": float(sd / np.sqrt(n)),
        f"{prefix}_std": sd,
        f"{prefix}_std_mc_se": float(sd / np.sqrt(2 * n)),
        f"{prefix}_wasserstein1": w1(samples),
        f"{prefix}_wasserstein1_mc_se": bootstrap_se(w1, samples),
    }
