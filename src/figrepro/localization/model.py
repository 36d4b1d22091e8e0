"""The lab's probabilistic model: L sensors at s_i read a target at z in R^2.

    z ~ Norm(0, I),    x_ij ~ Norm(-A log ||s_i - z||^2, sigma^2),   j = 1..N.

The log-likelihood keeps its normalising constant (the lab drops -1/2 log 2 pi per reading), so
the ELBO and log p(X) are true log-densities; the posterior is the same either way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from figrepro.distributions import normal_logpdf


@dataclass(frozen=True)
class SensorModel:
    sensors: np.ndarray  # (L, 2)
    attenuation: float  # A
    noise_variance: float  # sigma^2
    readings_per_sensor: int  # N

    @classmethod
    def from_config(cls, cfg: Mapping[str, Any]) -> SensorModel:
        return cls(
            np.asarray(cfg["sensors"], dtype=float),
            float(cfg["attenuation"]),
            float(cfg["noise_variance"]),
            int(cfg["readings_per_sensor"]),
        )

    @property
    def n_sensors(self) -> int:
        return len(self.sensors)

    def signal_means(self, z: np.ndarray) -> np.ndarray:
        """-A log ||s_i - z||^2 for every sensor: z (..., 2) -> (..., L)."""
        sq_dist = np.sum((np.asarray(z, float)[..., None, :] - self.sensors) ** 2, axis=-1)
        with np.errstate(divide="ignore"):  # z on a sensor: an infinite mean, likelihood 0
            return -self.attenuation * np.log(sq_dist)

    def sample_readings(self, rng: np.random.Generator, target: np.ndarray) -> np.ndarray:
        """X (L, N) for a target at ``target``: an independent noise draw per reading, in float32
        as the lab keeps it."""
        means = self.signal_means(np.asarray(target, float))
        noise = rng.standard_normal((self.n_sensors, self.readings_per_sensor))
        return (means[:, None] + np.sqrt(self.noise_variance) * noise).astype(np.float32)

    def log_likelihood(self, readings: np.ndarray, z: np.ndarray) -> np.ndarray:
        """log p(X | z) at every z (..., 2) -> (...), from each sensor's sum and sum of squares."""
        x = np.asarray(readings, dtype=float)
        means = self.signal_means(z)
        n, var = x.shape[1], self.noise_variance
        squares = np.sum(x**2, axis=1) - 2 * means * np.sum(x, axis=1) + n * means**2  # sum_j (x_ij - m_i)^2
        with np.errstate(invalid="ignore"):  # inf - inf on a sensor: the likelihood is 0 there
            total = np.sum(squares, axis=-1)
        total = np.where(np.isnan(total), np.inf, total)
        return -0.5 * total / var - 0.5 * x.size * np.log(2 * np.pi * var)

    def log_joint(self, readings: np.ndarray, z: np.ndarray) -> np.ndarray:
        """log p(X | z) + log Norm(z; 0, I)."""
        return self.log_likelihood(readings, z) + np.sum(normal_logpdf(z), axis=-1)
