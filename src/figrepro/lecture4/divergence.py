"""KL divergences of 1-D densities the lecture's way: the trapezoid rule on a grid.

Everything is vectorised over leading axes: ``x`` may hold one grid per (mu, sigma) pair of a
whole search grid, so a brute-force search is one array expression instead of a loop.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from figrepro.distributions import GaussianMixture1D, normal_logpdf

LogDensity = Callable[[np.ndarray], np.ndarray]

#: the lecture's P: 0.4 Norm(-1, 0.75^2) + 0.6 Norm(4, 0.5^2)
MIXTURE = GaussianMixture1D(mu=(-1.0, 4.0), sigma=(0.75, 0.5), w=(0.4, 0.6))
#: Q's grid in the mode-seeking losses spans mu -/+ this many sigma, as in the lecture
Q_SPAN = 4.0


def trapezoid_kl(log_p: np.ndarray, log_q: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The trapezoid rule for KL(p || q) = int p (log p - log q) dx over the last axis.

    Where p is 0 the integrand is 0 (the lecture's ``I[px == 0] = 0``).
    """
    p = np.exp(log_p)
    with np.errstate(invalid="ignore"):
        integrand = np.where(p > 0, p * (log_p - log_q), 0.0)
    return np.trapezoid(integrand, x, axis=-1)


def q_grid(mu: np.ndarray, sigma: np.ndarray, points: int) -> np.ndarray:
    """For each (mu, sigma): ``points`` equally spaced nodes on [mu - 4 sigma, mu + 4 sigma]."""
    mu, sigma = np.asarray(mu, float)[..., None], np.asarray(sigma, float)[..., None]
    return mu + sigma * np.linspace(-Q_SPAN, Q_SPAN, points)


def kl_normal_to(log_target: LogDensity, mu: np.ndarray, sigma: np.ndarray, points: int) -> np.ndarray:
    """KL(Norm(mu, sigma^2) || target), integrated over mu -/+ 4 sigma (the mode-seeking loss)."""
    mu, sigma = np.asarray(mu, float), np.asarray(sigma, float)
    x = q_grid(mu, sigma, points)
    return trapezoid_kl(normal_logpdf(x, mu[..., None], sigma[..., None]), log_target(x), x)


def kl_to_normal(
    log_target: LogDensity, mu: np.ndarray, sigma: np.ndarray, span: tuple[float, float], points: int
) -> np.ndarray:
    """KL(target || Norm(mu, sigma^2)) on the fixed interval ``span`` (the mass-covering loss)."""
    mu, sigma = np.asarray(mu, float)[..., None], np.asarray(sigma, float)[..., None]
    x = np.linspace(*span, points)
    return trapezoid_kl(log_target(x), normal_logpdf(x, mu, sigma), x)
