"""The chapter-18 data distribution: a mixture of four 1-D Gaussians."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr

from figrepro.distributions import normal_pdf

Rng = np.random.Generator | np.random.RandomState


@dataclass(frozen=True)
class GaussianMixture1D:
    """Weights ``w`` of components Norm(mu_k, sigma_k^2)."""

    mu: tuple[float, ...]
    sigma: tuple[float, ...]
    w: tuple[float, ...]

    def pdf(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, float)
        return sum(w * normal_pdf(x, m, s) for m, s, w in zip(self.mu, self.sigma, self.w, strict=True))

    def cdf(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, float)
        return sum(w * ndtr((x - m) / s) for m, s, w in zip(self.mu, self.sigma, self.w, strict=True))

    @property
    def mean(self) -> float:
        return float(np.dot(self.w, self.mu))

    @property
    def std(self) -> float:
        second = np.dot(self.w, np.square(self.mu) + np.square(self.sigma))
        return float(np.sqrt(second - self.mean**2))

    def sample(self, rng: Rng, n: int) -> np.ndarray:
        """Pick components, then draw: the notebooks' order (``choice`` then ``normal``)."""
        k = rng.choice(len(self.w), n, p=self.w)
        eps = rng.standard_normal(n)
        return np.asarray(self.mu)[k] + np.asarray(self.sigma)[k] * eps


TRUE_MIXTURE = GaussianMixture1D(
    mu=(1.5, -0.216, 0.45, -1.875), sigma=(0.3, 0.15, 0.525, 0.075), w=(0.2, 0.3, 0.35, 0.15)
)
