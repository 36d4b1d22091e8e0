"""Densities on an equally spaced 2-D grid: log-integrals (Riemann sums), moments and KL.

log of the integral of exp(f) = log sum_i exp(f(z_i)) + log(cell area), with a stable log-sum-exp.
The VAE's latent space and the localization lab's target position both live in 2-D.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def logsumexp(a: np.ndarray, axis: int | tuple[int, ...] | None = None) -> np.ndarray:
    """log sum exp(a) over ``axis``, shifting by the maximum so nothing overflows."""
    top = np.max(a, axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):  # every term exp(-inf): the answer is -inf
        out = np.log(np.sum(np.exp(a - top), axis=axis, keepdims=True)) + top
    return np.squeeze(out, axis=axis) if axis is not None else out.reshape(())


def log_integrate(log_f: np.ndarray, spacing: float) -> np.ndarray:
    """log of the Riemann sum of exp(log_f) over its last two axes, cells spacing x spacing."""
    return logsumexp(log_f, axis=(-2, -1)) + 2 * np.log(spacing)


@dataclass(frozen=True)
class Grid:
    """An equally spaced grid: z1 along the columns, z2 along the rows (as ``meshgrid`` gives)."""

    z1: np.ndarray
    z2: np.ndarray

    @classmethod
    def square(cls, limit: float, spacing: float) -> Grid:
        """Points -limit, -limit + spacing, ..., limit on both axes (the assignment's [-4,4]^2)."""
        axis = np.linspace(-limit, limit, round(2 * limit / spacing) + 1)
        return cls(axis, axis)

    @classmethod
    def cells(cls, limit: float, spacing: float) -> Grid:
        """The centres of the square cells tiling [-limit, limit]^2 (no point on the cell edges)."""
        axis = -limit + spacing * (np.arange(round(2 * limit / spacing)) + 0.5)
        return cls(axis, axis)

    @classmethod
    def window(cls, low: np.ndarray, high: np.ndarray, points: int) -> Grid:
        """A square-celled grid covering the box [low, high] with ``points`` along its longer side."""
        spacing = float(np.max(high - low)) / (points - 1)
        axes = [
            lo + spacing * np.arange(round((hi - lo) / spacing) + 1) for lo, hi in zip(low, high, strict=True)
        ]
        return cls(*axes)

    @property
    def spacing(self) -> float:
        return float(self.z1[-1] - self.z1[0]) / (len(self.z1) - 1)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.z2), len(self.z1)

    def points(self) -> np.ndarray:
        """All grid points as rows (z1, z2), in the row-major order of ``shape``."""
        g1, g2 = np.meshgrid(self.z1, self.z2)
        return np.column_stack([g1.ravel(), g2.ravel()])


def grid_moments(log_posterior: np.ndarray, grid: Grid) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard deviation (per coordinate) of a normalised grid density."""
    w = np.exp(log_posterior - logsumexp(log_posterior))
    g1, g2 = np.meshgrid(grid.z1, grid.z2)
    mean = np.array([(w * g1).sum(), (w * g2).sum()])
    var = np.array([(w * (g1 - mean[0]) ** 2).sum(), (w * (g2 - mean[1]) ** 2).sum()])
    return mean, np.sqrt(var)


def zoom_window(
    means: list[np.ndarray], sds: list[np.ndarray], width: float, points: int, square: bool = False
) -> Grid:
    """A grid covering mean +/- width * sd of every given density (in both coordinates);
    ``square``: widened along the shorter side to a square about the same centre."""
    low = np.min([m - width * s for m, s in zip(means, sds, strict=True)], axis=0)
    high = np.max([m + width * s for m, s in zip(means, sds, strict=True)], axis=0)
    if square:
        centre, half = (low + high) / 2, np.max(high - low) / 2
        low, high = centre - half, centre + half
    return Grid.window(low, high, points)


def grid_kl(log_q: np.ndarray, log_p: np.ndarray, spacing: float) -> float:
    """KL(q || p) of two log-densities on the same grid, each renormalised on the grid."""
    log_q = log_q - log_integrate(log_q, spacing)
    log_p = log_p - log_integrate(log_p, spacing)
    return float(np.sum(np.exp(log_q) * (log_q - log_p)) * spacing**2)
