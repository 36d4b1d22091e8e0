"""From constrained to unconstrained distributions: densities through a change of variables.

If X = H^-1(Y) with H^-1 monotone, p_Y(y) = p_X(H^-1(y)) |dH^-1/dy|. The lecture's three
examples map R onto a support: exp onto (0, inf) for Gamma(1, 1), the sigmoid onto (0, 1) for
Beta(2, 3), and an affine map for Uniform(a, b). The densities here are written out by hand in
numpy; torch.distributions' transforms (what the lecture uses) check them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
import torch.distributions as td
from scipy import special, stats

Curve = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Reparameterisation:
    """X with density ``density_x`` and the unconstrained Y = H(X); ``to_x`` is H^-1."""

    to_x: Curve  # H^-1(y)
    density_x: Curve  # p_X(x), 0 outside the support
    density_y: Curve  # p_Y(y) = p_X(H^-1(y)) |dH^-1/dy|
    map_span: tuple[float, float]  # the lecture's plotting ranges: H^-1 on y ...
    x_span: tuple[float, float]  # ... p_X on x
    y_span: tuple[float, float]  # ... p_Y on y


def _gamma11(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, np.exp(-np.abs(x)), 0.0)


def _beta23(x: np.ndarray) -> np.ndarray:
    return stats.beta.pdf(x, 2, 3)


UNIFORM_A, UNIFORM_B = 1.0, 4.0


def _uniform(x: np.ndarray, a: float = UNIFORM_A, b: float = UNIFORM_B) -> np.ndarray:
    return np.where((x >= a) & (x <= b), 1.0 / (b - a), 0.0)


EXAMPLES: dict[str, Reparameterisation] = {
    # X ~ Gamma(1, 1) on (0, inf), X = exp(Y): p_Y(y) = p_X(e^y) e^y
    "log": Reparameterisation(
        to_x=np.exp,
        density_x=_gamma11,
        density_y=lambda y: _gamma11(np.exp(y)) * np.exp(y),
        map_span=(-4.0, 4.0),
        x_span=(-1.0, 3.0),
        y_span=(-6.0, 3.0),
    ),
    # X ~ Beta(2, 3) on (0, 1), X = sigmoid(Y): p_Y(y) = p_X(s) s (1 - s), s = sigmoid(y)
    "sigmoid": Reparameterisation(
        to_x=special.expit,
        density_x=_beta23,
        density_y=lambda y: _beta23(special.expit(y)) * special.expit(y) * special.expit(-y),
        map_span=(-4.0, 4.0),
        x_span=(0.0, 1.0),
        y_span=(-6.0, 3.0),
    ),
    # X ~ Uniform(a, b), Y = (X - a) / (b - a) ~ Uniform(0, 1); H^-1(y) = a + (b - a) y.
    # (The lecture plots (b - a)(y + a), which is not the inverse of its own map.)
    "linear": Reparameterisation(
        to_x=lambda y: UNIFORM_A + (UNIFORM_B - UNIFORM_A) * y,
        density_x=_uniform,
        density_y=lambda y: _uniform(UNIFORM_A + (UNIFORM_B - UNIFORM_A) * y) * (UNIFORM_B - UNIFORM_A),
        map_span=(-4.0, 4.0),
        x_span=(-2.0, 5.0),
        y_span=(-2.0, 5.0),
    ),
}


def curves(example: Reparameterisation, points: int) -> dict[str, np.ndarray]:
    """The three panels' curves: H^-1 on y, p_X on x, p_Y on y."""
    map_y = np.linspace(*example.map_span, points)
    x = np.linspace(*example.x_span, points)
    y = np.linspace(*example.y_span, points)
    return {
        "map_y": map_y,
        "map_x": example.to_x(map_y),
        "x": x,
        "px": example.density_x(x),
        "y": y,
        "py": example.density_y(y),
    }


def torch_transformed_density(base: td.Distribution, y: np.ndarray) -> np.ndarray:
    """p_Y(y) for Y = T^-1(X), T = transform_to(support of X): log p_X(T(y)) + log|dT/dy|,
    the way torch.distributions (and the lecture's ``lp_transformed``) computes it."""
    transform = td.transform_to(base.support)
    y_t = torch.as_tensor(y, dtype=torch.float64)
    x_t = transform(y_t)
    return (base.log_prob(x_t) + transform.log_abs_det_jacobian(y_t, x_t)).exp().numpy()


def transform_check(points: int) -> dict[str, np.ndarray]:
    """p_Y of Y = log X, X ~ Gamma(1, 1), two ways: torch's transform and its log-det-Jacobian,
    and by hand, p_X(e^y) e^y (the lecture's unsaved check; the curves should coincide)."""
    y = np.linspace(*EXAMPLES["log"].y_span, points)
    return {
        "y": y,
        "by_transform": torch_transformed_density(td.Gamma(*torch.ones(2, dtype=torch.float64)), y),
        "by_hand": EXAMPLES["log"].density_y(y),
    }


def density_and_derivative(points: int, span: tuple[float, float] = (-1.0, 2.0)) -> dict[str, np.ndarray]:
    """Beta(2, 2)'s density on ``span`` (0 outside [0, 1]) and its derivative by autograd.

    Differentiated only inside the support: outside, the log-density is NaN and autograd would
    carry 0 * NaN into the gradient; there the density and its derivative are 0.
    """
    x = torch.linspace(*span, points, dtype=torch.float64)
    inside = (x > 0) & (x < 1)
    x_in = x[inside].clone().requires_grad_(True)
    two = torch.tensor(2.0, dtype=torch.float64)
    density_in = td.Beta(two, two).log_prob(x_in).exp()
    (grad_in,) = torch.autograd.grad(density_in.sum(), x_in)  # d p(x_i) / d x_i: the sum separates
    density, derivative = torch.zeros_like(x), torch.zeros_like(x)
    density[inside], derivative[inside] = density_in.detach(), grad_in
    return {"x": x.numpy(), "density": density.numpy(), "derivative": derivative.numpy()}


def autodiff_example(x0: float = 2.0) -> tuple[float, float]:
    """d/dx (x^2 + log x) at x0 by autograd, and 2 x0 + 1/x0 by hand (the lecture: 4.5, 4.5)."""
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    (x**2 + torch.log(x)).backward()
    return float(x.grad), 2 * x0 + 1 / x0
