"""Grids given in the config as ``{start, stop, step}`` (``np.arange`` semantics, as the sources)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


def arange(spec: Mapping[str, float]) -> np.ndarray:
    return np.arange(spec["start"], spec["stop"], spec["step"])
