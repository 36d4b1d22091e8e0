"""Notebook 17.2: the reparameterization trick and the score-function estimator.

x ~ Pr(x|phi) = Norm(phi^3, exp(phi)^2) and f(x) = x^2 + sin(x). Each integrand maps
standard normals g (the legacy stream) to per-sample values whose mean is the estimate,
with x = phi^3 + exp(phi) g exactly as ``np.random.normal(phi**3, exp(phi))`` forms it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from figrepro.montecarlo import Batch, Integrand


def f(x: np.ndarray) -> np.ndarray:
    """The function whose expectation is taken: x^2 + sin(x)."""
    return x * x + np.sin(x)


def df_dx(x: np.ndarray) -> np.ndarray:
    """Derivative of f: 2x + cos(x)."""
    return 2.0 * x + np.cos(x)


def expectation_integrand(phi: float) -> Integrand:
    """f(x) at x = phi^3 + exp(phi) g: its mean estimates E[f(x)]."""
    mu, sigma = phi**3, math.exp(phi)

    def values(g: np.ndarray) -> np.ndarray:
        return f(mu + sigma * g)

    return values


def reparam_integrand(phi: float) -> Integrand:
    """df/dx* . dx*/dphi at x* = eps exp(phi) + phi^3, eps = g (the reparameterization trick)."""
    sigma, mu, dmu = math.exp(phi), phi**3, 3.0 * phi * phi

    def values(eps: np.ndarray) -> np.ndarray:
        scaled = eps * sigma
        x_star = scaled + mu
        return df_dx(x_star) * (scaled + dmu)

    return values


def score_integrand(phi: float) -> Integrand:
    """f(x) . d/dphi log Pr(x|phi) at x = phi^3 + exp(phi) g (REINFORCE)."""
    mu, sigma = phi**3, math.exp(phi)
    var, dmu = math.exp(2.0 * phi), 3.0 * phi * phi

    def values(g: np.ndarray) -> np.ndarray:
        x = mu + sigma * g
        r = x - mu
        return f(x) * (-1.0 + dmu * r / var + r * r / var)

    return values


def expectation_exact(phi: np.ndarray | float) -> np.ndarray:
    """E[f(x)] in closed form: phi^6 + e^{2 phi} + sin(phi^3) e^{-e^{2 phi}/2}."""
    phi = np.asarray(phi, float)
    var = np.exp(2.0 * phi)
    return phi**6 + var + np.sin(phi**3) * np.exp(-0.5 * var)


def gradient_exact(phi: np.ndarray | float) -> np.ndarray:
    """dE[f(x)]/dphi in closed form (derivative of ``expectation_exact``)."""
    phi = np.asarray(phi, float)
    var = np.exp(2.0 * phi)
    damp = np.exp(-0.5 * var)
    return 6.0 * phi**5 + 2.0 * var + 3.0 * phi**2 * np.cos(phi**3) * damp - np.sin(phi**3) * var * damp


SEGMENTS = ("expectation", "reparam", "score")


def segment_batches(segment: str, params: dict, phi_grid: Sequence[float]) -> list[Batch]:
    """The draws of one ``np.random.seed`` segment of the notebook, in the notebook's order.

    expectation: E at each stated phi, then the E-curve over ``phi_grid``.
    reparam: the reparameterized gradient at the stated phi, then its curve.
    score: the score-function gradient at the stated phi, its curve, then the variance
    comparison (reparameterized and score estimates alternately at ``variance.phi``).
    """
    n_curve = params["n_curve"]
    if segment == "expectation":
        batches = [
            Batch(1, params["n_expectation"], expectation_integrand(p), f"E(phi={p})")
            for p in params["phi_expectation"]
        ]
        batches += [Batch(1, n_curve, expectation_integrand(p), f"E(phi={p:.2f})") for p in phi_grid]
        return batches
    phi = params["phi_gradient"]
    if segment == "reparam":
        batches = [Batch(1, params["n_reparam"], reparam_integrand(phi), f"reparam(phi={phi})")]
        batches += [Batch(1, n_curve, reparam_integrand(p), f"reparam(phi={p:.2f})") for p in phi_grid]
        return batches
    if segment == "score":
        batches = [Batch(1, params["n_score"], score_integrand(phi), f"score(phi={phi})")]
        batches += [Batch(1, n_curve, score_integrand(p), f"score(phi={p:.2f})") for p in phi_grid]
        var = params["variance"]
        for _ in range(var["n_estimates"]):
            batches.append(Batch(1, var["n_samples"], reparam_integrand(var["phi"]), "var reparam"))
            batches.append(Batch(1, var["n_samples"], score_integrand(var["phi"]), "var score"))
        return batches
    raise ValueError(f"unknown Monte Carlo segment {segment!r}; expected one of {SEGMENTS}")


def segment_results(
    segment: str, params: dict, n_grid: int, estimates: Sequence[float]
) -> tuple[np.ndarray, dict[str, float]]:
    """Split a segment's estimates (in ``segment_batches`` order) into its curve and its metrics."""
    if segment == "expectation":
        k = len(params["phi_expectation"])
        phis = params["phi_expectation"]
        numbers = {f"expectation_phi_{p}": float(v) for p, v in zip(phis, estimates[:k], strict=True)}
        return np.asarray(estimates[k : k + n_grid]), numbers
    numbers = {f"{segment}_grad_phi_{params['phi_gradient']}": float(estimates[0])}
    curve = np.asarray(estimates[1 : 1 + n_grid])
    if segment == "score":
        pairs = np.asarray(estimates[1 + n_grid :]).reshape(-1, 2)
        phi = params["variance"]["phi"]
        numbers[f"var_reparam_phi_{phi}"] = float(np.var(pairs[:, 0]))
        numbers[f"var_score_phi_{phi}"] = float(np.var(pairs[:, 1]))
    return curve, numbers
