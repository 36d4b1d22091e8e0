"""Time the vectorised kernels against loops written the way the notebooks write them.

- 17.3: 10,000 small estimates per sample size, one call each, vs one batched array.
- 17.1: the data density as a sum of 600 scipy 2-D normal pdfs vs one matrix product.
- 18.x: 100 lookup tables with scipy's binned_statistic vs one weighted bincount.
- lecture 4: the four 100 x 100 brute-force searches, one loss call per grid point (scipy's
  brute, as the lecture runs them) vs the whole grid as one array expression in blocks; and
  the lecture's own per-point loss (float32 torch.distributions) on the mode-seeking grid.
Usage: python bench/brute_vs_vectorised.py
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from scipy import optimize, stats

from figrepro.lecture4 import divergence
from figrepro.lecture4.brute_force import GridLoss, brute_minimise, grid_values, search_axis
from figrepro.lecture4.coin import CoinModel
from figrepro.lecture4.monte_carlo import mixture_torch
from figrepro.montecarlo import Batch, run_batches
from figrepro.random_streams import legacy_generator
from figrepro.udl.diffusion import training
from figrepro.udl.diffusion.lookup import BinGrid
from figrepro.udl.diffusion.mixture import TRUE_MIXTURE
from figrepro.udl.latent import importance, latent_1d


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def sweep_loop(sizes: list[int]) -> list[np.ndarray]:
    np.random.seed(0)
    return [
        np.array([np.mean(importance.f1(np.random.normal(size=(n, 1)))) for _ in range(10_000)])
        for n in sizes
    ]


def sweep_batched(sizes: list[int]) -> list[np.ndarray]:
    return run_batches(legacy_generator(0), [Batch(10_000, n, importance.f1) for n in sizes])


def density_loop(x1: np.ndarray, x2: np.ndarray, z: np.ndarray) -> np.ndarray:
    mesh = np.dstack(np.meshgrid(x1, x2))
    out = np.zeros(mesh.shape[:2])
    for zi in z:
        m = latent_1d.f(np.float64(zi))
        mvn = stats.multivariate_normal([float(m[0]), float(m[1])], [[0.04, 0], [0, 0.04]])
        out += mvn.pdf(mesh) * stats.norm.pdf(zi) * 0.01
    return out


def tables_loop(rng: np.random.Generator, x: np.ndarray) -> np.ndarray:
    edges = np.arange(-3, 3.01, 0.01)
    out = []
    for t in range(1, 101):
        a = (1 - 0.01511) ** t
        eps = rng.standard_normal(x.size)
        zt = np.clip(np.sqrt(a) * x + np.sqrt(1 - a) * eps, -3, 3)
        s, *_ = stats.binned_statistic(zt, np.clip(eps, -3, 3), "sum", bins=edges)
        c, *_ = stats.binned_statistic(zt, eps, "count", bins=edges)
        out.append(s / (c + 1))
    return np.array(out)


def lecture4_searches() -> None:
    mix, coin, n = divergence.MIXTURE, CoinModel.of([0, 1, 1, 0, 0]), 500
    searches = {
        "mode seeking": (lambda m, s: divergence.kl_normal_to(mix.logpdf, m, s, n), (-4.0, 8.0), (0.1, 3.0)),
        "mass covering": (
            lambda m, s: divergence.kl_to_normal(mix.logpdf, m, s, (-4.0, 8.0), n),
            (-4.0, 8.0),
            (0.1, 3.0),
        ),
        "coin KL": (lambda m, s: coin.kl_loss(m, s, n), (-3.0, 3.0), (0.1, 1.0)),
        "coin ELBO": (lambda m, s: coin.negative_elbo(m, s, n), (-3.0, 3.0), (0.1, 1.0)),
    }
    for name, (loss, mu_range, sigma_range) in searches.items():
        time_search(name, loss, mu_range, sigma_range)
    time_lecture_loop()


def torch_mode_seeking_loss(v: np.ndarray) -> float:
    """KL(Q || P) at one (mu, sigma) the lecture's way: torch.distributions in float32, torch.trapz."""
    import torch
    import torch.distributions as td

    mu, sigma = float(v[0]), float(v[1])
    p = mixture_torch(divergence.MIXTURE)
    q = td.Normal(mu, sigma)
    x = torch.linspace(mu - 4 * sigma, mu + 4 * sigma, 500)
    qx, px = q.log_prob(x).exp(), p.log_prob(x).exp()
    integrand = qx * torch.log(qx / px)
    integrand[qx == 0] = 0
    return float(torch.trapz(integrand, x))


