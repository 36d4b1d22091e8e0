"""The lab's random streams under the top-level seed (the lab sets none)."""

from __future__ import annotations

import numpy as np

from figrepro.random_streams import source_generator

SOURCE_TAG = 5  # the lab's tag under the top-level seed (the seed file is 004; 5 as in "lab 5")
STREAMS = {"readings": 1, "init": 2, "train": 3, "samples": 4}


def tags(base_seed: int, stream: str) -> tuple[int, int, int]:
    return base_seed, SOURCE_TAG, STREAMS[stream]


def numpy_stream(base_seed: int, stream: str) -> np.random.Generator:
    return source_generator(*tags(base_seed, stream))
