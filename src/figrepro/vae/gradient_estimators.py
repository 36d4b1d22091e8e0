"""Two unbiased estimators of d ELBO / d mu for q(z) = N(mu, diag(exp(log_var))).

Each estimate averages ``n_samples`` draws of z (one "minibatch"); many independent estimates
show each estimator's spread. The ELBO is E_q[log p(x, z) - log q(z)].

* reparameterization: z = mu + sigma * eps, differentiate the sample average through z;
* score function: average of (log p(x, z) - log q(z)) * d log q(z) / d mu, with z and the
  bracket held fixed (only log q is differentiated).
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import Tensor

from figrepro.vae.densities import gaussian_log_density, gaussian_sample

LogJoint = Callable[[Tensor], Tensor]  # z (..., D) -> log p(x, z) (...)


def _leaf_means(mu: Tensor, n_estimates: int) -> Tensor:
    """One copy of mu per estimate, as a leaf, so the gradient of a sum gives every estimate."""
    return mu.detach().expand(n_estimates, 1, mu.shape[-1]).clone().requires_grad_(True)


def reparameterization_estimates(
    log_joint: LogJoint, mu: Tensor, log_var: Tensor, n_estimates: int, n_samples: int, generator: torch.Generator
) -> Tensor:
    """(n_estimates, D) reparameterization-gradient estimates of d ELBO / d mu."""
    means = _leaf_means(mu, n_estimates)
    shape = (n_estimates, n_samples, mu.shape[-1])
    z = gaussian_sample(means.expand(shape), log_var.expand(shape), generator)
    elbo = (log_joint(z) - gaussian_log_density(z, means, log_var)).mean(1)
    (grad,) = torch.autograd.grad(elbo.sum(), means)
    return grad[:, 0]


def score_function_estimates(
    log_joint: LogJoint, mu: Tensor, log_var: Tensor, n_estimates: int, n_samples: int, generator: torch.Generator
) -> Tensor:
    """(n_estimates, D) score-function (REINFORCE) estimates of d ELBO / d mu."""
    means = _leaf_means(mu, n_estimates)
    shape = (n_estimates, n_samples, mu.shape[-1])
    with torch.no_grad():
        z = gaussian_sample(mu.expand(shape), log_var.expand(shape), generator)
        f = log_joint(z) - gaussian_log_density(z, mu, log_var)
    surrogate = (f * gaussian_log_density(z, means, log_var)).mean(1)
    (grad,) = torch.autograd.grad(surrogate.sum(), means)
    return grad[:, 0]


def chunked_estimates(
    estimator: Callable[..., Tensor],
    log_joint: LogJoint,
    mu: Tensor,
    log_var: Tensor,
    n_estimates: int,
    n_samples: int,
    generator: torch.Generator,
    chunk: int = 1 << 15,
) -> Tensor:
    """``estimator``'s estimates computed a block at a time (about ``chunk`` z samples per block)."""
    per_block = max(1, chunk // n_samples)
    blocks = [
        estimator(log_joint, mu, log_var, min(per_block, n_estimates - i), n_samples, generator)
        for i in range(0, n_estimates, per_block)
    ]
    return torch.cat(blocks)
