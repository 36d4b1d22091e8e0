"""Notebook 7.1: the forward and backward pass of the toy model of section 7.3,

    f[x, phi] = beta_3 + omega_3 cos[beta_2 + omega_2 exp[beta_1 + omega_1 sin[beta_0 + omega_0 x]]],

with the least squares loss l = (f - y)^2. Written as a chain f_k = beta_k + omega_k h_k,
h_{k+1} = g_k[f_k] (h_0 = x; g = sin, exp, cos), so both passes are one loop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

#: g_k and its derivative for the layers after f_0, f_1, f_2
NONLINEARITIES: tuple[tuple[Callable[[float], float], Callable[[float], float]], ...] = (
    (np.sin, np.cos),
    (np.exp, np.exp),
    (np.cos, lambda f: -np.sin(f)),
)


@dataclass(frozen=True)
class ForwardPass:
    f: tuple[float, ...]  # f_0 .. f_3
    h: tuple[float, ...]  # h_0 = x, h_1 .. h_3
    loss: float


@dataclass(frozen=True)
class BackwardPass:
    dl_df: tuple[float, ...]  # dl/df_0 .. dl/df_3
    dl_dh: tuple[float, ...]  # dl/dh_1 .. dl/dh_3 (index 0 is dl/dh_1)
    dl_domega: tuple[float, ...]  # h_k dl/df_k

    @property
    def dl_dbeta(self) -> tuple[float, ...]:
        return self.dl_df  # f_k = beta_k + omega_k h_k


def forward(x: float, y: float, beta: Sequence[float], omega: Sequence[float]) -> ForwardPass:
    h, f = [float(x)], []
    for k in range(len(beta)):
        f.append(float(beta[k] + omega[k] * h[k]))
        if k < len(NONLINEARITIES):
            h.append(float(NONLINEARITIES[k][0](f[k])))
    return ForwardPass(tuple(f), tuple(h), (f[-1] - y) ** 2)


def backward(passed: ForwardPass, y: float, omega: Sequence[float]) -> BackwardPass:
    """The chain rule from the loss back to f_0; then dl/dbeta_k = dl/df_k, dl/domega_k = h_k dl/df_k."""
    n = len(passed.f)
    dl_df = [0.0] * n
    dl_dh = [0.0] * (n - 1)
    dl_df[-1] = 2 * (passed.f[-1] - y)
    for k in range(n - 1, 0, -1):
        dl_dh[k - 1] = omega[k] * dl_df[k]
        dl_df[k - 1] = float(NONLINEARITIES[k - 1][1](passed.f[k - 1]) * dl_dh[k - 1])
    dl_domega = tuple(h * d for h, d in zip(passed.h, dl_df, strict=True))
    return BackwardPass(tuple(dl_df), tuple(dl_dh), dl_domega)


def named_values(passed: ForwardPass, grads: BackwardPass) -> dict[str, float]:
    """The 23 numbers the notebook states, under its names (``f0``, ``h1``, ``dl_dbeta0``, ...)."""
    out = {"loss": passed.loss}
    out |= {f"f{k}": v for k, v in enumerate(passed.f)}
    out |= {f"h{k}": v for k, v in enumerate(passed.h) if k > 0}
    out |= {f"dl_df{k}": v for k, v in enumerate(grads.dl_df)}
    out |= {f"dl_dh{k + 1}": v for k, v in enumerate(grads.dl_dh)}
    out |= {f"dl_dbeta{k}": v for k, v in enumerate(grads.dl_dbeta)}
    out |= {f"dl_domega{k}": v for k, v in enumerate(grads.dl_domega)}
    return out
