"""Samplers and log-densities of the diagonal Gaussian and the Bernoulli, written out by hand.

The assignment forbids a framework's distributions; these use plain torch tensors, so
autograd flows through them. Every log-density sums over the last axis (one event).
"""

from __future__ import annotations

import math

import torch
from torch import Tensor
from torch.nn.functional import softplus

LOG_2PI = math.log(2 * math.pi)


def gaussian_sample(mu: Tensor, log_var: Tensor, generator: torch.Generator | None = None) -> Tensor:
    """z ~ N(mu, diag(exp(log_var))) as mu + sigma * eps, eps ~ N(0, I): differentiable in mu, log_var."""
    eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype)
    return mu + torch.exp(0.5 * log_var) * eps.to(mu.device)


def gaussian_log_density(z: Tensor, mu: Tensor, log_var: Tensor) -> Tensor:
    """log N(z | mu, diag(exp(log_var)))."""
    return -0.5 * (LOG_2PI + log_var + (z - mu) ** 2 * torch.exp(-log_var)).sum(-1)


def standard_normal_log_density(z: Tensor) -> Tensor:
    """log N(z | 0, I): the prior p(z)."""
    return -0.5 * (LOG_2PI + z**2).sum(-1)


def bernoulli_sample(probs: Tensor, generator: torch.Generator | None = None) -> Tensor:
    """x_d ~ Bernoulli(probs_d): 1 where a uniform draw falls below the probability."""
    u = torch.rand(probs.shape, generator=generator, dtype=probs.dtype)
    return (u.to(probs.device) < probs).to(probs.dtype)


def bernoulli_log_density(x: Tensor, logits: Tensor) -> Tensor:
    """log prod_d p_d^x_d (1-p_d)^(1-x_d) with p = sigmoid(logits), stable for large |logits|.

    log p = logits - softplus(logits) and log(1-p) = -softplus(logits).
    """
    return (x * logits - softplus(logits)).sum(-1)
