"""Notebook 17.3: plain Monte Carlo against importance sampling.

E[f(y)] under Pr(y) = Norm(0, 1) for f1(y) = exp(-(y-1)^4) and f2(y) = 20.446 exp(-(y-3)^4);
f2 is also estimated with samples from q(y) = Norm(proposal_mean, 1), weighted by Pr(y)/q(y).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from figrepro.distributions import normal_pdf
from figrepro.montecarlo import Batch, Integrand

F2_SCALE = 20.446
ESTIMATORS = ("f1", "f2", "f2_importance")
METRIC_KEYS = {
    "f1": "expectation_f1",
    "f2": "expectation_f2_plain",
    "f2_importance": "expectation_f2_importance",
}


def f1(y: np.ndarray) -> np.ndarray:
    """exp(-(y-1)^4)."""
    d = y - 1.0
    return np.exp(-(d * d * d * d))


def f2(y: np.ndarray) -> np.ndarray:
    """20.446 exp(-(y-3)^4): nearly the same expectation as f1, mass far in Pr(y)'s tail."""
    d = y - 3.0
    return F2_SCALE * np.exp(-(d * d * d * d))


def integrand(estimator: str, proposal_mean: float) -> Integrand:
    """Per-sample values (from standard normals g) whose mean is the estimator's estimate."""
    if estimator == "f1":
        return f1
    if estimator == "f2":
        return f2
    if estimator == "f2_importance":

        def weighted(g: np.ndarray) -> np.ndarray:
            y = proposal_mean + g
            return f2(y) * normal_pdf(y) / normal_pdf(y, proposal_mean, 1.0)

        return weighted
    raise ValueError(f"unknown importance-sampling estimator {estimator!r}; expected one of {ESTIMATORS}")


def estimator_batches(
    estimator: str,
    n_reference: int,
    n_estimates: int,
    sample_sizes: Sequence[int],
    proposal_mean: float,
) -> list[Batch]:
    """One seeded segment: the large reference estimate, then ``n_estimates`` per sample size."""
    fn = integrand(estimator, proposal_mean)
    batches = [Batch(1, n_reference, fn, f"{estimator} reference")]
    batches += [Batch(n_estimates, int(n), fn, f"{estimator} n={n}") for n in sample_sizes]
    return batches


def exact_expectation(fn_name: str) -> float:
    """E[f(y)] under Norm(0, 1) by adaptive quadrature (the 'analytic' reference)."""
    from scipy import integrate  # here, not above: the plot job draws f1 and f2 without scipy

    fn = {"f1": f1, "f2": f2}[fn_name]
    centre = 1.0 if fn_name == "f1" else 3.0
    value, _ = integrate.quad(
        lambda y: float(fn(np.float64(y)) * normal_pdf(y)),
        -12,
        12,
        points=[0.0, centre],
        limit=200,
        epsabs=1e-14,
        epsrel=1e-12,
    )
    return float(value)


def single_sample_variance(estimator: str, proposal_mean: float) -> float:
    """Variance of one sample's value; an n-sample estimate has this divided by n."""
    from scipy import integrate

    if estimator == "f2_importance":

        def second(y: float) -> float:
            w = float(f2(np.float64(y))) * normal_pdf(y) / normal_pdf(y, proposal_mean, 1.0)
            return float(w * w * normal_pdf(y, proposal_mean, 1.0))

        mean = exact_expectation("f2")
    else:
        fn = {"f1": f1, "f2": f2}[estimator]

        def second(y: float) -> float:
            return float(fn(np.float64(y)) ** 2 * normal_pdf(y))

        mean = exact_expectation(estimator)
    m2, _ = integrate.quad(second, -12, 15, points=[0.0, 1.0, 3.0], limit=200)
    return float(m2 - mean * mean)
