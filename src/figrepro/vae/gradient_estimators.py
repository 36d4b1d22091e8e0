"""Two unbiased estimators of d ELBO / d mu for q(z) = N(mu, diag(exp(log_var))).

Each estimate averages ``n_samples`` draws of z (one "minibatch"); many independent estimates
show each estimator's spread. The ELBO is E_q[log p(x, z) - log q(z)].

* ``reparam``: z = mu + sigma * eps, differentiate the sample average through z;
* ``score``: average of (log p(x, z) - log q(z)) * d log q(z) / d mu, with z and the bracket
  held fixed (only log q is differentiated), as REINFORCE does.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import Tensor

from figrepro.vae.densities import gaussian_log_density, gaussian_sample

LogJoint = Callable[[Tensor], Tensor]  # z (..., D) -> log p(x, z) (...)
METHODS = ("reparam", "score")


def _surrogate(
    method: str,
    log_joint: LogJoint,
    means: Tensor,
    log_var: Tensor,
    z_shape: tuple[int, ...],
    generator: torch.Generator,
) -> Tensor:
    """Per estimate, a function of ``means`` whose gradient is that estimate."""
    if method == "reparam":
        z = gaussian_sample(means.expand(z_shape), log_var.expand(z_shape), generator)
        return (log_joint(z) - gaussian_log_density(z, means, log_var)).mean(1)
    with torch.no_grad():
        fixed = means.detach()
        z = gaussian_sample(fixed.expand(z_shape), log_var.expand(z_shape), generator)
        f = log_joint(z) - gaussian_log_density(z, fixed, log_var)
    return (f * gaussian_log_density(z, means, log_var)).mean(1)


def gradient_estimates(
    method: str,
    log_joint: LogJoint,
    mu: Tensor,
    log_var: Tensor,
    n_estimates: int,
    n_samples: int,
    generator: torch.Generator,
    chunk: int = 1 << 15,
) -> Tensor:
    """(n_estimates, D) independent estimates by ``method`` (``reparam`` or ``score``).

    Estimates are computed a block at a time, about ``chunk`` z samples per block. Each block
    holds one leaf copy of mu per estimate, so one backward pass gives all its estimates.
    """
    if method not in METHODS:
        raise ValueError(f"unknown gradient estimator {method!r}; use one of {METHODS}")
    per_block = max(1, chunk // n_samples)
    blocks = []
    for first in range(0, n_estimates, per_block):
        count = min(per_block, n_estimates - first)
        means = mu.detach().expand(count, 1, mu.shape[-1]).clone().requires_grad_(True)
        objective = _surrogate(method, log_joint, means, log_var, (count, n_samples, mu.shape[-1]), generator)
        (grad,) = torch.autograd.grad(objective.sum(), means)
        blocks.append(grad[:, 0])
    return torch.cat(blocks)
