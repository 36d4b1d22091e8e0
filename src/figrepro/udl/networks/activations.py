"""Activation functions of chapters 3 to 5: ReLU, (steep) logistic sigmoid, Heaviside, linear, softmax."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Activation = Callable[[np.ndarray], np.ndarray]


def relu(z: np.ndarray) -> np.ndarray:
    """ReLU[z] = max(0, z), element by element."""
    return np.clip(z, 0.0, None)


def sigmoid(z: np.ndarray, slope: float = 1.0) -> np.ndarray:
    """The logistic sigmoid 1 / (1 + exp(-slope z)); notebook 3.4 uses slope 10 to match the ReLU's axes."""
    return 1.0 / (1.0 + np.exp(-slope * np.asarray(z, dtype=float)))


def heaviside(z: np.ndarray) -> np.ndarray:
    """1 where z >= 0, else 0."""
    return (np.asarray(z) >= 0).astype(float)


def linear(z: np.ndarray, a: float = 0.0, b: float = 1.0) -> np.ndarray:
    """lin[z] = a + b z: with it a network can only draw straight lines."""
    return a + b * np.asarray(z, dtype=float)


def softmax(z: np.ndarray, axis: int = 0) -> np.ndarray:
    """exp(z_k) / sum_j exp(z_j) along ``axis`` (eq. 5.22), shifted by the maximum so it cannot overflow."""
    shifted = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return shifted / np.sum(shifted, axis=axis, keepdims=True)
