"""Seeds, threads and device for the torch jobs of the VAE, so every run repeats bit for bit."""

from __future__ import annotations

import os

import numpy as np
import torch

from figrepro.config import ConfigError

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
    state = np.random.SeedSequence([base_seed, SOURCE_TAG, STREAMS[stream]]).generate_state(2, np.uint32)
    return int((int(state[0]) << 31) ^ int(state[1]))


def numpy_stream(base_seed: int, stream: str) -> np.random.Generator:
    return np.random.default_rng([base_seed, SOURCE_TAG, STREAMS[stream]])


def torch_stream(base_seed: int, stream: str) -> torch.Generator:
    """A CPU generator; draws are made on the CPU and moved, so every device sees the same noise."""
    return torch.Generator().manual_seed(stream_seed(base_seed, stream))


def deterministic_torch(threads: int) -> None:
    """Fixed thread count and deterministic kernels (CUDA's cuBLAS needs its workspace set too)."""
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    torch.set_num_threads(max(1, threads))
    torch.use_deterministic_algorithms(True)


def pick_device(name: str) -> torch.device:
    """``auto``: CUDA when there is a GPU, else the CPU; ``cuda`` without a GPU is an error."""
    if name == "cuda" and not torch.cuda.is_available():
        raise ConfigError("vae.train.device: cuda was asked for but torch sees no GPU here")
    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(name)
