"""The networks of chapters 3 to 5: the book's 1-input shallow network written unit by unit,
and any fully connected network in matrix form (eq. 4.15).

Notebooks 3.1, 3.4, 4.1 and 4.3 write the shallow network as three scalar equations,
y = phi_0 + sum_k phi_k a[theta_k0 + theta_k1 x]; notebooks 4.3 and 5.x write networks as
matrices, h = a[beta + Omega x]. Both forms live here so each can be checked against the other.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from figrepro.udl.networks.activations import Activation, relu


@dataclass(frozen=True)
class Layer:
    """One affine map beta + Omega h: ``bias`` (D_out,), ``weights`` (D_out, D_in)."""

    bias: np.ndarray
    weights: np.ndarray

    def __post_init__(self) -> None:
        if self.bias.shape != (self.weights.shape[0],):
            raise ValueError(f"bias of shape {self.bias.shape} does not fit weights {self.weights.shape}")

    def __call__(self, h: np.ndarray) -> np.ndarray:
        return self.bias[:, None] + self.weights @ h


def hidden_units(x: np.ndarray, layers: Sequence[Layer], activation: Activation = relu) -> list[np.ndarray]:
    """h_1 .. h_K of the matrix form (eq. 4.15), each (D_k, N): every layer but the last, activated."""
    h, hidden = np.asarray(x, dtype=float), []
    for layer in layers[:-1]:
        h = activation(layer(h))
        hidden.append(h)
    return hidden


def forward(x: np.ndarray, layers: Sequence[Layer], activation: Activation = relu) -> np.ndarray:
    """The network's output, (D_out, N), for inputs ``x`` held one per column, (D_in, N)."""
    hidden = hidden_units(x, layers, activation)
    return layers[-1](hidden[-1] if hidden else np.asarray(x, dtype=float))


def matrix_layers(section: Mapping[str, Any]) -> list[Layer]:
    """A 1-input shallow network from the notebooks' ``beta_0, omega_0, beta_1, omega_1`` (chapter 5)."""
    beta_0 = np.asarray(section["beta_0"], dtype=float)
    omega_0 = np.asarray(section["omega_0"], dtype=float).reshape(-1, 1)
    return [
        Layer(beta_0, omega_0),
        Layer(np.asarray(section["beta_1"], dtype=float), np.asarray(section["omega_1"], dtype=float)),
    ]


def output_bias_sweep(x: np.ndarray, layers: Sequence[Layer], output: int, values: np.ndarray) -> np.ndarray:
    """The network's outputs, (S, D_out, N), with the bias of ``output`` set to each of ``values``.

    The hidden layers do not depend on that bias, so they are evaluated once for the whole sweep.
    """
    last = layers[-1]
    without_bias = forward(x, [*layers[:-1], Layer(np.zeros_like(last.bias), last.weights)])
    biases = np.repeat(last.bias[None, :], len(values), axis=0)
    biases[:, output] = values
    return biases[:, :, None] + without_bias[None, :, :]


@dataclass(frozen=True)
class Stages:
    """What the shallow network computes on the way, one row per hidden unit (fig. 3.3a-j)."""

    pre: np.ndarray  # theta_k0 + theta_k1 x
    act: np.ndarray  # a[pre]
    weighted: np.ndarray  # phi_k a[pre]
    y: np.ndarray  # phi_0 + sum of the weighted activations


@dataclass(frozen=True)
class ShallowNet:
    """y = phi_0 + sum_k phi_k a[theta_k0 + theta_k1 x].

    ``theta`` is (H, 2), rows (theta_k0, theta_k1); ``phi`` is (H+1,), phi_0 first.
    """

    theta: np.ndarray
    phi: np.ndarray

    def __post_init__(self) -> None:
        if self.theta.ndim != 2 or self.theta.shape[1] != 2 or self.phi.shape != (self.theta.shape[0] + 1,):
            raise ValueError(f"theta {self.theta.shape} must be (H, 2) and phi {self.phi.shape} (H+1,)")

    @classmethod
    def from_params(cls, section: Mapping[str, Any]) -> ShallowNet:
        """From a config mapping ``{theta: [[theta_10, theta_11], ...], phi: [phi_0, phi_1, ...]}``."""
        return cls(np.asarray(section["theta"], dtype=float), np.asarray(section["phi"], dtype=float))

    def stages(self, x: np.ndarray, activation: Activation = relu) -> Stages:
        """Every unit as its own scalar equation, as the notebooks write them."""
        x = np.asarray(x, dtype=float)
        pre = np.stack([t0 + t1 * x for t0, t1 in self.theta])
        act = np.stack([activation(p) for p in pre])
        weighted = np.stack([phi_k * a for phi_k, a in zip(self.phi[1:], act, strict=True)])
        y = self.phi[0] + weighted.sum(axis=0)
        return Stages(pre, act, weighted, y)

    def __call__(self, x: np.ndarray, activation: Activation = relu) -> np.ndarray:
        return self.stages(x, activation).y

    def with_phi_scaled(self, k: int, factor: float) -> ShallowNet:
        """The same network with phi_k multiplied by ``factor`` (notebook 4.1's experiments)."""
        phi = self.phi.copy()
        phi[k] *= factor
        return ShallowNet(self.theta, phi)

    def layers(self) -> list[Layer]:
        """In matrix form: beta_0, Omega_0 from theta; beta_1 = phi_0, Omega_1 = (phi_1 .. phi_H)."""
        return [
            Layer(self.theta[:, 0].copy(), self.theta[:, 1:2].copy()),
            Layer(self.phi[:1].copy(), self.phi[None, 1:].copy()),
        ]


def composed_layers(first: ShallowNet, second: ShallowNet) -> list[Layer]:
    """``second`` applied to the output of ``first`` as one network with two hidden layers.

    The second network's pre-activations theta'_i0 + theta'_i1 (phi_0 + sum_j phi_j h_j) give
    beta_1,i = theta'_i0 + theta'_i1 phi_0 and Omega_1,ij = theta'_i1 phi_j (eq. 4.5).
    """
    inner, outer = first.layers(), second.layers()
    beta_1 = second.theta[:, 0] + second.theta[:, 1] * first.phi[0]
    omega_1 = second.theta[:, 1:2] * first.phi[None, 1:]
    return [inner[0], Layer(beta_1, omega_1), outer[1]]


def random_layers(rng: np.random.Generator, sizes: Sequence[int]) -> list[Layer]:
    """Standard-normal biases and weights for a network of layer widths ``sizes`` (input first)."""
    return [
        Layer(rng.standard_normal(d_out), rng.standard_normal((d_out, d_in)))
        for d_in, d_out in itertools.pairwise(sizes)
    ]


def linear_regions(x: np.ndarray, y: np.ndarray, rtol: float = 1e-9) -> int:
    """How many linear pieces the piecewise-linear ``y(x)`` has on the sampled interval.

    A joint at a sample changes the slope once; a joint between two samples gives that interval
    a slope of its own, two changes in a row. So each run of consecutive slope changes is one
    joint, or two where the run is longer than two (joints in neighbouring intervals).
    """
    slopes = np.diff(y) / np.diff(x)
    change = np.abs(np.diff(slopes)) > rtol * max(1.0, float(np.abs(slopes).max()))
    edges = np.diff(np.concatenate([[0], change.astype(int), [0]]))
    run_lengths = np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1)
    return int(np.sum((run_lengths + 1) // 2)) + 1
