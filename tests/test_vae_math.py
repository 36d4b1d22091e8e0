"""The VAE's hand-written densities, grid integration, gradient estimators and SVI, each against
torch.distributions, scipy or a closed form."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from scipy import special, stats

from figrepro.grid2d import Grid, grid_kl, grid_moments, log_integrate, logsumexp
from figrepro.vae import densities as d
from figrepro.vae.gradient_estimators import gradient_estimates
from figrepro.vae.svi import fit_gaussian


def gen(seed: int = 0) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def test_gaussian_log_density_matches_torch_distributions() -> None:
    g = gen()
    mu, log_var, z = (torch.randn(7, 3, generator=g, dtype=torch.float64) for _ in range(3))
    expected = torch.distributions.Normal(mu, torch.exp(0.5 * log_var)).log_prob(z).sum(-1)
    torch.testing.assert_close(d.gaussian_log_density(z, mu, log_var), expected, rtol=1e-12, atol=1e-12)


def test_standard_normal_log_density_matches_scipy() -> None:
    z = np.random.default_rng(1).normal(size=(5, 2))
    expected = stats.multivariate_normal(mean=np.zeros(2)).logpdf(z)
    np.testing.assert_allclose(
        d.standard_normal_log_density(torch.from_numpy(z)).numpy(), expected, rtol=1e-12
    )


def test_bernoulli_log_density_matches_torch_distributions_even_for_large_logits() -> None:
    logits = torch.tensor([[-200.0, -3.0, 0.0, 2.5, 150.0]], dtype=torch.float64)
    x = torch.tensor([[0.0, 1.0, 1.0, 0.0, 1.0]], dtype=torch.float64)
    expected = torch.distributions.Bernoulli(logits=logits).log_prob(x).sum(-1)
    torch.testing.assert_close(d.bernoulli_log_density(x, logits), expected)
    assert torch.isfinite(d.bernoulli_log_density(1 - x, logits)).all()


def test_gaussian_sampler_has_the_asked_moments_and_is_differentiable() -> None:
    mu = torch.tensor([1.0, -2.0], dtype=torch.float64, requires_grad=True)
    log_var = torch.log(torch.tensor([0.25, 4.0], dtype=torch.float64)).requires_grad_()
    z = d.gaussian_sample(mu.expand(200_000, 2), log_var.expand(200_000, 2), gen(2))
    np.testing.assert_allclose(z.mean(0).detach().numpy(), [1.0, -2.0], atol=0.02)
    np.testing.assert_allclose(z.var(0).detach().numpy(), [0.25, 4.0], rtol=0.02)
    z.mean(0).sum().backward()
    torch.testing.assert_close(mu.grad, torch.ones(2, dtype=torch.float64))


def test_bernoulli_sampler_frequencies() -> None:
    probs = torch.tensor([0.0, 0.1, 0.5, 0.9, 1.0], dtype=torch.float64).expand(100_000, 5)
    x = d.bernoulli_sample(probs, gen(3))
    assert set(torch.unique(x).tolist()) <= {0.0, 1.0}
    np.testing.assert_allclose(x.mean(0).numpy(), [0.0, 0.1, 0.5, 0.9, 1.0], atol=0.005)


def test_logsumexp_matches_scipy_and_survives_extremes() -> None:
    a = np.array([[-1000.0, -1001.0, -np.inf], [800.0, 799.0, 0.0]])
    np.testing.assert_allclose(logsumexp(a, axis=1), special.logsumexp(a, axis=1), rtol=1e-14)
    np.testing.assert_allclose(logsumexp(a), special.logsumexp(a), rtol=1e-14)
    assert logsumexp(np.full(3, -np.inf)) == -np.inf


def test_grid_integral_of_a_normalised_gaussian_is_one() -> None:
    grid = Grid.square(4.0, 0.1)
    assert grid.shape == (81, 81) and grid.points().shape == (6561, 2)
    z = torch.from_numpy(grid.points())
    mu, log_var = torch.tensor([0.3, -0.5]), torch.log(torch.tensor([0.4, 0.2]))
    log_q = d.gaussian_log_density(z, mu.double(), log_var.double()).numpy().reshape(grid.shape)
    assert abs(float(log_integrate(log_q, grid.spacing))) < 1e-8
    mean, sd = grid_moments(log_q, grid)
    np.testing.assert_allclose(mean, [0.3, -0.5], atol=1e-7)
    np.testing.assert_allclose(sd, np.sqrt([0.4, 0.2]), rtol=1e-7)
    # KL between two Gaussians on the grid against the closed form
    log_p = (
        d.gaussian_log_density(z, torch.zeros(2).double(), torch.zeros(2).double())
        .numpy()
        .reshape(grid.shape)
    )
    var = np.array([0.4, 0.2])
    closed = 0.5 * np.sum(var + np.array([0.3, -0.5]) ** 2 - 1 - np.log(var))
    # the grid cuts 1e-4 of the prior's mass beyond +/-4, so agreement is to about 1e-4
    assert grid_kl(log_q, log_p, grid.spacing) == pytest.approx(closed, abs=3e-4)


def test_window_grid_has_square_cells_covering_the_box() -> None:
    grid = Grid.window(np.array([-1.0, 0.0]), np.array([1.0, 0.5]), 41)
    assert grid.z1[0] == -1.0 and grid.z1[-1] == pytest.approx(1.0)
    assert grid.z2[-1] == pytest.approx(0.5) and grid.spacing == pytest.approx(0.05)
    assert grid.z2[1] - grid.z2[0] == pytest.approx(grid.spacing)


# A Gaussian "log joint": log p(x, z) = log N(z | m, s^2 I) + c. Then for q = N(mu, sigma^2 I),
# d ELBO / d mu = -(mu - m) / s^2 exactly.
M, S2, C = torch.tensor([1.0, -0.5]), 0.5, -3.0


def gaussian_log_joint(z: torch.Tensor) -> torch.Tensor:
    return d.gaussian_log_density(z, M, torch.full((2,), math.log(S2))) + C


@pytest.mark.parametrize("method", ["reparam", "score"])
def test_gradient_estimators_are_unbiased(method: str) -> None:
    mu, log_var = torch.tensor([0.2, 0.4]), torch.log(torch.tensor([0.3, 0.6]))
    est = gradient_estimates(method, gaussian_log_joint, mu, log_var, 4000, 50, gen(4), chunk=20_000)
    assert est.shape == (4000, 2)
    exact = (-(mu - M) / S2).numpy()
    se = est.std(0).numpy() / math.sqrt(len(est))
    assert np.all(np.abs(est.mean(0).numpy() - exact) < 4 * se)


def test_score_function_estimates_vary_far_more() -> None:
    mu, log_var = torch.tensor([0.2, 0.4]), torch.log(torch.tensor([0.3, 0.6]))
    reparam = gradient_estimates("reparam", gaussian_log_joint, mu, log_var, 500, 20, gen(5))
    score = gradient_estimates("score", gaussian_log_joint, mu, log_var, 500, 20, gen(6))
    assert (score.var(0) > 10 * reparam.var(0)).all()
    with pytest.raises(ValueError, match="unknown gradient estimator"):
        gradient_estimates("pathwise", gaussian_log_joint, mu, log_var, 5, 5, gen(0))


@pytest.mark.slow
def test_svi_recovers_a_gaussian_target() -> None:
    fit = fit_gaussian(gaussian_log_joint, steps=1500, samples=100, lr=0.05, generator=gen(7))
    np.testing.assert_allclose(fit.mu, M.numpy(), atol=0.03)
    np.testing.assert_allclose(fit.sigma, [math.sqrt(S2)] * 2, rtol=0.05)
    assert fit.elbo.shape == (1500,)
    assert np.mean(fit.elbo[-100:]) == pytest.approx(C, abs=0.05)  # ELBO -> log evidence


def test_svi_stops_on_a_non_finite_elbo() -> None:
    with pytest.raises(FloatingPointError, match=r"vae\.svi\.lr"):
        fit_gaussian(lambda z: z.sum(-1) * float("nan"), steps=3, samples=4, lr=0.1, generator=gen(8))
