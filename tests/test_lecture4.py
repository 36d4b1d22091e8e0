"""Lecture 4: its printed numbers, the vectorised brute force against scipy's, and the change of
variables against torch.distributions."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.distributions as td
from lecture4_printed import SEARCHES, check_printed_numbers
from scipy import optimize

from figrepro.distributions import normal_logpdf
from figrepro.lecture4 import constraints
from figrepro.lecture4 import divergence as dv
from figrepro.lecture4.brute_force import brute_minimise, grid_values, search_axis
from figrepro.lecture4.coin import CoinModel, gaussian_in_theta
from figrepro.lecture4.monte_carlo import mixture_torch, monte_carlo_kl_to_standard_normal

MIX = dv.MIXTURE
COIN = CoinModel.of([0, 1, 1, 0, 0])
N = 500  # the lecture's trapezoid nodes


def mode_seeking(m: np.ndarray, s: np.ndarray) -> np.ndarray:
    return dv.kl_normal_to(MIX.logpdf, m, s, N)


def mass_covering(m: np.ndarray, s: np.ndarray) -> np.ndarray:
    return dv.kl_to_normal(MIX.logpdf, m, s, (-4.0, 8.0), N)


def coin_kl(m: np.ndarray, s: np.ndarray) -> np.ndarray:
    return COIN.kl_loss(m, s, N)


def coin_elbo(m: np.ndarray, s: np.ndarray) -> np.ndarray:
    return COIN.negative_elbo(m, s, N)


SEARCH_CASES = {  # loss, mu range, sigma range: the lecture's four searches
    "mode_seeking": (mode_seeking, (-4.0, 8.0), (0.1, 3.0)),
    "mass_covering": (mass_covering, (-4.0, 8.0), (0.1, 3.0)),
    "coin_kl": (coin_kl, (-3.0, 3.0), (0.1, 1.0)),
    "coin_elbo": (coin_elbo, (-3.0, 3.0), (0.1, 1.0)),
}


def lecture_search(name: str):
    loss, mu_range, sigma_range = SEARCH_CASES[name]
    return brute_minimise(loss, mu_range, sigma_range, 100, 2000, xtol=1e-8, ftol=1e-12)


@pytest.fixture(scope="module")
def found() -> dict:
    return {name: lecture_search(name) for name in SEARCH_CASES}


@pytest.mark.slow
def test_every_printed_number(found: dict) -> None:
    x = np.linspace(-5, 7, 10000)
    metrics = {
        "kl_mixture_trapz": float(dv.trapezoid_kl(MIX.logpdf(x), normal_logpdf(x), x)),
        "kl_mixture_mc": monte_carlo_kl_to_standard_normal(MIX, 10**6, seed=0, chunk=10**6),
        "log_evidence": COIN.log_evidence((-4.0, 4.0), N),
        "kl_minus_neg_elbo": float(
            coin_kl(np.asarray(-1.0), np.asarray(1.0)) - coin_elbo(np.asarray(-1.0), np.asarray(1.0))
        ),
        "autodiff_grad": constraints.autodiff_example(2.0)[0],
    }
    for name, r in found.items():
        metrics |= {f"{name}_mu": r.mu, f"{name}_sigma": r.sigma}
    check_printed_numbers(metrics)


@pytest.mark.parametrize("name", list(SEARCH_CASES))
def test_the_lecture_minimum_is_no_better_than_ours(found: dict, name: str) -> None:
    """Ours is the minimiser: the lecture's point is worse, by no more than the valley's flatness."""
    loss = SEARCH_CASES[name][0]
    lecture_point = np.asarray(SEARCHES[f"{name}_mu"]), np.asarray(SEARCHES[f"{name}_sigma"])
    excess = float(loss(*lecture_point)) - found[name].loss
    assert 0 <= excess < 2e-6


def test_kl_and_elbo_fits_share_one_minimiser(found: dict) -> None:
    """KL(Q||P) and -ELBO differ by log p(flips), a constant: the same Q minimises both."""
    assert found["coin_kl"].mu == pytest.approx(found["coin_elbo"].mu, abs=1e-6)
    assert found["coin_kl"].sigma == pytest.approx(found["coin_elbo"].sigma, abs=1e-6)
    for mu, sigma in [(-1.0, 1.0), (0.5, 0.3), (-0.3, 0.8)]:
        gap = coin_kl(np.asarray(mu), np.asarray(sigma)) - coin_elbo(np.asarray(mu), np.asarray(sigma))
        assert gap == pytest.approx(COIN.log_evidence_exact(), abs=2e-3)


def test_mass_covering_matches_moments() -> None:
    """KL(P||Q) over Gaussians is minimised by P's mean and standard deviation."""
    r = lecture_search("mass_covering")
    assert r.mu == pytest.approx(MIX.mean, abs=2e-4)
    assert r.sigma == pytest.approx(MIX.std, abs=2e-4)


