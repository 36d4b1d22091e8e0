"""Forward diffusion with a constant noise schedule (UDL section 18.2) and its closed forms.

Timesteps run t = 0..T with z_0 = x and z_t = sqrt(1-beta) z_{t-1} + sqrt(beta) eps,
so q(z_t | x) = Norm(sqrt(alpha_t) x, 1 - alpha_t) with alpha_t = (1-beta)^t.
"""

from __future__ import annotations

import numpy as np

from figrepro.distributions import normal_pdf
from figrepro.udl.diffusion.mixture import Rng


def alphas(beta: float, T: int) -> np.ndarray:
    """alpha_t = (1-beta)^t for t = 0..T (alpha_0 = 1)."""
    return np.power(1.0 - beta, np.arange(T + 1))


def kernel(x: np.ndarray | float, alpha_t: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard deviation of the diffusion kernel q(z_t | x) (eq. 18.7)."""
    alpha_t = np.asarray(alpha_t, float)
    return np.sqrt(alpha_t) * np.asarray(x, float), np.sqrt(1.0 - alpha_t)


def forward(rs: Rng, x: np.ndarray, beta: float, T: int) -> np.ndarray:
    """Diffuse ``x`` for T steps (eq. 18.1); row t of the result is z_t, shape (T+1, n)."""
    x = np.asarray(x, float)
    out = np.empty((T + 1, *x.shape))
    out[0] = x
    keep, noise = np.sqrt(1.0 - beta), np.sqrt(beta)
    for t in range(1, T + 1):
        out[t] = keep * out[t - 1] + noise * rs.standard_normal(x.shape)
    return out


def reverse_conditional(
    x: np.ndarray,
    z_t: np.ndarray,
    alpha_t: np.ndarray | float,
    alpha_prev: np.ndarray | float,
    beta: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Mean and std of q(z_{t-1} | z_t, x) (eq. 18.15)."""
    denom = 1.0 - alpha_t
    mean = ((1.0 - alpha_prev) / denom) * np.sqrt(1.0 - beta) * z_t + (np.sqrt(alpha_prev) * beta / denom) * x
    return mean, np.sqrt(beta * (1.0 - alpha_prev) / denom)


def kernel_densities(x: float, grid: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """q(z_t | x) on ``grid`` for every alpha_t; the row of alpha = 1 (a point mass) is zero."""
    mean, std = kernel(x, alpha)
    out = np.zeros((len(alpha), len(grid)))
    live = std > 0
    out[live] = normal_pdf(grid[None, :], mean[live, None], std[live, None])
    return out


def marginals(grid: np.ndarray, pdf: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """q(z_t) = sum_x Pr(x) dx q(z_t | x) on ``grid`` for every alpha_t (row alpha = 1: Pr itself)."""
    dx = float(grid[1] - grid[0])
    out = np.empty((len(alpha), len(grid)))
    weights = pdf * dx
    for i, a in enumerate(alpha):
        if a >= 1.0:
            out[i] = pdf
            continue
        mean, std = kernel(grid, a)
        out[i] = weights @ normal_pdf(grid[None, :], mean[:, None], std)
    return out
