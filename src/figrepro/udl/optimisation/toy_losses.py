"""Loss functions given in closed form by notebooks 6.1 and 6.5 (no data)."""

from __future__ import annotations

import numpy as np


def two_dips(phi: np.ndarray | float) -> np.ndarray:
    """Notebook 6.1: 1 - 0.5 exp(-(phi - 0.65)^2 / 0.1) - 0.45 exp(-(phi - 0.35)^2 / 0.02) on [0, 1]."""
    phi = np.asarray(phi, dtype=float)
    return 1 - 0.5 * np.exp(-((phi - 0.65) ** 2) / 0.1) - 0.45 * np.exp(-((phi - 0.35) ** 2) / 0.02)


def elongated_bowl(phi0: np.ndarray, phi1: np.ndarray) -> np.ndarray:
    """Notebook 6.5: 1 - exp(-2 phi_1^2) exp(-(phi_0 - 0.7)^2 / 8), steep in phi_1 and flat in phi_0."""
    return 1.0 - np.exp(-0.5 * phi1 * phi1 * 4.0) * np.exp(-0.5 * (phi0 - 0.7) * (phi0 - 0.7) / 4.0)
