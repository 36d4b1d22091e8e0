"""Training the VAE: Adam on minibatches of the Monte Carlo ELBO, with a per-epoch history."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

import torch
from torch import Tensor

from figrepro.vae.model import VAE


@dataclass(frozen=True)
class Epoch:
    """One row of the history. ``train_elbo`` averages the epoch's minibatch estimates (what
    Adam saw); ``test_elbo`` is a one-sample estimate on every test image after the epoch."""

    epoch: int
    train_elbo: float
    test_elbo: float
    seconds: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def mean_elbo(model: VAE, x: Tensor, generator: torch.Generator, batch: int = 10_000) -> float:
    """Mean one-sample ELBO over the images ``x``, without gradients."""
    with torch.no_grad():
        total = sum(float(model.elbo(x[i : i + batch], generator).sum()) for i in range(0, len(x), batch))
    return total / len(x)


def train(
    model: VAE,
    x_train: Tensor,
    x_test: Tensor,
    *,
    epochs: int,
    batch_size: int,
    lr: float,
    generator: torch.Generator,
    eval_generator: torch.Generator,
    on_step: Callable[[float], None] | None = None,
    on_epoch: Callable[[Epoch], None] | None = None,
) -> list[Epoch]:
    """Maximise the mean minibatch ELBO; stop with ``FloatingPointError`` at a non-finite one.

    Minibatches are a fresh permutation of the training set each epoch (the last one may be
    smaller); ``x_train`` and ``x_test`` are float tensors on the model's device.
    """
    # fused Adam: one kernel over all parameters, about 3x cheaper per step than the loop on a CPU
    optimiser = torch.optim.Adam(model.parameters(), lr=lr, fused=True)
    n = len(x_train)
    history: list[Epoch] = []
    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        order = torch.randperm(n, generator=generator).to(x_train.device)
        total = 0.0
        for step, first in enumerate(range(0, n, batch_size), 1):
            batch = x_train[order[first : first + batch_size]]
            elbo = model.elbo(batch, generator).mean()
            value = elbo.item()
            if not math.isfinite(value):
                raise FloatingPointError(
                    f"training diverged: the minibatch ELBO is {value} at epoch {epoch}, step {step}; "
                    "try a smaller vae.train.lr"
                )
            optimiser.zero_grad(set_to_none=True)
            (-elbo).backward()
            optimiser.step()
            total += value * len(batch)
            if on_step is not None:
                on_step(value)
        seconds = time.perf_counter() - start
        record = Epoch(epoch, total / n, mean_elbo(model, x_test, eval_generator), seconds)
        if not math.isfinite(record.test_elbo):
            raise FloatingPointError(
                f"training diverged: the test ELBO is {record.test_elbo} after epoch {epoch}"
            )
        history.append(record)
        if on_epoch is not None:
            on_epoch(record)
    return history
