"""What the VAE's evaluation scripts share: their common options and loading their inputs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click
import numpy as np

from figrepro.io import load_npz
from figrepro.torch_runtime import deterministic_torch
from figrepro.vae.model import VAE, load_model

F = TypeVar("F", bound=Callable[..., Any])


def model_job_options(fn: F) -> F:
    """``--seed``, ``--threads``, ``--data`` and ``--model``: a job that reads the trained model."""
    for option in reversed(
        (
            click.option("--seed", type=int, required=True, help="base seed (the assignment sets none)"),
            click.option("--threads", type=click.IntRange(1), default=1, show_default=True),
            click.option("--data", type=click.Path(dir_okay=False), required=True, help="data .npz"),
            click.option("--model", "model_path", type=click.Path(dir_okay=False), required=True),
        )
    ):
        fn = option(fn)
    return fn


def load_job_inputs(data: str, model_path: str, threads: int) -> tuple[dict[str, np.ndarray], VAE]:
    """Fix torch's threads and determinism, then read the data and the model."""
    deterministic_torch(threads)
    return load_npz(data), load_model(model_path)
