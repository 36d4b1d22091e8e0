"""Chapters 6 and 9 and the gradient-flow blog: line search, the optimisers against closed forms,
the analytic gradients against finite differences, the flow against small gradient steps."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from figrepro.random_streams import legacy_generator
from figrepro.udl.optimisation import gabor, straight_line
from figrepro.udl.optimisation.finite_differences import (
    central_gradient,
    central_gradient_of,
    forward_gradient,
)
from figrepro.udl.optimisation.gradient_flow import LinearFlow
from figrepro.udl.optimisation.line_search import line_search
from figrepro.udl.optimisation.optimisers import (
    adam,
    gradient_descent,
    line_search_descent,
    momentum_sgd,
    normalized_gradients,
    sgd,
)
from figrepro.udl.optimisation.toy_losses import elongated_bowl, two_dips
from figrepro.udl.regularization import implicit_regularization as ir


def quadratic(scales: np.ndarray):  # type: ignore[no-untyped-def]
    """L = 0.5 sum_k s_k phi_k^2, its gradient and the gradient of one data point k (batch = indices)."""

    def batch_gradient(phi: np.ndarray, batch: np.ndarray) -> np.ndarray:
        g = np.zeros_like(phi)
        g[batch % len(phi)] = (scales * phi)[batch % len(phi)]
        return g

    return (lambda phi: 0.5 * float(np.sum(scales * phi**2))), (lambda phi: scales * phi), batch_gradient


def test_line_search_finds_a_parabolas_minimum() -> None:
    result = line_search(lambda p: (p - 0.3) ** 2, (0.0, 0.33, 0.66, 1.0), 1e-6, 100)
    assert result.solution == pytest.approx(0.3, abs=1e-5)
    a, b, c, d = result.brackets[-1]
    assert a <= 0.3 <= d and a < b < c < d
    # a minimum nearer than b: the bracket shrinks towards a
    shrunk = line_search(lambda p: (p - 0.01) ** 2, (0.0, 0.33, 0.66, 1.0), 1e-9, 2).brackets[1]
    assert shrunk == pytest.approx((0.0, 0.165, 0.33, 0.5))


def test_6_1_runs_ten_iterations_into_a_dip() -> None:
    result = line_search(lambda p: float(two_dips(p)), (0.0, 0.33, 0.66, 1.0), 1e-4, 10)
    assert len(result.brackets) == 10
    assert all(a < b < c < d for a, b, c, d in result.brackets)
    fine = np.linspace(*result.brackets[-1][::3], 2001)  # the last bracket holds a local minimum
    assert (
        abs(result.solution - fine[np.argmin(two_dips(fine))])
        < result.brackets[-1][3] - result.brackets[-1][0]
    )


def test_analytic_gradients_match_finite_differences() -> None:
    rng = np.random.default_rng(3)
    for phi in [np.array([-5.0, 25.0]), *rng.uniform([-10, 2.5], [10, 22.5], (5, 2))]:
        numeric = central_gradient(gabor.loss, phi[0], phi[1], 1e-6)
        np.testing.assert_allclose(gabor.gradient(phi), numeric, rtol=1e-6, atol=1e-6)
    for phi in rng.uniform(-1, 2, (5, 2)):
        numeric = central_gradient(straight_line.loss, phi[0], phi[1], 1e-6)
        np.testing.assert_allclose(straight_line.gradient(phi), numeric, rtol=1e-7, atol=1e-6)
    # the notebooks' forward differences, at their own step
    forward = forward_gradient(lambda p: float(straight_line.loss(p[0], p[1])), np.array([0.6, -0.2]), 1e-4)
    np.testing.assert_allclose(forward, [-21.903, -26.839], atol=5e-4)


def test_gradient_descent_on_a_quadratic_is_geometric() -> None:
    _, gradient, _ = quadratic(np.array([1.0, 0.1]))
    path = gradient_descent(gradient, np.array([1.0, -2.0]), 0.5, 30)
    steps = np.arange(31)[:, None]
    np.testing.assert_allclose(
        path, np.array([1.0, -2.0]) * (1 - 0.5 * np.array([1.0, 0.1])) ** steps, rtol=1e-12
    )


def test_line_search_descent_goes_downhill_every_step() -> None:
    loss = lambda p: float(straight_line.loss(p[0], p[1]))  # noqa: E731
    path = line_search_descent(loss, straight_line.gradient, np.array([1.6, -0.5]), 10, 0.1)
    losses = [loss(p) for p in path]
    assert losses[0] == pytest.approx(5.020125, abs=5e-7)
    assert all(b < a for a, b in itertools.pairwise(losses))
    best = np.linalg.lstsq(np.column_stack([np.ones(12), straight_line.X]), straight_line.Y, rcond=None)[0]
    assert loss(path[-1]) - loss(best) < 0.1


def test_stochastic_descents_follow_the_legacy_permutation_stream() -> None:
    *_, batch_gradient = quadratic(np.array([1.0, 3.0]))
    start = np.array([1.0, 1.0])
    path = sgd(batch_gradient, start, 0.1, 5, legacy_generator(1), 30, 5)
    rs = legacy_generator(1)
    phi = start.copy()
    for step in range(5):
        phi = phi - 0.1 * batch_gradient(phi, rs.permutation(30)[:5])
        np.testing.assert_array_equal(path[step + 1], phi)
    # beta = 0: momentum and Nesterov are plain SGD
    for nesterov in (False, True):
        again = momentum_sgd(batch_gradient, start, 0.1, 5, legacy_generator(1), 30, 5, 0.0, nesterov)
        np.testing.assert_allclose(again, path, rtol=1e-15)


def test_momentum_and_nesterov_by_hand() -> None:
    _, gradient, _ = quadratic(np.array([2.0, 0.5]))

    def full(phi: np.ndarray, batch: np.ndarray) -> np.ndarray:
        return gradient(phi)

    start, alpha, beta = np.array([1.0, -1.0]), 0.3, 0.6
    m = np.zeros(2)
    phi_m, phi_n, m_n = start.copy(), start.copy(), np.zeros(2)
    for _ in range(10):
        m = beta * m + (1 - beta) * gradient(phi_m)
        phi_m = phi_m - alpha * m
        m_n = beta * m_n + (1 - beta) * gradient(phi_n - alpha * beta * m_n)
        phi_n = phi_n - alpha * m_n
    np.testing.assert_allclose(
        momentum_sgd(full, start, alpha, 10, legacy_generator(0), 4, 2, beta)[-1], phi_m
    )
    np.testing.assert_allclose(
        momentum_sgd(full, start, alpha, 10, legacy_generator(0), 4, 2, beta, nesterov=True)[-1], phi_n
    )


def test_adam_corrects_the_bias_of_its_first_steps() -> None:
    """On a quadratic, Adam's first step moves every coordinate by exactly alpha, whatever its scale
    (m~ = g and v~ = g^2 after the correction); without it the step would be (1-beta)/sqrt(1-gamma)."""
    _, gradient, _ = quadratic(np.array([100.0, 0.01]))
    path = adam(gradient, np.array([1.0, -1.0]), 0.05, 200)
    np.testing.assert_allclose(np.abs(path[1] - path[0]), [0.05, 0.05], rtol=1e-12)
    assert np.all(np.abs(path[-1]) < np.abs(path[0]))
    steps = normalized_gradients(gradient, np.array([1.0, -1.0]), 0.05, 5)
    np.testing.assert_allclose(np.abs(np.diff(steps, axis=0)), 0.05, rtol=1e-12)


def test_6_5_adam_reaches_the_minimum_of_the_bowl() -> None:
    gradient = central_gradient_of(elongated_bowl, 1e-5)
    path = adam(gradient, np.array([-0.7, -0.9]), 0.05, 60)
    assert np.linalg.norm(path[-1] - [0.7, 0.0]) < 0.1
    oscillating = gradient_descent(gradient, np.array([-0.7, -0.9]), 1.0, 40)
    assert np.ptp(oscillating[-10:, 1]) > 0.2  # the large step bounces across the valley


def test_gradient_flow_matches_many_small_gradient_steps() -> None:
    x, y = np.array([0.2, 0.4, 0.8]), np.array([-0.1, 0.15, 0.3])
    flow = LinearFlow(np.vstack([x, np.ones(3)]), y, np.array([-0.05, -0.4]))

    def gradient(phi: np.ndarray) -> np.ndarray:  # of 0.5 |X^T phi - y|^2
        return flow.X @ (flow.X.T @ phi - y)

    dt, t_end = 1e-4, 2.0
    euler = gradient_descent(gradient, flow.phi_0, dt, round(t_end / dt))[-1]
    np.testing.assert_allclose(flow.parameters(np.array([t_end]))[0], euler, atol=1e-4)
    assert flow.loss(np.array([0.0]))[0] == pytest.approx(0.5 * np.sum((flow.X.T @ flow.phi_0 - y) ** 2))
    np.testing.assert_allclose(flow.maximum_likelihood(), np.polyfit(x, y, 1), rtol=1e-12)
    np.testing.assert_allclose(flow.parameters(np.array([1e4]))[0], flow.maximum_likelihood(), atol=1e-9)
    losses = flow.loss(np.linspace(0, 20, 50))
    assert np.all(np.diff(losses) <= 0)


def test_gradient_flow_predictive_variance_by_sampling() -> None:
    """The predictive mean and variance equal those of flows from sampled initial parameters."""
    x, y = np.array([0.2, 0.4, 0.8]), np.array([-0.1, 0.15, 0.3])
    X = np.vstack([x, np.ones(3)])
    starts = np.random.default_rng(0).normal(0, np.sqrt(2.0), (4000, 2))
    t, x_star = np.array([0.8]), np.array([0.1, 0.5, 0.9])
    lines = np.array([LinearFlow(X, y, s).parameters(t)[0] for s in starts])
    predictions = lines[:, :1] * x_star + lines[:, 1:]
    mean, var = LinearFlow(X, y, np.zeros(2)).predictive(t, x_star, 2.0)
    np.testing.assert_allclose(predictions.mean(axis=0), mean[0], atol=0.05)
    np.testing.assert_allclose(predictions.var(axis=0), var[0], rtol=0.1)


def test_9_2_regulariser_is_a_quarter_alpha_squared_gradient() -> None:
    phi0, phi1 = np.meshgrid(np.linspace(-0.8, 0.4, 7), np.linspace(-0.8, 0.4, 7))
    s = np.exp(-2 * phi0**2)
    dl_dphi1 = np.exp(-0.5 * phi1**2 / s**2) * phi1 / s**2
    dl_dphi0 = np.exp(-0.5 * phi1**2 / s**2) * phi1**2 / s**2 * 4 * phi0  # d/dphi0 of phi1^2/(2 s^2)
    expected = 0.1 / 4 * (dl_dphi0**2 + dl_dphi1**2)
    np.testing.assert_allclose(ir.regulariser(phi0, phi1, 0.1), expected, rtol=1e-5, atol=1e-9)
    np.testing.assert_allclose(
        ir.regularised_loss(0.1)(phi0, phi1), ir.loss(phi0, phi1) + expected, atol=1e-9
    )
