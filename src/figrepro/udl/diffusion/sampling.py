"""Reverse-process samplers for the chapter-18 lookup-table models.

Every sampler starts at z_T ~ Norm(0, 1), keeps the whole path of the first ``n_keep``
samples (for trajectory plots) and returns the final z_0 of all samples. Table k serves
timestep t = k + 1 (see ``figrepro.udl.diffusion.training``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from figrepro.udl.diffusion.lookup import BinGrid, lookup


@dataclass(frozen=True)
class SampleRun:
    """Final samples, kept paths (row i at ``timesteps[i]``), and the timesteps visited."""

    samples: np.ndarray
    paths: np.ndarray
    timesteps: np.ndarray


Step = Callable[[int, int, np.ndarray], np.ndarray]  # (t, t_prev, z_t) -> noiseless z_{t_prev}


def _run(
    rng: np.random.Generator,
    schedule: Sequence[int],
    step: Step,
    noise_std: Callable[[int, int], float],
    n: int,
    n_keep: int,
) -> SampleRun:
    schedule = list(schedule)
    z = rng.standard_normal(n)
    paths = np.empty((len(schedule), min(n_keep, n)))
    paths[0] = z[: paths.shape[1]]
    for i, (t, t_prev) in enumerate(itertools.pairwise(schedule), start=1):
        z = step(t, t_prev, z)
        s = noise_std(t, t_prev)
        if s > 0:
            z = z + s * rng.standard_normal(n)
        if not np.all(np.isfinite(z)):
            raise FloatingPointError(f"sampler produced non-finite values at t={t_prev}")
        paths[i] = z[: paths.shape[1]]
    # rows ordered by timestep, z_0 first, like the notebooks' sample arrays
    return SampleRun(samples=z, paths=paths[::-1].copy(), timesteps=np.asarray(schedule[::-1]))


def _ancestral_noise(sigma_t: float, at_last_step: bool) -> Callable[[int, int], float]:
    """sigma_t on every step, except into z_0 unless ``at_last_step`` (eq. 18.16, Alg. 18.2)."""

    def noise(t: int, _t_prev: int) -> float:
        return sigma_t if (t > 1 or at_last_step) else 0.0

    return noise


def sample_mean_model(
    rng: np.random.Generator,
    tables: np.ndarray,
    grid: BinGrid,
    sigma_t: float,
    n: int,
    noise_at_last_step: bool = False,
    n_keep: int = 5,
) -> SampleRun:
    """Notebook 18.2 / eq. 18.16: z_{t-1} = f_t(z_t) + sigma_t eps (no noise into z_0 by default)."""
    T = tables.shape[0]

    def step(t: int, _t_prev: int, z: np.ndarray) -> np.ndarray:
        return z + lookup(tables, grid, t - 1, z)

    return _run(rng, range(T, -1, -1), step, _ancestral_noise(sigma_t, noise_at_last_step), n, n_keep)


def sample_noise_model(
    rng: np.random.Generator,
    tables: np.ndarray,
    grid: BinGrid,
    alpha: np.ndarray,
    beta: float,
    sigma_t: float,
    n: int,
    noise_at_last_step: bool = False,
    n_keep: int = 5,
) -> SampleRun:
    """Algorithm 18.2: z_{t-1} = (z_t - beta / sqrt(1-alpha_t) g_t(z_t)) / sqrt(1-beta) + sigma_t eps."""
    T = tables.shape[0]
    keep = np.sqrt(1.0 - beta)

    def step(t: int, _t_prev: int, z: np.ndarray) -> np.ndarray:
        g = lookup(tables, grid, t - 1, z)
        return z / keep - beta / (np.sqrt(1.0 - alpha[t]) * keep) * g

    return _run(rng, range(T, -1, -1), step, _ancestral_noise(sigma_t, noise_at_last_step), n, n_keep)


def ddim_schedule(T: int, n_steps: int) -> list[int]:
    """Timesteps T, ..., 0 in ``n_steps`` equal jumps (``n_steps`` = T: every step)."""
    if T % n_steps:
        raise ValueError(f"n_steps={n_steps} must divide T={T}")
    return [T * c // n_steps for c in range(n_steps, -1, -1)]


def sample_ddim(
    rng: np.random.Generator,
    tables: np.ndarray,
    grid: BinGrid,
    alpha: np.ndarray,
    sigma: float,
    n: int,
    schedule: Sequence[int],
    n_keep: int = 5,
) -> SampleRun:
    """DDIM (Song et al. 2021, eq. 12) along ``schedule``, noise ``sigma`` per jump.

    z_prev = sqrt(a_prev) (z_t - sqrt(1-a_t) g) / sqrt(a_t) + sqrt(1 - a_prev - s^2) g + s eps,
    with s = min(sigma, sqrt(1 - a_prev)): the jump into z_0 (a_prev = 1) is deterministic.
    """

    def sigma_at(t_prev: int) -> float:
        return min(sigma, float(np.sqrt(1.0 - alpha[t_prev])))

    def step(t: int, t_prev: int, z: np.ndarray) -> np.ndarray:
        g = lookup(tables, grid, t - 1, z)
        a_t, a_prev, s = alpha[t], alpha[t_prev], sigma_at(t_prev)
        x0 = (z - np.sqrt(1.0 - a_t) * g) / np.sqrt(a_t)
        return np.sqrt(a_prev) * x0 + np.sqrt(max(1.0 - a_prev - s * s, 0.0)) * g

    def noise(_t: int, t_prev: int) -> float:
        return sigma_at(t_prev)

    return _run(rng, schedule, step, noise, n, n_keep)
