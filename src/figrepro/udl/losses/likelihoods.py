"""The losses of chapter 5: Bernoulli (binary) and categorical (multiclass) probabilities, and the
likelihood, negative log-likelihood and sum of squares over a data set.

The normal density (regression) is ``figrepro.distributions.normal_pdf``. Data run along the
last axis, so a whole parameter sweep, (S, N), is one call. Written out from eqs. 5.3-5.22;
the tests compare them with scipy.stats.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def bernoulli_pmf(y: np.ndarray, lam: np.ndarray) -> np.ndarray:
    """Pr(y | lambda) = lambda^y (1 - lambda)^(1 - y) for y in {0, 1}."""
    return np.power(lam, y) * np.power(1.0 - lam, 1 - np.asarray(y))


def bernoulli_log_pmf(y: np.ndarray, lam: np.ndarray) -> np.ndarray:
    return np.where(np.asarray(y) == 1, np.log(lam), np.log1p(-lam))


def categorical_pmf(y: np.ndarray, lam: np.ndarray) -> np.ndarray:
    """lambda_{y_i} for each datum i; ``lam`` is (..., K, N), one column of class probabilities per datum."""
    y = np.asarray(y)
    picked = np.take_along_axis(lam, np.broadcast_to(y, (*lam.shape[:-2], 1, y.size)), axis=-2)
    return picked[..., 0, :]


def likelihood(probabilities: np.ndarray) -> np.ndarray:
    """The product over the data (last axis): independent data (eq. 5.3)."""
    return np.prod(probabilities, axis=-1)


def negative_log_likelihood(log_probabilities: np.ndarray) -> np.ndarray:
    """Minus the sum over the data (last axis) of the log-probabilities (eq. 5.4)."""
    return -np.sum(log_probabilities, axis=-1)


def sum_of_squares(y: np.ndarray, prediction: np.ndarray) -> np.ndarray:
    """The least squares loss, summed over the data (last axis) (eq. 5.10)."""
    return np.sum(np.square(y - prediction), axis=-1)


@dataclass(frozen=True)
class Sweep:
    """A loss as one parameter runs through ``values``: the likelihood, the NLL and (regression) the
    sum of squares at each value (notebooks 5.1-5.3's coordinate searches)."""

    values: np.ndarray
    likelihood: np.ndarray
    nll: np.ndarray
    sum_of_squares: np.ndarray | None = None

    def at_max_likelihood(self) -> float:
        return float(self.values[np.argmax(self.likelihood)])

    def at_min_nll(self) -> float:
        return float(self.values[np.argmin(self.nll)])

    def at_min_sum_of_squares(self) -> float:
        if self.sum_of_squares is None:
            raise ValueError("this sweep has no sum of squares")
        return float(self.values[np.argmin(self.sum_of_squares)])


def drawn(values: np.ndarray, n: int) -> np.ndarray:
    """``n`` of the swept values to draw the model at: every (len // n)-th from the first.

    With the notebooks' sweeps this is their "every 20th" (100 values -> 5, 80 -> 4).
    """
    if len(values) < n:
        raise ValueError(f"a sweep of {len(values)} values cannot show {n} models")
    return values[np.arange(n) * (len(values) // n)]
