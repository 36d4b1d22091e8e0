"""The lecture's coin model, in the unconstrained (logit) space where Q is a Gaussian.

Flips y_1..y_n ~ Bernoulli(theta), theta ~ Uniform(0, 1); with k heads the posterior is
Beta(1 + k, 1 + n - k). In x = logit(theta) the prior density is sigmoid'(x) and

    log p(y, x) = k log s + (n - k) log(1 - s) + log s + log(1 - s),   s = sigmoid(x).

Minimising KL(Q || P) and maximising the ELBO differ by log p(y) = log B(1 + k, 1 + n - k), a
constant, so both searches have the same minimiser; the lecture's two answers differ only by
float32 rounding in a flat valley.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import special, stats

from figrepro.distributions import normal_logpdf
from figrepro.lecture4.divergence import kl_normal_to


@dataclass(frozen=True)
class CoinModel:
    flips: tuple[int, ...]

    @classmethod
    def of(cls, flips: Sequence[int]) -> CoinModel:
        return cls(tuple(int(f) for f in flips))

    @property
    def heads(self) -> int:
        return sum(self.flips)

    @property
    def tails(self) -> int:
        return len(self.flips) - self.heads

    def log_joint(self, x: np.ndarray) -> np.ndarray:
        """log p(flips, x) in the logit space (likelihood times the transformed uniform prior)."""
        log_s, log_1ms = special.log_expit(x), special.log_expit(-np.asarray(x, float))
        return (self.heads + 1) * log_s + (self.tails + 1) * log_1ms

    def log_evidence_exact(self) -> float:
        return float(special.betaln(self.heads + 1, self.tails + 1))

    def log_posterior(self, x: np.ndarray) -> np.ndarray:
        """log p(x | flips): the Beta posterior carried to the logit space."""
        return self.log_joint(x) - self.log_evidence_exact()

    def posterior_density_theta(self, theta: np.ndarray) -> np.ndarray:
        """The exact Beta(1 + k, 1 + n - k) posterior on theta in [0, 1]."""
        return stats.beta.pdf(theta, self.heads + 1, self.tails + 1)

    def kl_loss(self, mu: np.ndarray, sigma: np.ndarray, points: int) -> np.ndarray:
        """KL(Norm(mu, sigma^2) || p(x | flips)) over mu -/+ 4 sigma (the lecture's DKL_QP)."""
        return kl_normal_to(self.log_posterior, mu, sigma, points)

    def negative_elbo(self, mu: np.ndarray, sigma: np.ndarray, points: int) -> np.ndarray:
        """-ELBO = int q (log q - log p(flips, x)) dx over mu -/+ 4 sigma (the lecture's ELBO_loss)."""
        return kl_normal_to(self.log_joint, mu, sigma, points)

    def log_evidence(self, span: tuple[float, float], points: int) -> float:
        """log p(flips) by the trapezoid rule over x in ``span`` (the lecture: [-4, 4], 500 nodes)."""
        x = np.linspace(*span, points)
        return float(np.log(np.trapezoid(np.exp(self.log_joint(x)), x)))


def gaussian_in_theta(theta: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    """Density on theta = sigmoid(x) of x ~ Norm(mu, sigma^2): q(logit theta) / (theta (1 - theta))."""
    theta = np.asarray(theta, float)
    inside = (theta > 0) & (theta < 1)
    t = np.where(inside, theta, 0.5)
    log_q = normal_logpdf(special.logit(t), mu, sigma) - np.log(t) - np.log1p(-t)
    return np.where(inside, np.exp(log_q), 0.0)
