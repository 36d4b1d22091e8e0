"""Univariate densities evaluated elementwise on arrays, and 1-D Gaussian mixtures (scipy, a third
of a second to import, only for a mixture's cdf)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

Rng = np.random.Generator | np.random.RandomState


def normal_pdf(x: ArrayLike, mu: ArrayLike = 0.0, sigma: ArrayLike = 1.0) -> np.ndarray:
    """Density of Norm(mu, sigma^2) at x (broadcasting)."""
    x, mu, sigma = np.asarray(x, float), np.asarray(mu, float), np.asarray(sigma, float)
    d = (x - mu) / sigma
    return np.exp(-0.5 * d * d) / (np.sqrt(2.0 * np.pi) * sigma)


def normal_logpdf(x: ArrayLike, mu: ArrayLike = 0.0, sigma: ArrayLike = 1.0) -> np.ndarray:
    """log of the density of Norm(mu, sigma^2) at x (broadcasting)."""
    x, mu, sigma = np.asarray(x, float), np.asarray(mu, float), np.asarray(sigma, float)
    d = (x - mu) / sigma
    return -0.5 * d * d - np.log(sigma) - 0.5 * np.log(2.0 * np.pi)


@dataclass(frozen=True)
class GaussianMixture1D:
    """Weights ``w`` of components Norm(mu_k, sigma_k^2)."""

    mu: tuple[float, ...]
    sigma: tuple[float, ...]
    w: tuple[float, ...]

    def pdf(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, float)
        return sum(w * normal_pdf(x, m, s) for m, s, w in zip(self.mu, self.sigma, self.w, strict=True))

    def logpdf(self, x: np.ndarray) -> np.ndarray:
        """log pdf, summing the components with ``logaddexp`` (finite far in the tails)."""
        x = np.asarray(x, float)
        parts = zip(self.mu, self.sigma, self.w, strict=True)
        terms = (np.log(w) + normal_logpdf(x, m, s) for m, s, w in parts)
        return functools.reduce(np.logaddexp, terms)

    def cdf(self, x: np.ndarray) -> np.ndarray:
        from scipy.special import ndtr

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
