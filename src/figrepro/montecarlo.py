"""Batched Monte Carlo means over one sequential stream of standard normals.

A *batch* asks for ``n_estimates`` independent estimates, each the mean of an integrand
over ``n_samples`` consecutive draws. Batches consume the stream in order, exactly as a
loop of ``np.random.normal(size=(n_samples, 1))`` calls would, but with large estimates
split into bounded chunks and many small estimates evaluated as one 2-D array.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from figrepro.random_streams import legacy_normal_blocks

Integrand = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Batch:
    """``n_estimates`` means of ``integrand`` over ``n_samples`` standard normals each."""

    n_estimates: int
    n_samples: int
    integrand: Integrand
    label: str = ""


@dataclass(frozen=True)
class _Piece:
    batch: int
    first_row: int
    rows: int
    length: int  # draws per row in this piece

    @property
    def size(self) -> int:
        return self.rows * self.length


def _pieces(batches: Sequence[Batch], chunk: int) -> Iterator[_Piece]:
    for b, batch in enumerate(batches):
        if batch.n_samples >= chunk:
            for row in range(batch.n_estimates):
                left = batch.n_samples
                while left > 0:
                    length = min(chunk, left)
                    yield _Piece(b, row, 1, length)
                    left -= length
        else:
            per_block = max(1, chunk // batch.n_samples)
            for first in range(0, batch.n_estimates, per_block):
                rows = min(per_block, batch.n_estimates - first)
                yield _Piece(b, first, rows, batch.n_samples)


def run_batches(
    rs: np.random.RandomState,
    batches: Sequence[Batch],
    chunk: int = 1 << 20,
    on_batch_done: Callable[[int, np.ndarray], None] | None = None,
) -> list[np.ndarray]:
    """Evaluate ``batches`` in order on the legacy stream of ``rs``; one array of estimates each."""
    for batch in batches:
        if batch.n_estimates < 1 or batch.n_samples < 1:
            raise ValueError(f"batch {batch.label!r} needs at least one estimate and one sample")
    sums = [np.zeros(batch.n_estimates) for batch in batches]
    plan = list(_pieces(batches, chunk))
    blocks = legacy_normal_blocks(rs, (p.size for p in plan))
    remaining = Counter(p.batch for p in plan)
    for piece, block in zip(plan, blocks, strict=True):
        values = batches[piece.batch].integrand(block.reshape(piece.rows, piece.length))
        sums[piece.batch][piece.first_row : piece.first_row + piece.rows] += values.sum(axis=1)
        remaining[piece.batch] -= 1
        if remaining[piece.batch] == 0:
            sums[piece.batch] /= batches[piece.batch].n_samples
            if not np.all(np.isfinite(sums[piece.batch])):
                raise FloatingPointError(f"Monte Carlo estimate {batches[piece.batch].label!r} is not finite")
            if on_batch_done is not None:
                on_batch_done(piece.batch, sums[piece.batch])
    return sums


def batch_logger(
    log: Callable[[str], None], batches: Sequence[Batch], min_draws: int = 10**6
) -> Callable[[int, np.ndarray], None]:
    """A ``run_batches`` callback logging each finished batch of at least ``min_draws`` draws."""

    def done(i: int, estimates: np.ndarray) -> None:
        b = batches[i]
        if b.n_estimates * b.n_samples < min_draws:
            return
        if b.n_estimates == 1:
            log(f"{b.label}: {float(estimates[0])!r}")
        else:
            log(
                f"{b.label}: mean {estimates.mean():.6g}, variance {estimates.var():.4g} over {b.n_estimates}"
            )

    return done
