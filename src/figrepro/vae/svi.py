"""Stochastic variational inference: fit q(z) = N(mu, diag(sigma^2)) to an unnormalised p(z|...)
from several starts at once, keeping the best; and the best such q on a grid, the fit's yardstick.

SVI minimises KL(q || p), which seeks modes: from one start Adam settles on whichever mode that
start drifts into, a minor one as readily as the main one. Starting also where the posterior has its
mass, and keeping the fit with the highest ELBO (= log p(x) - KL(q || p)), guards against it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch
from scipy import ndimage, optimize
from torch import Tensor

from figrepro.grid2d import Grid, grid_kl, grid_moments
from figrepro.vae.densities import gaussian_log_density, gaussian_sample

#: draws of the fresh ELBO estimate that picks among the runs' fits (the same draws for all)
SELECT_SAMPLES = 4096
#: runs whose ELBO is within this of the best (nats) count as ties: the earliest start's is kept
TIE_NATS = 0.01


@dataclass(frozen=True)
class GaussianFit:
    mu: np.ndarray  # (dim,) the kept fit, float32 as fitted
    sigma: np.ndarray
    elbo: np.ndarray  # the kept run's Monte Carlo ELBO at every step
    kept: int  # the start it ran from
    final_mu: np.ndarray  # (starts, dim): where every run ended
    final_sigma: np.ndarray
    final_elbo: np.ndarray  # (starts,) their ELBOs on the shared selection draws


def fit_gaussian(
    log_target: Callable[[Tensor], Tensor],
    *,
    steps: int,
    samples: int,
    lr: float,
    generator: torch.Generator,
    start_mu: np.ndarray | None = None,
    start_sigma: np.ndarray | None = None,
    select_samples: int = SELECT_SAMPLES,
) -> GaussianFit:
    """Maximise the ELBO E_q[log_target(z) - log q(z)] over mu and log sigma by Adam, from every
    start at once: rows of ``start_mu`` and ``start_sigma`` (by default one, the prior N(0, I) in 2-D).

    ``log_target`` maps z (..., dim) to (...). The runs are one batch: their parameters (starts,
    dim) are independent, so Adam on the sum of their ELBOs is each run's own Adam (one start and
    the prior: the draws and steps of a single run, bit for bit). The step size falls linearly to
    1% of ``lr`` over the run, so the last iterate settles instead of wandering with the noise.

    The fit kept has the highest ELBO, estimated afresh at every run's end from ``select_samples``
    draws eps shared by all runs (z = mu_k + sigma_k * eps). The trace's last values would not do:
    they are estimates at earlier parameters, each from its run's own few draws. Fresh draws are
    unbiased at the parameters returned, and shared ones leave in a comparison only the noise of the
    difference, which vanishes as two runs reach the same mode. Runs within ``TIE_NATS`` of the best
    are ties (runs that found the same mode differ by ~1e-4 nats, which rounding on another machine
    can reorder); the earliest start's fit is kept.
    """
    if start_mu is None:
        start_mu = np.zeros((1, 2))
    if start_sigma is None:
        start_sigma = np.ones_like(start_mu)
    mu = torch.tensor(start_mu, dtype=torch.float32).requires_grad_()
    log_sigma = torch.tensor(np.log(start_sigma), dtype=torch.float32).requires_grad_()
    optimiser = torch.optim.Adam([mu, log_sigma], lr=lr)
    schedule = torch.optim.lr_scheduler.LinearLR(optimiser, 1.0, 0.01, total_iters=steps)
    trace = np.empty((steps, mu.shape[0]))
    shape = (samples, *mu.shape)
    for step in range(steps):
        log_var = 2 * log_sigma
        z = gaussian_sample(mu.expand(shape), log_var.expand(shape), generator)
        elbo = (log_target(z) - gaussian_log_density(z, mu, log_var)).mean(0)
        trace[step] = elbo.detach().numpy()
        _check_finite(trace[step], f"at step {step + 1}")
        optimiser.zero_grad(set_to_none=True)
        (-elbo.sum()).backward()
        optimiser.step()
        schedule.step()
    mu, log_sigma = mu.detach(), log_sigma.detach()
    final = _shared_draw_elbo(log_target, mu, log_sigma, select_samples, generator)
    _check_finite(final, "at the end")
    kept = int(np.flatnonzero(final >= final.max() - TIE_NATS)[0])
    mus, sigmas = mu.numpy().copy(), log_sigma.exp().numpy()
    return GaussianFit(mus[kept], sigmas[kept], trace[:, kept].copy(), kept, mus, sigmas, final)


def _check_finite(elbo: np.ndarray, when: str) -> None:
    """A FloatingPointError naming the first run whose ELBO estimate is not finite, if any."""
    bad = np.flatnonzero(~np.isfinite(elbo))
    if len(bad):
        raise FloatingPointError(
            f"SVI diverged: the ELBO is {elbo[bad[0]]} {when} (start {bad[0]}); try a smaller vae.svi.lr"
        )


def _shared_draw_elbo(
    log_target: Callable[[Tensor], Tensor], mu: Tensor, log_sigma: Tensor, n: int, generator: torch.Generator
) -> np.ndarray:
    """Each row's ELBO from the same ``n`` standard normal draws eps, at z = mu + sigma * eps."""
    with torch.no_grad():
        eps = torch.randn((n, 1, mu.shape[1]), generator=generator, dtype=mu.dtype)
        z = mu + log_sigma.exp() * eps
        log_w = log_target(z) - gaussian_log_density(z, mu, 2 * log_sigma)
    return log_w.double().mean(0).numpy()


