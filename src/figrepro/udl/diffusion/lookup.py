"""Per-timestep lookup-table regressors, the "non-parametric models" of notebooks 18.2-18.4.

Each timestep has one table over equal-width bins of z on [-max_abs, max_abs]; a bin's
value is sum(target) / (count + 1) over the training pairs falling in it (the +1 shrinks
empty and sparse bins towards zero). Inputs and targets are clipped to the range first.
All tables are fitted together with one weighted ``bincount``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class BinGrid:
    """Equal-width bins on [-max_abs, max_abs]."""

    max_abs: float
    width: float

    @property
    def n_bins(self) -> int:
        return round(2.0 * self.max_abs / self.width)

    def index(self, z: np.ndarray) -> np.ndarray:
        """Bin of each z; values beyond the range fall in the end bins."""
        i = np.floor((np.asarray(z) + self.max_abs) / self.width)
        return np.clip(i, 0, self.n_bins - 1).astype(np.intp)


class TableAccumulator:
    """Sums and counts of targets per (timestep, bin), filled in blocks of timesteps."""

    def __init__(self, n_tables: int, grid: BinGrid) -> None:
        self.grid = grid
        self.n_tables = n_tables
        self.sums = np.zeros(n_tables * grid.n_bins)
        self.counts = np.zeros(n_tables * grid.n_bins)

    def add(self, table_index: np.ndarray, z: np.ndarray, target: np.ndarray) -> None:
        """Add pairs: row r of ``z``/``target`` (shape (rows, n)) trains table ``table_index[r]``."""
        m = self.grid.max_abs
        z = np.clip(z, -m, m)
        flat = (np.asarray(table_index)[:, None] * self.grid.n_bins + self.grid.index(z)).ravel()
        size = self.sums.size
        self.sums += np.bincount(flat, weights=np.clip(target, -m, m).ravel(), minlength=size)
        self.counts += np.bincount(flat, minlength=size)

    def tables(self) -> np.ndarray:
        """The fitted tables, shape (n_tables, n_bins)."""
        return (self.sums / (self.counts + 1.0)).reshape(self.n_tables, self.grid.n_bins)


def lookup(tables: np.ndarray, grid: BinGrid, table_index: int, z: np.ndarray) -> np.ndarray:
    """Prediction of table ``table_index`` at each z."""
    return tables[table_index][grid.index(z)]
