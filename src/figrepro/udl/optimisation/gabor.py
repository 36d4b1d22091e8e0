"""The Gabor model of notebooks 6.3 and 6.4 (fig. 6.5): f[x, phi] = sin(u) exp(-u^2 / 32) with
u = phi_0 + 0.06 phi_1 x, its 30 training points, the least squares loss and its gradient."""

from __future__ import annotations

import numpy as np

X = np.array(
    [
        -1.920e00, -1.422e01, 1.490e00, -1.940e00, -2.389e00, -5.090e00, -8.861e00, 3.578e00,
        -6.010e00, -6.995e00, 3.634e00, 8.743e-01, -1.096e01, 4.073e-01, -9.467e00, 8.560e00,
        1.062e01, -1.729e-01, 1.040e01, -1.261e01, 1.574e-01, -1.304e01, -2.156e00, -1.210e01,
        -1.119e01, 2.902e00, -8.220e00, -1.179e01, -8.391e00, -4.505e00,
    ]
)  # fmt: skip
Y = np.array(
    [
        -1.051e00, -2.482e-02, 8.896e-01, -4.943e-01, -9.371e-01, 4.306e-01, 9.577e-03, -7.944e-02,
        1.624e-01, -2.682e-01, -3.129e-01, 8.303e-01, -2.365e-02, 5.098e-01, -2.777e-01, 3.367e-01,
        1.927e-01, -2.222e-01, 6.352e-02, 6.888e-03, 3.224e-02, 1.091e-02, -5.706e-01, -5.258e-02,
        -3.666e-02, 1.709e-01, -4.805e-02, 2.008e-01, -1.904e-01, 5.952e-01,
    ]
)  # fmt: skip
FREQUENCY_SCALE = 0.06


def model(phi0: np.ndarray | float, phi1: np.ndarray | float, x: np.ndarray) -> np.ndarray:
    u = phi0 + FREQUENCY_SCALE * phi1 * x
    return np.sin(u) * np.exp(-u * u / 32)


def loss(
    phi0: np.ndarray | float, phi1: np.ndarray | float, x: np.ndarray = X, y: np.ndarray = Y
) -> np.ndarray:
    """Sum of squares over the data; ``phi0`` and ``phi1`` may be grids (data on a new last axis)."""
    phi0, phi1 = np.asarray(phi0)[..., None], np.asarray(phi1)[..., None]
    return np.sum(np.square(model(phi0, phi1, x) - y), axis=-1)


def gradient(phi: np.ndarray, x: np.ndarray = X, y: np.ndarray = Y) -> np.ndarray:
    """dL/d(phi_0, phi_1), written out: 2 (f - y) f'(u) with du/dphi_0 = 1, du/dphi_1 = 0.06 x."""
    u = phi[0] + FREQUENCY_SCALE * phi[1] * x
    gauss = np.exp(-u * u / 32)
    df_du = np.cos(u) * gauss - np.sin(u) * gauss * u / 16
    residual = 2 * (np.sin(u) * gauss - y) * df_du
    return np.array([np.sum(residual), np.sum(residual * FREQUENCY_SCALE * x)])


def loss_at(phi: np.ndarray) -> float:
    """The loss at one parameter vector (phi_0, phi_1)."""
    return float(loss(phi[0], phi[1]))


def batch_gradient(phi: np.ndarray, batch: np.ndarray) -> np.ndarray:
    """The gradient on the data points indexed by ``batch`` (stochastic gradient descent)."""
    return gradient(phi, X[batch], Y[batch])


def loss_grid(offsets: np.ndarray, frequencies: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The loss over the grid of ``offsets`` x ``frequencies``, with the meshes (rows: frequency)."""
    offset, frequency = np.meshgrid(offsets, frequencies)
    return offset, frequency, loss(offset, frequency)
