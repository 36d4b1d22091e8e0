"""Notebooks 9.4 (Bayesian regression), 16.3 (contraction mappings) and 21.1 (fair thresholds)."""

from __future__ import annotations

import numpy as np
import pytest

from figrepro.random_streams import legacy_generator
from figrepro.udl.fairness.thresholds import FrequencyCurve, Group, rate_above, threshold_for
from figrepro.udl.flows.contraction import fixed_point_iteration, invert_residual, wavy_line
from figrepro.udl.regularization import bayesian_regression as br


def test_9_4_data_are_the_notebooks_draws() -> None:
    """Every x first (one uniform per interval), then every noise value, from one legacy stream."""
    x, y = br.generate_data(legacy_generator(1), 15, 0.3)
    rs = legacy_generator(1)
    u = np.array([rs.uniform(i / 15, (i + 1) / 15, 1)[0] for i in range(15)])
    noise = np.array([rs.normal(0, 0.3, 1)[0] for _ in range(15)])
    np.testing.assert_array_equal(x, u)
    np.testing.assert_array_equal(y, np.exp(np.sin(u * 2 * 3.1413)) + noise)
    assert np.all((x >= np.arange(15) / 15) & (x < np.arange(1, 16) / 15))


def test_9_4_posterior_is_gaussian_conditioning() -> None:
    """phi ~ Norm(0, s_p^2 I) and y = H^T phi + noise are jointly normal; conditioning on y gives
    mean s_p^2 H (s_p^2 H^T H + s^2 I)^-1 y and covariance s_p^2 I - s_p^4 H (...)^-1 H^T."""
    x, y = br.generate_data(legacy_generator(1), 15, 0.3)
    sigma_sq, prior = 0.09, 1000.0
    post = br.posterior(x, y, 5, sigma_sq, prior)
    h = br.features(x, 5)
    gram = prior * h.T @ h + sigma_sq * np.eye(15)
    np.testing.assert_allclose(post.mean, prior * h @ np.linalg.solve(gram, y), rtol=1e-8)
    covariance = prior * np.eye(6) - prior**2 * h @ np.linalg.solve(gram, h.T)
    np.testing.assert_allclose(post.covariance, covariance, rtol=1e-6, atol=1e-8)
    mean, var = post.predict(np.array([0.5]))
    row = br.features(np.array([0.5]), 5)[:, 0]
    assert mean[0] == pytest.approx(row @ post.mean)
    assert var[0] == pytest.approx(row @ post.covariance @ row)


def test_9_4_features_are_shifted_relus_and_a_bias() -> None:
    h = br.features(np.array([0.0, 0.3, 0.9]), 5)
    np.testing.assert_allclose(h[:, 1], [0.3, 0.1, 0.0, 0.0, 0.0, 1.0])
    np.testing.assert_allclose(h[:, 2], [0.9, 0.7, 0.5, 0.3, 0.1, 1.0])


def test_16_3_fixed_points_and_the_inverse() -> None:
    f = wavy_line(0.3, 0.5, 0.02)
    z = fixed_point_iteration(f, 0.2, 20)
    assert len(z) == 21 and z[0] == 0.2
    assert f(z[-1]) == pytest.approx(z[-1], abs=1e-6)
    # a contraction: the distance to the fixed point shrinks by at most 0.5 + 0.3 per step
    errors = np.abs(z - z[-1])[:10]
    assert np.all(errors[1:] <= 0.8 * errors[:-1] + 1e-12)
    f2 = wavy_line(0.7, -0.6, 0.03)
    assert f2(fixed_point_iteration(f2, 0.9, 20)[-1]) == pytest.approx(
        fixed_point_iteration(f2, 0.9, 20)[-1], abs=1e-3
    )
    assert abs(fixed_point_iteration(wavy_line(-0.2, 1.5, 0.1), 0.7, 20)[-1]) > 10  # not a contraction
    f4 = wavy_line(-0.3, 0.5, 0.02)
    z_inv = invert_residual(f4, 0.8, 0.2, 20)[-1]
    assert z_inv + f4(z_inv) == pytest.approx(0.8, abs=1e-4)  # 20 iterations, as the notebook
    z_inv = invert_residual(f4, 0.8, 0.2, 200)[-1]
    assert z_inv + f4(z_inv) == pytest.approx(0.8, abs=1e-12)


@pytest.fixture(scope="module")
def groups() -> tuple[np.ndarray, dict[str, Group]]:
    scores = np.arange(-4, 4, 0.01)
    curves = {
        "blue": ((800, -1.5, -2.5, 0.8, 0.6, 0.6), (500, 0.1, 0.7, 1.5, 0.8, 0.4)),
        "yellow": ((400, 0.2, -0.1, 0.8, 0.6, 0.3), (650, 0.6, 1.6, 1.2, 0.7, 0.6)),
    }
    return scores, {
        n: Group(FrequencyCurve(*d)(scores), FrequencyCurve(*r)(scores)) for n, (d, r) in curves.items()
    }


def test_21_1_rates(groups: tuple[np.ndarray, dict[str, Group]]) -> None:
    scores, g = groups
    blue = g["blue"]
    assert blue.loan_rate(scores, scores[0]) == pytest.approx(1.0)
    assert blue.loan_rate(scores, 10.0) == 0.0
    loan = blue.loan_rate(scores, scores)
    assert np.all(np.diff(loan) <= 0)  # a higher threshold lends to fewer
    # the loan rate mixes the two rates by the sizes of the two groups
    n0, n1 = blue.defaulted.sum(), blue.repaid.sum()
    mixed = (n0 * blue.false_alarm_rate(scores, 0.3) + n1 * blue.true_positive_rate(scores, 0.3)) / (n0 + n1)
    assert blue.loan_rate(scores, 0.3) == pytest.approx(mixed)
    grid = np.arange(8.0) - 4  # exact zero (the notebook's arange(-4, 4, 0.01) holds -8.9e-15 instead)
    assert rate_above(grid, np.ones(8), 0.0) == 0.5


def test_21_1_solved_thresholds_meet_their_targets(groups: tuple[np.ndarray, dict[str, Group]]) -> None:
    """On the 0.01 grid the rate jumps by less than 0.01 from score to score: the solved thresholds
    give P(loan) = 0.6 and TPR = 0.8 to within half a jump, and no grid point does better."""
    scores, g = groups
    for group in g.values():
        for rate, target in (
            (group.loan_rate(scores, scores), 0.6),
            (group.true_positive_rate(scores, scores), 0.8),
        ):
            tau = threshold_for(rate, scores, target)
            got = rate[np.searchsorted(scores, tau)]
            assert abs(got - target) <= np.max(np.abs(np.diff(rate))) / 2 + 1e-12
            assert abs(got - target) == pytest.approx(np.min(np.abs(rate - target)))
