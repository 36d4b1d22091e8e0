"""SVI from several starts (``figrepro.vae.svi``): on a two-mode target where Adam from the prior
settles on the minor mode, the kept fit covers the main one, as close as the best diagonal Gaussian."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from figrepro.grid2d import Grid, grid_kl
from figrepro.vae.densities import gaussian_log_density
from figrepro.vae.svi import TIE_NATS, best_gaussian, fit_gaussian, gaussian_on_grid, grid_modes, svi_starts

# 0.89 N((0, 2.5), 0.2^2 I) + 0.11 N((1, 0), 0.3^2 I): the minor mode lies next to the prior's mean,
# the main one beyond it, so Adam from N(0, I) drifts into the minor mode and stays (KL ~ -log 0.11).
WEIGHTS = torch.tensor([0.89, 0.11])
MEANS = torch.tensor([[0.0, 2.5], [1.0, 0.0]])
SDS = torch.tensor([[0.2, 0.2], [0.3, 0.3]])
SVI = {"steps": 300, "samples": 50, "lr": 0.05}


def gen(seed: int = 0) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def two_modes(z: torch.Tensor) -> torch.Tensor:
    parts = [gaussian_log_density(z, MEANS[c], 2 * SDS[c].log()) + WEIGHTS[c].log() for c in range(2)]
    return torch.logsumexp(torch.stack(parts, -1), -1)


@pytest.fixture(scope="module")
def target_on_grid() -> tuple[Grid, np.ndarray]:
    grid = Grid.window(np.array([-1.2, -1.2]), np.array([2.2, 3.3]), 81)
    log_p = two_modes(torch.from_numpy(grid.points()).float()).double().numpy().reshape(grid.shape)
    return grid, log_p


def test_starts_from_the_grid_posteriors_modes_reach_the_main_mode(
    target_on_grid: tuple[Grid, np.ndarray],
) -> None:
    grid, log_p = target_on_grid
    best = best_gaussian(log_p, grid)
    assert best.kl == pytest.approx(-math.log(0.89), abs=2e-3)
    np.testing.assert_allclose(best.mu, MEANS[0].numpy(), atol=1e-3)

    def kl(mu: np.ndarray, sigma: np.ndarray) -> float:
        return grid_kl(gaussian_on_grid(grid, mu, sigma), log_p, grid.spacing)

    single = fit_gaussian(two_modes, **SVI, generator=gen(1))  # the assignment's start alone: the prior
    np.testing.assert_allclose(single.mu, MEANS[1].numpy(), atol=0.05)
    assert kl(single.mu, single.sigma) > 2.0

    generator = gen(1)
    start_mu, start_sigma = svi_starts(log_p, grid, 3, generator)
    fit = fit_gaussian(two_modes, **SVI, generator=generator, start_mu=start_mu, start_sigma=start_sigma)
    np.testing.assert_allclose(fit.mu, MEANS[0].numpy(), atol=0.05)
    assert kl(fit.mu, fit.sigma) < best.kl + 0.05
    assert fit.final_elbo[fit.kept] >= fit.final_elbo.max() - TIE_NATS
    assert np.all(fit.final_elbo[: fit.kept] < fit.final_elbo.max() - TIE_NATS)  # the earliest of the ties
    np.testing.assert_array_equal(fit.elbo.shape, (SVI["steps"],))


def test_starts_are_the_prior_then_the_modes_highest_first_then_prior_draws(
    target_on_grid: tuple[Grid, np.ndarray],
) -> None:
    grid, log_p = target_on_grid
    modes = grid_modes(log_p, grid)
    assert len(modes) == 2
    np.testing.assert_allclose(modes, MEANS.numpy(), atol=grid.spacing)
    mu, sigma = svi_starts(log_p, grid, 4, gen(2))
    assert mu.shape == sigma.shape == (4, 2)
    np.testing.assert_array_equal(mu[0], [0.0, 0.0])
    np.testing.assert_array_equal(mu[1:3], modes)
    np.testing.assert_array_equal(sigma[[0, 3]], np.ones((2, 2)))
    assert np.all(sigma[1:3] < 1.0)  # the posterior's own spread
    mu_one, sigma_one = svi_starts(log_p, grid, 1, gen(2))
    np.testing.assert_array_equal(mu_one, np.zeros((1, 2)))
    np.testing.assert_array_equal(sigma_one, np.ones((1, 2)))


def test_best_gaussian_of_a_gaussian_is_itself() -> None:
    grid = Grid.square(3.0, 0.05)
    mu, sigma = np.array([0.3, -0.5]), np.array([0.4, 0.25])
    best = best_gaussian(gaussian_on_grid(grid, mu, sigma), grid, [(np.array([1.5, 1.0]), np.ones(2))])
    assert best.kl == pytest.approx(0.0, abs=1e-7)
    np.testing.assert_allclose(best.mu, mu, atol=1e-4)
    np.testing.assert_allclose(best.sigma, sigma, rtol=1e-3)


def test_best_gaussian_of_a_correlated_gaussian_matches_the_closed_form() -> None:
    """p = N(0, [[1, r], [r, 1]]): the best diagonal q has sd sqrt(1 - r^2), KL -log(1 - r^2) / 2."""
    r = 0.8
    grid = Grid.square(6.0, 0.1)
    z = grid.points()
    log_p = (-(z[:, 0] ** 2 - 2 * r * z[:, 0] * z[:, 1] + z[:, 1] ** 2) / (2 * (1 - r**2))).reshape(
        grid.shape
    )
    best = best_gaussian(log_p, grid)
    assert best.kl == pytest.approx(-0.5 * math.log(1 - r**2), abs=1e-4)
    np.testing.assert_allclose(best.mu, [0.0, 0.0], atol=1e-3)
    np.testing.assert_allclose(best.sigma, [math.sqrt(1 - r**2)] * 2, rtol=1e-3)


def test_the_same_seed_gives_the_same_fit_bit_for_bit(target_on_grid: tuple[Grid, np.ndarray]) -> None:
    grid, log_p = target_on_grid

    def run() -> tuple[np.ndarray, ...]:
        generator = gen(3)
        start_mu, start_sigma = svi_starts(log_p, grid, 4, generator)
        fit = fit_gaussian(
            two_modes,
            steps=60,
            samples=20,
            lr=0.05,
            generator=generator,
            start_mu=start_mu,
            start_sigma=start_sigma,
        )
        return start_mu, fit.mu, fit.sigma, fit.elbo, fit.final_mu, fit.final_sigma, fit.final_elbo, fit.kept

    for first, second in zip(run(), run(), strict=True):
        np.testing.assert_array_equal(first, second)


def test_a_diverging_run_among_several_names_the_step_size() -> None:
    def nan_away_from_the_origin(z: torch.Tensor) -> torch.Tensor:
        return torch.where(z[..., 0] > 2.0, float("nan"), -(z**2).sum(-1))

    with pytest.raises(FloatingPointError, match=r"start 1\); try a smaller vae\.svi\.lr"):
        fit_gaussian(
            nan_away_from_the_origin,
            steps=3,
            samples=4,
            lr=0.1,
            generator=gen(8),
            start_mu=np.array([[0.0, 0.0], [5.0, 0.0]]),
            start_sigma=np.full((2, 2), 0.1),
        )
