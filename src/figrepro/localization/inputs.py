"""Reading the lab's saved readings back, checked against the configured model."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from figrepro.io import BadInputFile
from figrepro.localization.model import SensorModel


def load_readings(path: str | Path, model: SensorModel) -> np.ndarray:
    """The L x N readings, naming the file if it is missing, unreadable or of the wrong shape."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"missing input file: {path}")
    try:
        x = np.load(path, allow_pickle=False)
    except ValueError as exc:
        raise BadInputFile(f"{path}: not a NumPy array file ({exc})") from None
    expected = (model.n_sensors, model.readings_per_sensor)
    if x.shape != expected:
        raise BadInputFile(f"{path}: readings of shape {x.shape}, expected {expected} (sensors x readings)")
    if not np.all(np.isfinite(x)):
        raise BadInputFile(f"{path}: readings that are not finite numbers")
    return x
