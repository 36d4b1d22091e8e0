"""Notebook 17.1: a 1-D latent variable z ~ Norm(0, 1) mapped to 2-D x = f(z) + noise.

f(z) = (0.5 exp(sin(2 + 3.675 z)), cos(2 + 2.85 z)) (the notebook's code uses cos for x2),
Pr(x|z) = Norm(x; f(z), sigma^2 I). Integrals over z are Riemann sums on the z grid.
"""

from __future__ import annotations

import numpy as np

from figrepro.distributions import normal_pdf


def f(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The mapping from latent z to the mean of (x1, x2)."""
    z = np.asarray(z, float)
    return 0.5 * np.exp(np.sin(2.0 + 3.675 * z)), np.cos(2.0 + 2.85 * z)


def prior(z: np.ndarray) -> np.ndarray:
    """Pr(z) = Norm(0, 1)."""
    return normal_pdf(z)


def likelihood(x1: np.ndarray, x2: np.ndarray, z: float, sigma_sq: float) -> np.ndarray:
    """Pr(x1, x2 | z) on a grid: x1 along columns, x2 along rows (as ``np.meshgrid``)."""
    m1, m2 = f(np.float64(z))
    s = np.sqrt(sigma_sq)
    return normal_pdf(x2, m2, s)[:, None] * normal_pdf(x1, m1, s)[None, :]


def data_density(x1: np.ndarray, x2: np.ndarray, z: np.ndarray, sigma_sq: float) -> np.ndarray:
    """Pr(x1, x2) = sum_z Pr(x|z) Pr(z) dz on the grid, rows x2, columns x1.

    The isotropic likelihood factorises over x1 and x2, so the sum over z is one
    matrix product (len(x2) x len(z)) @ (len(z) x len(x1)).
    """
    dz = float(z[1] - z[0])
    m1, m2 = f(z)
    s = np.sqrt(sigma_sq)
    a1 = normal_pdf(x1[None, :], m1[:, None], s)  # (z, x1)
    a2 = normal_pdf(x2[None, :], m2[:, None], s)  # (z, x2)
    return (a2 * (prior(z) * dz)[:, None]).T @ a1


def posterior(x1: float, x2: float, z: np.ndarray, sigma_sq: float) -> np.ndarray:
    """Pr(z | x1, x2) on the z grid, normalised to sum to one (as in the notebook)."""
    m1, m2 = f(z)
    s = np.sqrt(sigma_sq)
    joint = normal_pdf(x1, m1, s) * normal_pdf(x2, m2, s) * prior(z)
    return joint / joint.sum()


def sample(rng: np.random.Generator, n: int, sigma_sq: float) -> np.ndarray:
    """Ancestral samples: z ~ Norm(0, 1), then x ~ Norm(f(z), sigma^2 I); shape (n, 2)."""
    z = rng.standard_normal(n)
    m1, m2 = f(z)
    noise = rng.standard_normal((n, 2)) * np.sqrt(sigma_sq)
    return np.column_stack([m1, m2]) + noise
