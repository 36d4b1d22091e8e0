"""A brute-force minimiser like ``scipy.optimize.brute``: a grid, then a Nelder-Mead polish.

The lecture's searches call their loss once per grid point (10,000 calls). Here the loss is a
function of arrays (mu, sigma), so the whole grid is evaluated at once, in blocks of ``chunk``
points to bound memory; only the polish (``scipy.optimize.fmin``, as brute's ``finish``) calls
it point by point.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import optimize

GridLoss = Callable[[np.ndarray, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class BruteResult:
    mu: float
    sigma: float
    loss: float
    grid_mu: np.ndarray  # the search axes ...
    grid_sigma: np.ndarray
    grid_loss: np.ndarray  # ... and the loss on them, shape (len(grid_mu), len(grid_sigma))


def search_axis(span: tuple[float, float], points: int) -> np.ndarray:
    """One axis as brute builds it (``np.mgrid`` with a complex step): ``points`` values, ends included."""
    return np.mgrid[span[0] : span[1] : complex(points)]


def grid_values(loss: GridLoss, mu: np.ndarray, sigma: np.ndarray, chunk: int) -> np.ndarray:
    """``loss`` on every (mu_i, sigma_j), ``chunk`` points per array evaluation."""
    m, s = (a.ravel() for a in np.meshgrid(mu, sigma, indexing="ij"))
    out = np.concatenate([loss(m[i : i + chunk], s[i : i + chunk]) for i in range(0, m.size, chunk)])
    return out.reshape(len(mu), len(sigma))


def brute_minimise(
    loss: GridLoss,
    mu_range: tuple[float, float],
    sigma_range: tuple[float, float],
    points: int,
    chunk: int,
    xtol: float = 1e-4,
    ftol: float = 1e-4,
) -> BruteResult:
    """The grid's best (mu, sigma), polished by Nelder-Mead from there (scipy's defaults: 1e-4).

    Grid values that are not finite never win, as in brute.
    """
    mu, sigma = search_axis(mu_range, points), search_axis(sigma_range, points)
    values = grid_values(loss, mu, sigma, chunk)
    ranked = np.where(np.isfinite(values), values, np.inf)
    i, j = np.unravel_index(np.argmin(ranked), ranked.shape)

    def point_loss(v: np.ndarray) -> float:
        return float(loss(np.asarray(v[0]), np.asarray(v[1])))

    best = optimize.fmin(point_loss, np.array([mu[i], sigma[j]]), xtol=xtol, ftol=ftol, disp=False)
    return BruteResult(float(best[0]), float(best[1]), point_loss(best), mu, sigma, values)
