"""The assignment's random streams under the top-level seed (it sets none), one per stage: NumPy's
here; torch's generators in :mod:`figrepro.vae.runtime` (the data job needs no torch)."""

from __future__ import annotations

import numpy as np

from figrepro.random_streams import source_generator
from figrepro.random_streams import stream_seed as _seed_of

SOURCE_TAG = 3  # the assignment's stream tag under the top-level seed (the seed file is 003)
STREAMS = {
    "data": 1,
    "init": 2,
    "train": 3,
    "evaluate": 4,
    "decode": 5,
    "posterior": 6,
    "gradients": 7,
    "history": 8,  # the per-epoch test ELBO during training
}


def stream_seed(base_seed: int, stream: str) -> int:
    """A 63-bit seed for one stage of the VAE, independent of the other stages' streams."""
    return _seed_of(base_seed, SOURCE_TAG, STREAMS[stream])


def numpy_stream(base_seed: int, stream: str) -> np.random.Generator:
    return source_generator(base_seed, SOURCE_TAG, STREAMS[stream])
