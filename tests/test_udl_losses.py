"""Chapter 5: the Bernoulli and categorical probabilities against scipy, likelihood sweeps against
a point-by-point loop, and the coordinate searches' optima against a finer search."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from scipy.optimize import minimize_scalar

from figrepro.distributions import normal_logpdf, normal_pdf
from figrepro.udl.losses.likelihoods import (
    Sweep,
    bernoulli_log_pmf,
    bernoulli_pmf,
    categorical_pmf,
    drawn,
    likelihood,
    negative_log_likelihood,
    sum_of_squares,
)
from figrepro.udl.networks.activations import sigmoid, softmax
from figrepro.udl.networks.networks import Layer, forward, matrix_layers, output_bias_sweep
from figrepro.udl.networks.toy_data import X_TRAIN, Y_BINARY, Y_CLASSES, Y_REGRESSION_5_1


def test_probabilities_against_scipy() -> None:
    lam = np.array([0.05, 0.2, 0.5, 0.93])
    for y in (0, 1):
        np.testing.assert_allclose(bernoulli_pmf(y, lam), stats.bernoulli.pmf(y, lam), rtol=1e-14)
        np.testing.assert_allclose(bernoulli_log_pmf(y, lam), stats.bernoulli.logpmf(y, lam), rtol=1e-13)
    probs = softmax(np.random.default_rng(0).standard_normal((3, 6)), axis=0)
    labels = np.array([0, 2, 1, 1, 0, 2])
    one_hot = np.eye(3)[labels].T
    expected = [stats.multinomial.pmf(one_hot[:, i], 1, probs[:, i]) for i in range(6)]
    np.testing.assert_allclose(categorical_pmf(labels, probs), expected, rtol=1e-13)
    assert categorical_pmf([1], np.array([[0.2], [0.5], [0.3]]))[0] == 0.5
    np.testing.assert_allclose(normal_pdf(1.0, -1.0, 2.3), stats.norm.pdf(1.0, -1.0, 2.3))


def test_likelihood_nll_and_sum_of_squares() -> None:
    p = np.array([[0.5, 0.25], [0.1, 0.1]])
    np.testing.assert_allclose(likelihood(p), [0.125, 0.01])
    np.testing.assert_allclose(negative_log_likelihood(np.log(p)), -np.log([0.125, 0.01]))
    assert sum_of_squares(np.array([1.0, 2.0]), np.array([0.0, 0.0])) == 5.0


def test_5_1_sweep_equals_a_loop_and_finds_the_least_squares_offset(udl: dict) -> None:
    """The sweep is one array expression; a loop over the values (the notebook's way) agrees, and a
    continuous search over beta_1 lands within one grid step of the grid's best."""
    layers, sigma = matrix_layers(udl["5_1"]["network"]), udl["5_1"]["sigma"]
    values = np.arange(0, 1, 0.01)
    mu = output_bias_sweep(X_TRAIN[None], layers, 0, values)[:, 0]
    swept = Sweep(
        values,
        likelihood(normal_pdf(Y_REGRESSION_5_1, mu, sigma)),
        negative_log_likelihood(normal_logpdf(Y_REGRESSION_5_1, mu, sigma)),
        sum_of_squares(Y_REGRESSION_5_1, mu),
    )

    def at(beta1: float) -> np.ndarray:
        return forward(X_TRAIN[None], [layers[0], Layer(np.array([beta1]), layers[1].weights)])[0]

    looped = np.array([np.prod(normal_pdf(Y_REGRESSION_5_1, at(b), sigma)) for b in values])
    np.testing.assert_allclose(swept.likelihood, looped, rtol=1e-12)
    # for a normal likelihood with fixed sigma the three criteria agree
    assert swept.at_max_likelihood() == swept.at_min_nll() == swept.at_min_sum_of_squares()
    exact = minimize_scalar(lambda b: sum_of_squares(Y_REGRESSION_5_1, at(b)), bounds=(0, 1)).x
    assert abs(exact - swept.at_min_sum_of_squares()) <= 0.005 + 1e-9
    assert swept.nll.min() == pytest.approx(-np.log(swept.likelihood.max()), rel=1e-12)


def test_5_1_maximum_likelihood_sigma_is_the_rms_residual(udl: dict) -> None:
    """With the mean fixed, the likelihood is largest at sigma^2 = mean squared residual."""
    layers = matrix_layers(udl["5_1"]["network"])
    mu = forward(X_TRAIN[None], [layers[0], Layer(np.array([0.27]), layers[1].weights)])[0]
    sigmas = np.arange(0.1, 0.5, 0.005)
    nll = negative_log_likelihood(normal_logpdf(Y_REGRESSION_5_1, mu, sigmas[:, None]))
    rms = np.sqrt(np.mean((Y_REGRESSION_5_1 - mu) ** 2))
    assert abs(sigmas[np.argmin(nll)] - rms) <= 0.0025 + 1e-12
    assert sigmas[np.argmin(nll)] == pytest.approx(0.265)


def test_5_2_and_5_3_sweeps_match_the_direct_computation(udl: dict) -> None:
    values = np.arange(-2, 6, 0.1)
    binary = matrix_layers(udl["5_2"]["network"])
    lam = sigmoid(output_bias_sweep(X_TRAIN[None], binary, 0, values)[:, 0])
    nll = negative_log_likelihood(bernoulli_log_pmf(Y_BINARY, lam))
    np.testing.assert_allclose(nll, -np.log(likelihood(bernoulli_pmf(Y_BINARY, lam))), rtol=1e-12)
    assert values[np.argmin(nll)] == pytest.approx(1.6)
    classes = matrix_layers(udl["5_3"]["network"])
    lam = softmax(output_bias_sweep(X_TRAIN[None], classes, 0, values), axis=-2)
    assert lam.shape == (80, 3, 20)
    probabilities = categorical_pmf(Y_CLASSES, lam)
    looped = np.array([[lam[s, Y_CLASSES[i], i] for i in range(20)] for s in range(80)])
    np.testing.assert_array_equal(probabilities, looped)
    assert values[np.argmin(negative_log_likelihood(np.log(probabilities)))] == pytest.approx(0.6)


def test_drawn_values_are_every_20th_of_the_notebook_sweeps() -> None:
    np.testing.assert_allclose(drawn(np.arange(0, 1, 0.01), 5), [0.0, 0.2, 0.4, 0.6, 0.8])
    np.testing.assert_allclose(drawn(np.arange(0.1, 0.5, 0.005), 4), [0.1, 0.2, 0.3, 0.4])
    np.testing.assert_allclose(drawn(np.arange(-2, 6, 0.1), 4), [-2.0, 0.0, 2.0, 4.0], atol=1e-12)
    with pytest.raises(ValueError, match="cannot show 4"):
        drawn(np.arange(3.0), 4)
