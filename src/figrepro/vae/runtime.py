"""Torch generators and the device for the torch jobs of the VAE, so every run repeats bit for bit."""

from __future__ import annotations

import torch

from figrepro import torch_runtime
from figrepro.config import ConfigError
from figrepro.vae.device import NO_GPU
from figrepro.vae.streams import SOURCE_TAG, STREAMS


def torch_stream(base_seed: int, stream: str) -> torch.Generator:
    return torch_runtime.torch_generator(base_seed, SOURCE_TAG, STREAMS[stream])


def pick_device(name: str) -> torch.device:
    """``auto``: CUDA when there is a GPU, else the CPU; ``cuda`` without a GPU is an error."""
    if name == "cuda" and not torch.cuda.is_available():
        raise ConfigError(NO_GPU)
    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(name)
