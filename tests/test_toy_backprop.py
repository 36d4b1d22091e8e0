"""Notebook 7.1: the toy model's backward pass against its stated values, central finite
differences, torch autograd on the same function, and the notebook's closed form for dl/domega_0."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from udl_printed import TOY_MODEL_7_1, as_printed

from figrepro.udl.networks import toy_backprop

BETA = (1.0, 2.0, -3.0, 0.4)
OMEGA = (0.1, -0.4, 2.0, 3.0)
X, Y = 2.3, 2.0


@pytest.fixture(scope="module")
def values() -> dict[str, float]:
    passed = toy_backprop.forward(X, Y, BETA, OMEGA)
    return toy_backprop.named_values(passed, toy_backprop.backward(passed, Y, OMEGA))


def loss(beta: np.ndarray, omega: np.ndarray) -> float:
    return toy_backprop.forward(X, Y, beta, omega).loss


def test_the_23_stated_values(values: dict[str, float]) -> None:
    assert set(values) == set(TOY_MODEL_7_1)
    for key, stated in TOY_MODEL_7_1.items():
        assert as_printed(values[key], 3) == as_printed(stated, 3), key


def test_forward_pass_is_the_function(values: dict[str, float]) -> None:
    b0, b1, b2, b3 = BETA
    w0, w1, w2, w3 = OMEGA
    f = b3 + w3 * np.cos(b2 + w2 * np.exp(b1 + w1 * np.sin(b0 + w0 * X)))
    assert values["f3"] == pytest.approx(f, rel=1e-15)
    assert values["loss"] == pytest.approx((f - Y) ** 2, rel=1e-14)


def test_parameter_derivatives_against_finite_differences(values: dict[str, float]) -> None:
    h = 1e-6
    for name, base in (("beta", np.array(BETA)), ("omega", np.array(OMEGA))):
        for k in range(4):
            up, down = base.copy(), base.copy()
            up[k] += h
            down[k] -= h
            args_up = (up, np.array(OMEGA)) if name == "beta" else (np.array(BETA), up)
            args_down = (down, np.array(OMEGA)) if name == "beta" else (np.array(BETA), down)
            numeric = (loss(*args_up) - loss(*args_down)) / (2 * h)
            assert values[f"dl_d{name}{k}"] == pytest.approx(numeric, rel=1e-7, abs=1e-8), (name, k)


def test_parameter_derivatives_against_autograd(values: dict[str, float]) -> None:
    beta = torch.tensor(BETA, dtype=torch.float64, requires_grad=True)
    omega = torch.tensor(OMEGA, dtype=torch.float64, requires_grad=True)
    h = torch.tensor(X, dtype=torch.float64)
    intermediates = []
    for k, g in enumerate((torch.sin, torch.exp, torch.cos, None)):
        f = beta[k] + omega[k] * h
        f.retain_grad()
        intermediates.append(f)
        if g is not None:
            h = g(f)
    ((f - Y) ** 2).backward()
    for k in range(4):
        assert values[f"dl_dbeta{k}"] == pytest.approx(beta.grad[k].item(), rel=1e-13)
        assert values[f"dl_domega{k}"] == pytest.approx(omega.grad[k].item(), rel=1e-13)
        assert values[f"dl_df{k}"] == pytest.approx(intermediates[k].grad.item(), rel=1e-13)


def test_the_notebooks_closed_form_for_omega_0(values: dict[str, float]) -> None:
    b0, b1, b2, b3 = BETA
    w0, w1, w2, w3 = OMEGA
    inner = b1 + w1 * np.sin(b0 + w0 * X)
    closed = (
        -2 * (b3 + w3 * np.cos(b2 + w2 * np.exp(inner)) - Y)
        * w1 * w2 * w3 * X * np.cos(b0 + w0 * X) * np.exp(inner) * np.sin(b2 + w2 * np.exp(inner))
    )  # fmt: skip
    assert values["dl_domega0"] == pytest.approx(closed, rel=1e-13)
