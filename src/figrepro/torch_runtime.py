"""Seeded torch generators and deterministic threads, for the sources trained with torch."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import torch

from figrepro.io import BadInputFile, atomic_path, damaged
from figrepro.random_streams import stream_seed


def torch_generator(*tags: int) -> torch.Generator:
    """A CPU generator; draws are made on the CPU and moved, so every device sees the same noise."""
    return torch.Generator().manual_seed(stream_seed(*tags))


def deterministic_torch(threads: int, cuda: bool = False) -> None:
    """A fixed thread count; with ``cuda``, deterministic kernels too (cuBLAS needs its workspace set).

    On the CPU, at a fixed thread count, every kernel these jobs run (matrix products, elementwise
    functions, sums) is deterministic already; ``torch.use_deterministic_algorithms`` would add
    nothing but its import of torch's compiler configuration, 1.5 to 1.8 s per job.
    """
    torch.set_num_threads(max(1, threads))
    if cuda:
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        torch.use_deterministic_algorithms(True)


def save_weights(path: str | os.PathLike[str], module: torch.nn.Module, **shape: int) -> None:
    """A module's weights (on the CPU) and the sizes needed to rebuild it, written atomically."""
    state = {k: v.detach().cpu() for k, v in module.state_dict().items()}
    with atomic_path(path) as tmp:
        torch.save({**shape, "state": state}, tmp)


def load_weights(path: str | os.PathLike[str]) -> dict[str, Any]:
    """What ``save_weights`` wrote, naming the file if it is missing or not such a file."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"missing input file: {path}")
    try:
        saved = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # torch raises several types for a damaged file
        raise damaged(path, "a saved network", exc) from None
    if not isinstance(saved, dict) or "state" not in saved:
        raise BadInputFile(f"{path}: not a saved network")
    return saved
