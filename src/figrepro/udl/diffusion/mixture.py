"""The chapter-18 data distribution: a mixture of four 1-D Gaussians."""

from __future__ import annotations

from figrepro.distributions import GaussianMixture1D, Rng

__all__ = ["TRUE_MIXTURE", "GaussianMixture1D", "Rng"]

TRUE_MIXTURE = GaussianMixture1D(
    mu=(1.5, -0.216, 0.45, -1.875), sigma=(0.3, 0.15, 0.525, 0.075), w=(0.2, 0.3, 0.35, 0.15)
)
