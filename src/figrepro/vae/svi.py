"""Stochastic variational inference: fit q(z) = N(mu, diag(sigma^2)) to an unnormalised p(z|...)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
from torch import Tensor

from figrepro.vae.densities import gaussian_log_density, gaussian_sample


@dataclass(frozen=True)
class GaussianFit:
    mu: np.ndarray
    sigma: np.ndarray
    elbo: np.ndarray  # the Monte Carlo ELBO at every step


def fit_gaussian(
    log_target: Callable[[Tensor], Tensor],
    *,
    steps: int,
    samples: int,
    lr: float,
    generator: torch.Generator,
    dim: int = 2,
) -> GaussianFit:
    """Maximise the ELBO E_q[log_target(z) - log q(z)] over mu and log sigma by Adam.

    Starts at the prior N(0, I). The step size falls linearly to 1% of ``lr`` over the run,
    so the last iterate settles instead of wandering with the Monte Carlo noise.
    """
    mu = torch.zeros(dim, requires_grad=True)
    log_sigma = torch.zeros(dim, requires_grad=True)
    optimiser = torch.optim.Adam([mu, log_sigma], lr=lr)
    schedule = torch.optim.lr_scheduler.LinearLR(optimiser, 1.0, 0.01, total_iters=steps)
    trace = np.empty(steps)
    for step in range(steps):
        shape = (samples, dim)
        log_var = 2 * log_sigma
        z = gaussian_sample(mu.expand(shape), log_var.expand(shape), generator)
        elbo = (log_target(z) - gaussian_log_density(z, mu, log_var)).mean()
        trace[step] = elbo.item()
        if not np.isfinite(trace[step]):
            raise FloatingPointError(
                f"SVI diverged: the ELBO is {trace[step]} at step {step + 1}; try a smaller vae.svi.lr"
            )
        optimiser.zero_grad(set_to_none=True)
        (-elbo).backward()
        optimiser.step()
        schedule.step()
    return GaussianFit(mu.detach().numpy().copy(), log_sigma.detach().exp().numpy().copy(), trace)
