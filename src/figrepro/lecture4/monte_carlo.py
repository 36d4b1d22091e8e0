"""The lecture's Monte Carlo KL, with its own draws: torch, seeded, float32."""

from __future__ import annotations

import torch
import torch.distributions as td

from figrepro.distributions import GaussianMixture1D


def mixture_torch(mix: GaussianMixture1D) -> td.MixtureSameFamily:
    """``mix`` as a float32 torch distribution (the lecture's ``MixtureSameFamily``)."""
    return td.MixtureSameFamily(
        td.Categorical(torch.tensor(mix.w, dtype=torch.float32)),
        td.Normal(torch.tensor(mix.mu, dtype=torch.float32), torch.tensor(mix.sigma, dtype=torch.float32)),
    )


def monte_carlo_kl_to_standard_normal(mix: GaussianMixture1D, n: int, seed: int, chunk: int) -> float:
    """KL(mix || Norm(0, 1)) as the mean of log p(x) - log q(x) over n draws x ~ mix.

    The draws are the lecture's: torch seeded with ``seed``, ``MixtureSameFamily.sample`` in
    float32. They come in blocks of ``chunk`` (bounded memory); with chunk >= n there is one
    block, as in the lecture. A smaller chunk gives different (equally valid) draws.
    """
    p, q = mixture_torch(mix), td.Normal(0.0, 1.0)
    total, done = 0.0, 0
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        while done < n:
            size = min(chunk, n - done)
            x = p.sample((size,))
            # float32 like the lecture; each block's sum is accumulated in float64
            total += float(torch.log(p.log_prob(x).exp() / q.log_prob(x).exp()).double().sum())
            done += size
    return total / n
