"""Numerical integration over the 2-D latent space: log p(x) and the "true" posterior p(z|x).

log p(x) = log sum_i exp(log p(x|z_i) + log p(z_i)) dz^2 over an equally spaced grid of z_i
(a Riemann sum), computed with a stable log-sum-exp.
"""

from __future__ import annotations

import numpy as np
import torch

from figrepro.grid2d import Grid, log_integrate
from figrepro.vae.densities import standard_normal_log_density
from figrepro.vae.model import VAE


def grid_log_joint(model: VAE, x: np.ndarray, grid: Grid, pixels: slice = slice(None)) -> np.ndarray:
    """log p(x|z) + log p(z) for every image (rows of ``x``) at every grid point: (n, *grid.shape).

    The decoder runs once on the grid; the Bernoulli log-likelihoods of all images are then a
    matrix product, x . logits - sum softplus(logits), in float64. ``pixels`` restricts the
    likelihood to some pixels (the top half of an image, say).
    """
    z = torch.from_numpy(grid.points()).float()
    with torch.no_grad():
        logits = model.decode(z).double()[:, pixels]
    x64 = torch.from_numpy(np.asarray(x, dtype=np.float64).reshape(len(x), -1))
    log_lik = x64 @ logits.T - torch.nn.functional.softplus(logits).sum(1)  # Bernoulli, all pairs
    log_prior = standard_normal_log_density(z.double())
    return (log_lik + log_prior).numpy().reshape(len(x), *grid.shape)


def log_evidence(
    model: VAE, x: np.ndarray, grid: Grid, pixels: slice = slice(None), chunk: int = 1000
) -> np.ndarray:
    """log p(x) of each image by integrating over ``grid``, ``chunk`` images at a time."""
    parts = [
        log_integrate(grid_log_joint(model, x[i : i + chunk], grid, pixels), grid.spacing)
        for i in range(0, len(x), chunk)
    ]
    return np.concatenate(parts)