def time_lecture_loop() -> None:
    t_torch, _ = timed(
        lambda: optimize.brute(torch_mode_seeking_loss, [(-4.0, 8.0), (0.1, 3.0)], Ns=100, finish=None)
    )
    mix = divergence.MIXTURE
    axes = search_axis((-4.0, 8.0), 100), search_axis((0.1, 3.0), 100)
    t_vec, _ = timed(
        lambda: grid_values(lambda m, s: divergence.kl_normal_to(mix.logpdf, m, s, 500), *axes, 2000)
    )
    print(
        f"lecture 4 mode seeking, the lecture's per-point torch loss: {t_torch:.2f} s for the grid, "
        f"at once {t_vec:.3f} s ({t_torch / t_vec:.0f}x)"
    )


def time_search(
    name: str, loss: GridLoss, mu_range: tuple[float, float], sigma_range: tuple[float, float]
) -> None:
    def point(v: np.ndarray) -> float:
        return float(loss(np.asarray(v[0]), np.asarray(v[1])))

    ranges = [mu_range, sigma_range]
    t_loop, (_, _, _, loop_grid) = timed(
        lambda: optimize.brute(point, ranges, Ns=100, full_output=True, finish=None)
    )
    axes = search_axis(mu_range, 100), search_axis(sigma_range, 100)
    t_vec, vec_grid = timed(lambda: grid_values(loss, *axes, chunk=2000))
    t_scipy, _ = timed(lambda: optimize.brute(point, ranges, Ns=100))
    t_ours, _ = timed(lambda: brute_minimise(loss, mu_range, sigma_range, 100, 2000))
    print(
        f"lecture 4 {name}: grid point by point {t_loop:.2f} s, at once {t_vec:.3f} s "
        f"({t_loop / t_vec:.0f}x, max difference {np.max(np.abs(loop_grid - vec_grid)):.1e}); "
        f"with the polish {t_scipy:.2f} s vs {t_ours:.3f} s ({t_scipy / t_ours:.0f}x)"
    )


def main() -> None:
    lecture4_searches()
    sizes = [1, 10, 100]
    t_loop, a = timed(lambda: sweep_loop(sizes))
    t_vec, b = timed(lambda: sweep_batched(sizes))
    diff = max(float(np.max(np.abs(x - y))) for x, y in zip(a, b, strict=True))
    print(
        f"17.3 sweep, n in {sizes}: loop {t_loop:.2f} s, batched {t_vec:.3f} s "
        f"({t_loop / t_vec:.0f}x), max difference {diff:.1e}"
    )

    z = np.arange(-3, 3, 0.01)
    x1, x2 = np.arange(-0.5, 2.5, 0.01), np.arange(-1.5, 1.5, 0.01)
    t_loop, a = timed(lambda: density_loop(x1, x2, z))
    t_vec, b = timed(lambda: latent_1d.data_density(x1, x2, z, 0.04))
    print(
        f"17.1 density 300x300 over 600 z: loop {t_loop:.2f} s, matmul {t_vec:.3f} s "
        f"({t_loop / t_vec:.0f}x), max relative difference {np.max(np.abs(a - b) / b.max()):.1e}"
    )

    x = TRUE_MIXTURE.sample(np.random.default_rng(0), 100_000)
    t_loop, _ = timed(lambda: tables_loop(np.random.default_rng(1), x))
    t_vec, _ = timed(
        lambda: training.fit_noise_tables(np.random.default_rng(1), x, 0.01511, 100, BinGrid(3, 0.01))
    )
    print(
        f"18.3 tables, 100 x 1e5 pairs: binned_statistic loop {t_loop:.2f} s, bincount {t_vec:.3f} s "
        f"({t_loop / t_vec:.1f}x)"
    )


if __name__ == "__main__":
    main()
