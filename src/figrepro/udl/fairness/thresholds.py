"""Notebook 21.1 (fig. 21.2): thresholds on a credit score, per group, and what they do to the
rate of loans, the true positive rate and the false alarm rate.

Each group's scores are described by frequency curves over a grid of scores, one for those who
defaulted (y = 0) and one for those who repaid (y = 1); a loan goes to scores c >= tau.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class FrequencyCurve:
    """weight x (prop Norm(mean1, sigma1^2) + (1 - prop) Norm(mean2, sigma2^2)): two bumps."""

    weight: float
    mean1: float
    mean2: float
    sigma1: float
    sigma2: float
    prop: float

    def __call__(self, c: np.ndarray) -> np.ndarray:
        def bump(mean: float, sigma: float) -> np.ndarray:
            return np.exp(-0.5 * (c - mean) ** 2 / sigma**2) / np.sqrt(2 * np.pi * sigma**2)

        return self.weight * (
            self.prop * bump(self.mean1, self.sigma1) + (1 - self.prop) * bump(self.mean2, self.sigma2)
        )


def rate_above(scores: np.ndarray, frequency: np.ndarray, threshold: np.ndarray | float) -> np.ndarray:
    """The share of the frequency at scores >= threshold; ``threshold`` may be an array of thresholds."""
    above = scores[None, :] >= np.atleast_1d(threshold)[:, None]
    rate = (above * frequency[None, :]).sum(axis=1) / frequency.sum()
    return rate if np.ndim(threshold) else float(rate[0])


@dataclass(frozen=True)
class Group:
    defaulted: np.ndarray  # frequency of each score among those with y = 0
    repaid: np.ndarray  # ... with y = 1

    def loan_rate(self, scores: np.ndarray, tau: np.ndarray | float) -> np.ndarray:
        return rate_above(scores, self.defaulted + self.repaid, tau)

    def true_positive_rate(self, scores: np.ndarray, tau: np.ndarray | float) -> np.ndarray:
        return rate_above(scores, self.repaid, tau)

    def false_alarm_rate(self, scores: np.ndarray, tau: np.ndarray | float) -> np.ndarray:
        return rate_above(scores, self.defaulted, tau)


def threshold_for(rate: np.ndarray, scores: np.ndarray, target: float) -> float:
    """The score of the grid whose rate (one per score) is nearest ``target`` (the first, on a tie)."""
    return float(scores[int(np.argmin(np.abs(rate - target)))])
