"""Chunked, batched estimates equal the notebooks' one-call-per-estimate loops."""

from __future__ import annotations

import numpy as np
import pytest

from figrepro.montecarlo import Batch, run_batches
from figrepro.random_streams import legacy_generator, legacy_normal_blocks


def square(g: np.ndarray) -> np.ndarray:
    return g * g + g


@pytest.mark.parametrize("sizes", [[10, 20, 30], [3, 5, 7, 1], [1] * 11, [1000]])
def test_blocks_equal_one_global_stream(sizes: list[int]) -> None:
    np.random.seed(7)
    expected = np.random.normal(size=sum(sizes))
    got = np.concatenate(list(legacy_normal_blocks(legacy_generator(7), sizes)))
    assert np.array_equal(got, expected)


def test_abandoned_block_stream_stops_its_worker() -> None:
    blocks = legacy_normal_blocks(legacy_generator(0), [10] * 1000, prefetch=1)
    next(blocks)
    blocks.close()  # must not hang


@pytest.mark.parametrize("chunk", [2, 6, 64, 1 << 20])
def test_batches_match_a_loop_of_global_draws(chunk: int) -> None:
    plan = [(1, 300), (40, 3), (5, 17), (1, 1)]
    np.random.seed(3)
    expected = [np.array([np.mean(square(np.random.normal(size=(n, 1)))) for _ in range(k)]) for k, n in plan]
    got = run_batches(legacy_generator(3), [Batch(k, n, square) for k, n in plan], chunk=chunk)
    for g, e in zip(got, expected, strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-13, atol=0)


def test_bad_batch_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        run_batches(legacy_generator(0), [Batch(0, 5, square, "empty")])
