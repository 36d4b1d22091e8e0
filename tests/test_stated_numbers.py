"""Every number notebooks 17.2 and 17.3 state, reproduced from the same legacy stream."""

from __future__ import annotations

import numpy as np
import pytest

from figrepro.montecarlo import Batch, run_batches
from figrepro.random_streams import legacy_generator
from figrepro.udl.latent import importance, reparam

REL = 1e-12


def estimate(seed: int, *batches: Batch) -> list[float]:
    return [float(e[0]) for e in run_batches(legacy_generator(seed), list(batches))]


@pytest.mark.slow
def test_17_2_expectations_continue_one_stream() -> None:
    e1, e2 = estimate(
        0,
        Batch(1, 10**7, reparam.expectation_integrand(0.5)),
        Batch(1, 10**7, reparam.expectation_integrand(-0.1)),
    )
    assert e1 == pytest.approx(2.7650801613563116, rel=REL)
    assert e2 == pytest.approx(0.8176793102849222, rel=REL)


def test_17_2_reparameterized_gradient() -> None:
    (g,) = estimate(0, Batch(1, 10**7, reparam.reparam_integrand(0.5)))
    assert g == pytest.approx(5.726338035051403, rel=REL)


@pytest.mark.slow
def test_17_2_score_function_gradient() -> None:
    (g,) = estimate(0, Batch(1, 10**8, reparam.score_integrand(0.5)))
    assert g == pytest.approx(5.724609927313369, rel=REL)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("estimator", "stated"),
    [
        ("f1", 0.43160702267383166),
        ("f2", 0.4316042863889271),  # printed by the notebook's given code
        ("f2_importance", 0.43163734204459125),
    ],
)
def test_17_3_reference_estimates(estimator: str, stated: float) -> None:
    (e,) = estimate(0, Batch(1, 10**8, importance.integrand(estimator, 3.0)))
    assert e == pytest.approx(stated, rel=REL)


def test_17_2_closed_forms() -> None:
    assert reparam.expectation_exact(0.5) == pytest.approx(2.765933, abs=1e-6)
    assert reparam.expectation_exact(-0.1) == pytest.approx(0.818068, abs=1e-6)
    assert reparam.gradient_exact(0.5) == pytest.approx(5.728164, abs=1e-6)
    assert reparam.gradient_exact(0.3) == pytest.approx(3.747565, abs=1e-6)
    # the gradient is the derivative of the expectation
    phi, h = np.linspace(-1.4, 1.4, 15), 1e-6
    numeric = (reparam.expectation_exact(phi + h) - reparam.expectation_exact(phi - h)) / (2 * h)
    np.testing.assert_allclose(reparam.gradient_exact(phi), numeric, rtol=1e-6, atol=1e-6)


def test_17_2_estimators_agree_with_closed_forms() -> None:
    rs = legacy_generator(123)
    n = 400_000
    out = run_batches(
        rs,
        [
            Batch(1, n, reparam.expectation_integrand(0.5)),
            Batch(1, n, reparam.reparam_integrand(0.3)),
            Batch(1, n, reparam.score_integrand(0.3)),
        ],
    )
    assert out[0][0] == pytest.approx(float(reparam.expectation_exact(0.5)), abs=0.02)
    assert out[1][0] == pytest.approx(float(reparam.gradient_exact(0.3)), abs=0.02)
    assert out[2][0] == pytest.approx(float(reparam.gradient_exact(0.3)), abs=0.1)


def test_17_3_quadrature_references() -> None:
    assert importance.exact_expectation("f1") == pytest.approx(0.4315874, abs=1e-7)
    assert importance.exact_expectation("f2") == pytest.approx(0.4316417, abs=1e-7)
    assert importance.single_sample_variance("f1", 3.0) == pytest.approx(0.1794, abs=1e-4)
    assert importance.single_sample_variance("f2", 3.0) == pytest.approx(5.743, abs=1e-3)


@pytest.mark.parametrize("estimator", importance.ESTIMATORS)
def test_17_3_small_estimates_have_the_predicted_spread(estimator: str) -> None:
    """10,000 estimates of n samples each: mean on target, variance = single-sample variance / n."""
    n, k = 20, 10_000
    (est,) = run_batches(legacy_generator(5), [Batch(k, n, importance.integrand(estimator, 3.0))])
    truth = importance.exact_expectation("f1" if estimator == "f1" else "f2")
    var = importance.single_sample_variance(estimator, 3.0) / n
    assert abs(est.mean() - truth) < 5 * np.sqrt(var / k)
    assert est.var() == pytest.approx(var, rel=0.25 if estimator == "f2" else 0.1)
