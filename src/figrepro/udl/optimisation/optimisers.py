"""The optimisers of chapter 6, each a path of parameter vectors (one row per step, the start first).

Gradient descent with a fixed step or a line search (eq. 6.3, fig. 6.10), stochastic gradient
descent on random batches (fig. 6.5), momentum and Nesterov momentum (eq. 6.11, figs. 6.7-6.8),
normalised gradients and Adam (eqs. 6.13-6.17, fig. 6.9). The stochastic ones draw each batch as
the first ``batch_size`` entries of ``rs.permutation(n_data)``, as notebooks 6.3 and 6.4 do, so a
legacy generator seeded like the notebook gives the notebook's batches.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from figrepro.udl.optimisation.line_search import along, line_search

Gradient = Callable[[np.ndarray], np.ndarray]
BatchGradient = Callable[[np.ndarray, np.ndarray], np.ndarray]  # (phi, indices of the batch)


def _path(start: np.ndarray, n_steps: int) -> np.ndarray:
    path = np.zeros((n_steps + 1, len(start)))
    path[0] = start
    return path


def gradient_descent(gradient: Gradient, start: np.ndarray, step: float, n_steps: int) -> np.ndarray:
    path = _path(start, n_steps)
    for t in range(n_steps):
        path[t + 1] = path[t] - step * gradient(path[t])
    return path


def line_search_descent(
    loss: Callable[[np.ndarray], float],
    gradient: Gradient,
    start: np.ndarray,
    n_steps: int,
    max_dist: float,
    thresh: float = 1e-5,
    max_iter: int = 15,
) -> np.ndarray:
    """Each step goes along -g as far as a line search over [0, max_dist] gradient lengths says."""
    path = _path(start, n_steps)
    for t in range(n_steps):
        g = gradient(path[t])
        bracket = (0.0, 0.33 * max_dist, 0.66 * max_dist, max_dist)
        step = line_search(along(loss, path[t], -g), bracket, thresh, max_iter).solution
        path[t + 1] = path[t] - step * g
    return path


def sgd(
    gradient: BatchGradient,
    start: np.ndarray,
    step: float,
    n_steps: int,
    rs: np.random.RandomState,
    n_data: int,
    batch_size: int,
) -> np.ndarray:
    """phi <- phi - step g on random batches: momentum with beta = 0, bit for bit (m = 0 m + 1 g = g)."""
    return momentum_sgd(gradient, start, step, n_steps, rs, n_data, batch_size, beta=0.0)


def momentum_sgd(
    gradient: BatchGradient,
    start: np.ndarray,
    step: float,
    n_steps: int,
    rs: np.random.RandomState,
    n_data: int,
    batch_size: int,
    beta: float,
    nesterov: bool = False,
) -> np.ndarray:
    """m <- beta m + (1 - beta) g, phi <- phi - step m; Nesterov takes g at phi - step beta m."""
    path = _path(start, n_steps)
    m = np.zeros(len(start))
    for t in range(n_steps):
        indices = rs.permutation(n_data)[:batch_size]
        at = path[t] - step * beta * m if nesterov else path[t]
        m = beta * m + (1 - beta) * gradient(at, indices)
        path[t + 1] = path[t] - step * m
    return path


def normalized_gradients(
    gradient: Gradient, start: np.ndarray, step: float, n_steps: int, epsilon: float = 1e-20
) -> np.ndarray:
    """phi <- phi - step g / (sqrt(g^2) + eps): a fixed step along the sign of each coordinate (eq. 6.14)."""
    path = _path(start, n_steps)
    for t in range(n_steps):
        g = gradient(path[t])
        path[t + 1] = path[t] - step * g / (np.sqrt(g * g) + epsilon)
    return path


def adam(
    gradient: Gradient,
    start: np.ndarray,
    step: float,
    n_steps: int,
    beta: float = 0.9,
    gamma: float = 0.99,
    epsilon: float = 1e-20,
) -> np.ndarray:
    """Momentum on the gradient and its square, corrected for their start at zero (eqs. 6.15-6.17)."""
    path = _path(start, n_steps)
    m = np.zeros(len(start))
    v = np.zeros(len(start))
    for t in range(n_steps):
        g = gradient(path[t])
        m = beta * m + (1 - beta) * g
        v = gamma * v + (1 - gamma) * g * g
        m_tilde = m / (1 - beta ** (t + 1))
        v_tilde = v / (1 - gamma ** (t + 1))
        path[t + 1] = path[t] - step * m_tilde / (np.sqrt(v_tilde) + epsilon)
    return path
