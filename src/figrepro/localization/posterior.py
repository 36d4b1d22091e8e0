"""The exact posterior p(z|X) on a grid, and the KL divergence of a diagonal Gaussian q from it.

z is 2-D, so p(z|X) = p(X|z) p(z) / p(X) can be tabulated: log p(X) is a Riemann sum over the
cell centres of [-limit, limit]^2. KL(q || p) = E_q[log q - log p(z|X)] is then a Riemann sum
over a window of q's own (mean -/+ 8 sd, where all but ~1e-15 of its mass lies), with log p
evaluated there directly, so it stays accurate however narrow q is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize

from figrepro.config import ConfigError
from figrepro.distributions import normal_logpdf
from figrepro.grid2d import Grid, grid_moments, log_integrate, logsumexp
from figrepro.localization.model import SensorModel

KL_WINDOW_SD = 8.0  # half-width of q's window in its standard deviations
KL_WINDOW_CELLS = 160  # cells per axis of that window (0.1 sd each; 100 already agrees to 1e-14)
EDGE_MASS_LIMIT = 1e-9  # posterior mass allowed in the outermost ring of grid cells


@dataclass(frozen=True)
class GridPosterior:
    grid: Grid
    log_density: np.ndarray  # log p(z|X) at the cell centres, shape grid.shape
    log_evidence: float  # log p(X)

    @property
    def moments(self) -> tuple[np.ndarray, np.ndarray]:
        """Mean and per-coordinate standard deviation of p(z|X)."""
        return grid_moments(self.log_density, self.grid)

    def edge_mass(self) -> float:
        """Posterior mass in the outermost ring of cells: large if the grid cuts p(z|X) off."""
        cell = np.exp(self.log_density - logsumexp(self.log_density))
        inner = cell[1:-1, 1:-1].sum()
        return float(cell.sum() - inner)


def exact_posterior(model: SensorModel, readings: np.ndarray, limit: float, spacing: float) -> GridPosterior:
    """p(z|X) on the cell centres of [-limit, limit]^2; refuses a grid that cuts it off."""
    grid = Grid.cells(limit, spacing)
    g1, g2 = np.meshgrid(grid.z1, grid.z2)
    log_joint = model.log_joint(readings, np.stack([g1, g2], axis=-1))
    log_evidence = float(log_integrate(log_joint, grid.spacing))
    posterior = GridPosterior(grid, log_joint - log_evidence, log_evidence)
    if posterior.edge_mass() > EDGE_MASS_LIMIT:
        raise ConfigError(
            f"localization.grid.limit: the posterior has mass {posterior.edge_mass():.2g} on the edge of "
            f"[-{limit}, {limit}]^2; widen the grid"
        )
    return posterior


def gaussian_log_density(z: np.ndarray, mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    """log Norm(z; mean, diag(std^2)) for z (..., 2)."""
    return np.sum(normal_logpdf(z, mean, std), axis=-1)


def kl_gaussian_to_posterior(
    model: SensorModel, readings: np.ndarray, log_evidence: float, mean: np.ndarray, std: np.ndarray
) -> float:
    """KL(Norm(mean, diag(std^2)) || p(z|X)) by a midpoint rule on q's window."""
    mean, std = np.asarray(mean, float), np.asarray(std, float)
    width = 2 * KL_WINDOW_SD * std
    offsets = (np.arange(KL_WINDOW_CELLS) + 0.5) / KL_WINDOW_CELLS - 0.5  # cell centres in (-1/2, 1/2)
    z1, z2 = np.meshgrid(mean[0] + width[0] * offsets, mean[1] + width[1] * offsets)
    z = np.stack([z1, z2], axis=-1)
    log_q = gaussian_log_density(z, mean, std)
    log_p = model.log_joint(readings, z) - log_evidence
    cell_area = np.prod(width) / KL_WINDOW_CELLS**2
    with np.errstate(invalid="ignore"):  # q = 0 far out: no contribution
        terms = np.where(log_q > -np.inf, np.exp(log_q) * (log_q - log_p), 0.0)
    return float(np.sum(terms) * cell_area)


@dataclass(frozen=True)
class BestGaussian:
    mean: np.ndarray
    std: np.ndarray
    kl: float


def best_gaussian(model: SensorModel, readings: np.ndarray, posterior: GridPosterior) -> BestGaussian:
    """The diagonal Gaussian (q's family) closest to p(z|X) in KL(q || p): Nelder-Mead over
    (mean, log std), started at the posterior's moments."""
    mean0, std0 = posterior.moments

    def kl(v: np.ndarray) -> float:
        return kl_gaussian_to_posterior(model, readings, posterior.log_evidence, v[:2], np.exp(v[2:]))

    start = np.concatenate([mean0, np.log(std0)])
    options = {"xatol": 1e-7, "fatol": 1e-10, "maxiter": 4000}
    res = optimize.minimize(kl, start, method="Nelder-Mead", options=options)
    return BestGaussian(res.x[:2], np.exp(res.x[2:]), float(res.fun))
