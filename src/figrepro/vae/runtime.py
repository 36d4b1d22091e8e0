"""Seeds, threads and device for the torch jobs of the VAE, so every run repeats bit for bit."""

from __future__ import annotations

import numpy as np
import torch

from figrepro import torch_runtime
from figrepro.config import ConfigError
from figrepro.random_streams import source_generator

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
    return torch_runtime.stream_seed(base_seed, SOURCE_TAG, STREAMS[stream])


def numpy_stream(base_seed: int, stream: str) -> np.random.Generator:
    return source_generator(base_seed, SOURCE_TAG, STREAMS[stream])


def torch_stream(base_seed: int, stream: str) -> torch.Generator:
    return torch_runtime.torch_generator(base_seed, SOURCE_TAG, STREAMS[stream])


def pick_device(name: str) -> torch.device:
    """``auto``: CUDA when there is a GPU, else the CPU; ``cuda`` without a GPU is an error."""
    if name == "cuda" and not torch.cuda.is_available():
        raise ConfigError("vae.train.device: cuda was asked for but torch sees no GPU here")
    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(name)
