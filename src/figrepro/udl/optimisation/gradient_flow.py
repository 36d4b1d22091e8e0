"""The Borealis AI blog on gradient flow: a linear model f = X^T phi on three points trained by
continuous-time gradient descent on L = 0.5 |X^T phi - y|^2, in closed form.

The parameters are ordered [slope, intercept]: the columns of X are [x_i, 1]. The flow solves
df/dt = -X^T X (f - y), so f(t) = y + exp(-X^T X t)(f_0 - y) and
phi(t) = phi_0 - (X X^T)^-1 X (I - exp(-X^T X t))(f_0 - y). X^T X is symmetric, so one
eigendecomposition gives the matrix exponential at every time at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LinearFlow:
    X: np.ndarray  # (D, I): one column [x_i, 1] per data point
    y: np.ndarray  # (I,)
    phi_0: np.ndarray  # (D,)

    def _decay(self, t: np.ndarray) -> np.ndarray:
        """exp(-X^T X t) for each t: (T, I, I)."""
        lam, v = np.linalg.eigh(self.X.T @ self.X)
        return np.einsum("ij,tj,kj->tik", v, np.exp(-np.outer(t, np.clip(lam, 0, None))), v)

    @property
    def pseudo_inverse(self) -> np.ndarray:
        """(X X^T)^-1 X: maps outputs at the data points to parameters."""
        return np.linalg.solve(self.X @ self.X.T, self.X)

    def residuals(self, t: np.ndarray) -> np.ndarray:
        """f(t) - y at each data point, (T, I)."""
        return self._decay(t) @ (self.X.T @ self.phi_0 - self.y)

    def outputs(self, t: np.ndarray) -> np.ndarray:
        return self.y + self.residuals(t)

    def loss(self, t: np.ndarray) -> np.ndarray:
        return 0.5 * np.sum(self.residuals(t) ** 2, axis=-1)

    def parameters(self, t: np.ndarray) -> np.ndarray:
        """phi(t), (T, D)."""
        drop = np.eye(len(self.y)) - self._decay(t)
        return self.phi_0 - (self.pseudo_inverse @ drop @ (self.X.T @ self.phi_0 - self.y)[:, None])[..., 0]

    def maximum_likelihood(self) -> np.ndarray:
        """The least squares parameters, where the flow ends: (X X^T)^-1 X y."""
        return self.pseudo_inverse @ self.y

    def predictive(
        self, t: np.ndarray, x_predict: np.ndarray, prior_variance: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """Mean and variance of f(x*) at time t when phi_0 ~ Norm(0, prior_variance I): each (T, N).

        phi(t) = A(t) y + (I - A(t) X^T) phi_0 with A(t) = (X X^T)^-1 X (I - exp(-X^T X t)).
        """
        inputs = np.vstack([x_predict, np.ones_like(x_predict)])  # (D, N)
        a = self.pseudo_inverse @ (np.eye(len(self.y)) - self._decay(t))  # (T, D, I)
        mean = np.einsum("dn,tdi,i->tn", inputs, a, self.y)
        b = inputs.T[None] - np.einsum("dn,tdi,ei->tne", inputs, a, self.X)  # (T, N, D)
        return mean, prior_variance * np.sum(b * b, axis=-1)