def test_grid_at_once_equals_point_by_point() -> None:
    mu, sigma = search_axis((-4.0, 8.0), 13), search_axis((0.1, 3.0), 11)
    for loss in (mode_seeking, mass_covering, coin_elbo):
        at_once = grid_values(loss, mu, sigma, chunk=7)  # blocks that cut rows
        one_by_one = np.array([[float(loss(np.asarray(m), np.asarray(s))) for s in sigma] for m in mu])
        np.testing.assert_allclose(at_once, one_by_one, rtol=1e-13, atol=1e-13)


@pytest.mark.slow
def test_same_answer_as_scipy_brute_with_its_tolerances() -> None:
    ours = brute_minimise(coin_kl, (-3.0, 3.0), (0.1, 1.0), 100, 2000)  # scipy's default polish
    theirs = optimize.brute(
        lambda v: float(coin_kl(np.asarray(v[0]), np.asarray(v[1]))), [(-3, 3), (0.1, 1.0)], Ns=100
    )
    assert (ours.mu, ours.sigma) == (theirs[0], theirs[1])


def test_monte_carlo_blocks_bound_memory_without_bias() -> None:
    one = monte_carlo_kl_to_standard_normal(MIX, 200_000, seed=0, chunk=200_000)
    blocks = monte_carlo_kl_to_standard_normal(MIX, 200_000, seed=0, chunk=30_000)
    assert one != blocks  # other draws ...
    assert blocks == pytest.approx(4.5455, abs=0.05)  # ... the same estimate (s.e. about 0.01)


def test_monte_carlo_draws_are_the_lectures() -> None:
    """torch.manual_seed(0), then MixtureSameFamily.sample: the lecture's draws."""
    torch.manual_seed(0)
    p = mixture_torch(MIX)
    x = p.sample((1000,))
    expected = (
        float(torch.log(p.log_prob(x).exp() / td.Normal(0.0, 1.0).log_prob(x).exp()).double().sum()) / 1000
    )
    assert monte_carlo_kl_to_standard_normal(MIX, 1000, seed=0, chunk=1000) == expected


@pytest.mark.parametrize("name", list(constraints.EXAMPLES))
def test_each_transformed_density_integrates_to_one(name: str) -> None:
    example = constraints.EXAMPLES[name]
    y = np.linspace(-40, 40, 400_001)  # the uniform's jumps cost the trapezoid rule about a step
    assert np.trapezoid(example.density_y(y), y) == pytest.approx(1.0, abs=1e-3)
    x = np.linspace(-1, 10, 400_001)
    assert np.trapezoid(example.density_x(x), x) == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("log", td.Gamma(torch.tensor(1.0).double(), torch.tensor(1.0).double())),
        ("sigmoid", td.Beta(torch.tensor(2.0).double(), torch.tensor(3.0).double())),
    ],
)
def test_by_hand_densities_match_torch_transforms(name: str, base: td.Distribution) -> None:
    y = np.linspace(-6, 3, 50)
    np.testing.assert_allclose(
        constraints.EXAMPLES[name].density_y(y), constraints.torch_transformed_density(base, y), rtol=1e-10
    )
    unconstrained = td.TransformedDistribution(base, td.transform_to(base.support).inv)
    np.testing.assert_allclose(
        constraints.EXAMPLES[name].density_y(y),
        unconstrained.log_prob(torch.from_numpy(y)).exp().numpy(),
        rtol=1e-10,
    )


def test_linear_example_maps_uniform_onto_unit_interval() -> None:
    linear = constraints.EXAMPLES["linear"]
    assert linear.to_x(np.array([0.0, 1.0])).tolist() == [1.0, 4.0]  # a + (b - a) y hits a and b
    y = np.array([-0.5, 0.25, 0.75, 1.5])
    assert linear.density_y(y).tolist() == [0.0, 1.0, 1.0, 0.0]


def test_autograd_derivative_of_beta_density() -> None:
    d = constraints.density_and_derivative(200)
    inside = (d["x"] > 0) & (d["x"] < 1)
    np.testing.assert_allclose(d["derivative"], np.where(inside, 6 - 12 * d["x"], 0.0), atol=1e-12)
    np.testing.assert_allclose(d["density"], np.where(inside, 6 * d["x"] * (1 - d["x"]), 0.0), atol=1e-12)


def test_transform_check_curves_coincide() -> None:
    check = constraints.transform_check(200)
    np.testing.assert_allclose(check["by_transform"], check["by_hand"], rtol=1e-12, atol=1e-15)


def test_q_carried_to_theta_is_a_density() -> None:
    theta = np.linspace(0, 1, 200_001)
    density = gaussian_in_theta(theta, -0.33, 0.82)
    assert density[0] == density[-1] == 0.0
    assert np.trapezoid(density, theta) == pytest.approx(1.0, abs=1e-6)


def test_coin_posterior_in_logit_space_is_normalised() -> None:
    y = np.linspace(-30, 30, 600_001)
    assert np.trapezoid(np.exp(COIN.log_posterior(y)), y) == pytest.approx(1.0, abs=1e-9)
    assert COIN.log_evidence_exact() == pytest.approx(np.log(1 / 60))  # B(3, 4) = 2! 3! / 6!
