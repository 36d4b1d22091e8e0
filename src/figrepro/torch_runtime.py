"""Seeded torch generators and deterministic threads, for the sources trained with torch."""

from __future__ import annotations

import os

import numpy as np
import torch


def stream_seed(*tags: int) -> int:
    """A 63-bit seed for the stream named by ``tags`` (base seed, source, stage), independent
    of every other tag sequence."""
    state = np.random.SeedSequence(list(tags)).generate_state(2, np.uint32)
    return int((int(state[0]) << 31) ^ int(state[1]))


def torch_generator(*tags: int) -> torch.Generator:
    """A CPU generator; draws are made on the CPU and moved, so every device sees the same noise."""
    return torch.Generator().manual_seed(stream_seed(*tags))


def deterministic_torch(threads: int) -> None:
    """Fixed thread count and deterministic kernels (CUDA's cuBLAS needs its workspace set too)."""
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    torch.set_num_threads(max(1, threads))
    torch.use_deterministic_algorithms(True)
