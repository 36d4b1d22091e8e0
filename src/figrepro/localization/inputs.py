"""Reading the lab's saved readings back, checked against the configured model."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from figrepro.io import BadInputFile, load_npy
from figrepro.localization.model import SensorModel


def load_readings(path: str | Path, model: SensorModel) -> np.ndarray:
    """The L x N readings, naming the file if it is missing, unreadable or of the wrong shape."""
    x = load_npy(path)
    expected = (model.n_sensors, model.readings_per_sensor)
    if x.shape != expected:
        raise BadInputFile(f"{path}: readings of shape {x.shape}, expected {expected} (sensors x readings)")
    if not np.all(np.isfinite(x)):
        raise BadInputFile(f"{path}: readings that are not finite numbers")
    return x
