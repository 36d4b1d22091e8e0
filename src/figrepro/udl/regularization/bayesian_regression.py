"""Notebook 9.4 (fig. 9.11): the Bayesian treatment of a model linear in its parameters, with fixed
ReLU features h_k(x) = ReLU[x - k/K] and a bias, phi = [omega_1 .. omega_K, beta].

With a prior Norm(0, sigma_p^2 I) and noise variance sigma^2 the posterior is normal with
covariance S = (H H^T / sigma^2 + I / sigma_p^2)^-1 and mean S H y / sigma^2. The notebook's
predictive variance is h*^T S h*, the parameters' share only (it adds no sigma^2).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TWO_PI_AS_WRITTEN = 2 * 3.1413  # the notebook's true function uses 3.1413, not pi


def true_function(x: np.ndarray) -> np.ndarray:
    return np.exp(np.sin(x * TWO_PI_AS_WRITTEN))


def generate_data(rs: np.random.RandomState, n: int, sigma: float) -> tuple[np.ndarray, np.ndarray]:
    """x_i ~ U[i/n, (i+1)/n], then y_i = f(x_i) + Norm(0, sigma^2): every uniform draw first, one draw
    per point, in the notebook's order (it draws arrays of one and assigns them; here scalars)."""
    x = np.array([rs.uniform(i / n, (i + 1) / n) for i in range(n)])
    y = true_function(x) + np.array([rs.normal(0, sigma) for _ in range(n)])
    return x, y


def features(x: np.ndarray, n_hidden: int) -> np.ndarray:
    """H: one column [ReLU(x - 0), ReLU(x - 1/K), ..., ReLU(x - (K-1)/K), 1] per input, (K+1, N)."""
    offsets = np.arange(n_hidden) / n_hidden
    return np.vstack([np.clip(np.asarray(x)[None, :] - offsets[:, None], 0, None), np.ones((1, np.size(x)))])


@dataclass(frozen=True)
class Posterior:
    mean: np.ndarray  # (K+1,)
    covariance: np.ndarray  # (K+1, K+1)

    def predict(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Predictive mean h*^T mu and (the notebook's) variance h*^T S h* at each x."""
        h = features(x, len(self.mean) - 1)
        return h.T @ self.mean, np.einsum("kn,kl,ln->n", h, self.covariance, h)

    def model(self, x: np.ndarray, phi: np.ndarray) -> np.ndarray:
        return features(x, len(self.mean) - 1).T @ phi


def posterior(x: np.ndarray, y: np.ndarray, n_hidden: int, sigma_sq: float, sigma_p_sq: float) -> Posterior:
    h = features(x, n_hidden)
    covariance = np.linalg.inv(h @ h.T / sigma_sq + np.eye(n_hidden + 1) / sigma_p_sq)
    return Posterior(covariance @ h @ y / sigma_sq, covariance)