def grid_modes(log_density: np.ndarray, grid: Grid) -> np.ndarray:
    """The local maxima of a density on a grid (none of its 8 neighbours higher; none on the rim,
    where the density may only be rising out of the grid), highest first, as rows (z1, z2)."""
    peak = log_density == ndimage.maximum_filter(log_density, size=3, mode="nearest")
    peak[[0, -1], :] = False
    peak[:, [0, -1]] = False
    rows, cols = np.nonzero(peak)
    order = np.argsort(-log_density[rows, cols], kind="stable")
    return np.column_stack([grid.z1[cols[order]], grid.z2[rows[order]]])


def svi_starts(
    log_posterior: np.ndarray, grid: Grid, n_starts: int, generator: torch.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """``n_starts`` starting Gaussians for :func:`fit_gaussian`, as rows of (mu, sigma).

    First the prior N(0, I), the assignment's start (so one start is the plain fit); then the
    modes of the posterior on the grid, highest first, each with the posterior's per-coordinate sd
    (at most the prior's 1); then, while starts remain, draws from the prior with sd 1: a spread of
    starts where no grid mode is left to start from.
    """
    modes = grid_modes(log_posterior, grid)[: n_starts - 1]
    _, sd = grid_moments(log_posterior, grid)
    draws = torch.randn((n_starts - 1 - len(modes), 2), generator=generator, dtype=torch.float64).numpy()
    mu = np.vstack([np.zeros((1, 2)), modes, draws])
    sigma = np.vstack([np.ones((1, 2)), np.tile(np.minimum(sd, 1.0), (len(modes), 1)), np.ones_like(draws)])
    return mu, sigma


def gaussian_on_grid(grid: Grid, mu: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """log N(z | mu, diag(sigma^2)) at the grid's points, in the grid's shape."""
    z = torch.from_numpy(grid.points())
    mu_t = torch.as_tensor(mu, dtype=torch.float64)
    log_var = torch.from_numpy(2 * np.log(np.asarray(sigma, dtype=np.float64)))
    return gaussian_log_density(z, mu_t, log_var).numpy().reshape(grid.shape)


@dataclass(frozen=True)
class BestGaussian:
    kl: float  # KL(q || p) on the grid
    mu: np.ndarray
    sigma: np.ndarray


def best_gaussian(
    log_p: np.ndarray, grid: Grid, starts: Sequence[tuple[np.ndarray, np.ndarray]] = ()
) -> BestGaussian:
    """The diagonal Gaussian q nearest p in KL(q || p) on the grid (``grid_kl``, both renormalised
    there): L-BFGS over (mu, log sigma) from p's moments and from each (mu, sigma) of ``starts``,
    keeping the lowest. Deterministic; the yardstick of an SVI fit."""

    def kl(theta: np.ndarray) -> float:
        return grid_kl(gaussian_on_grid(grid, theta[:2], np.exp(theta[2:])), log_p, grid.spacing)

    fits = [
        optimize.minimize(kl, np.concatenate([mu, np.log(sigma)]), method="L-BFGS-B")
        for mu, sigma in [grid_moments(log_p, grid), *starts]
    ]
    best = min(fits, key=lambda fit: fit.fun)
    return BestGaussian(float(best.fun), best.x[:2].copy(), np.exp(best.x[2:]))
