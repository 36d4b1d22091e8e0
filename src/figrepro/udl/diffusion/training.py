"""Training pairs and table fitting for the chapter-18 diffusion models.

Table index k (0..T-1) always belongs to timestep t = k + 1 and is trained on
z_t ~ q(z_t | x) with alpha_t = (1-beta)^t, the book's convention. (Notebooks 18.3/18.4
train table k at alpha = (1-beta)^k and shift alpha by one step when sampling; see docs/sources.md.)
"""

from __future__ import annotations

import numpy as np

from figrepro.udl.diffusion.forward import alphas, reverse_conditional
from figrepro.udl.diffusion.lookup import BinGrid, TableAccumulator


def _blocks(T: int, block: int) -> list[np.ndarray]:
    return [np.arange(s, min(s + block, T)) + 1 for s in range(0, T, block)]


def fit_mean_tables(
    rng: np.random.Generator, x: np.ndarray, beta: float, T: int, grid: BinGrid, block: int = 10
) -> np.ndarray:
    """Tables of the mean offset z_{t-1} - z_t given z_t (notebook 18.2, eq. 18.15 pairs).

    For each t: z_t ~ q(z_t|x), then z_{t-1} ~ q(z_{t-1}|z_t, x) (z_0 = x at t = 1).
    The target is clip(z_{t-1}) - clip(z_t); prediction adds it back to z_t.
    """
    alpha = alphas(beta, T)
    acc = TableAccumulator(T, grid)
    m = grid.max_abs
    for ts in _blocks(T, block):
        a_t, a_prev = alpha[ts][:, None], alpha[ts - 1][:, None]
        z_t = np.sqrt(a_t) * x + np.sqrt(1.0 - a_t) * rng.standard_normal((len(ts), x.size))
        mean, std = reverse_conditional(x, z_t, a_t, a_prev, beta)
        z_prev = mean + std * rng.standard_normal(z_t.shape)
        z_prev[ts == 1] = x
        target = np.clip(z_prev, -m, m) - np.clip(z_t, -m, m)
        acc.add(ts - 1, z_t, target)
    return acc.tables()


def fit_noise_tables(
    rng: np.random.Generator, x: np.ndarray, beta: float, T: int, grid: BinGrid, block: int = 10
) -> np.ndarray:
    """Tables of the expected noise eps given z_t = sqrt(alpha_t) x + sqrt(1-alpha_t) eps (Alg. 18.1)."""
    alpha = alphas(beta, T)
    acc = TableAccumulator(T, grid)
    for ts in _blocks(T, block):
        a_t = alpha[ts][:, None]
        eps = rng.standard_normal((len(ts), x.size))
        acc.add(ts - 1, np.sqrt(a_t) * x + np.sqrt(1.0 - a_t) * eps, eps)
    return acc.tables()
