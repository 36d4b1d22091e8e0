"""Training the VAE: Adam on minibatches of the Monte Carlo ELBO, with a per-epoch history."""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from torch import Tensor

from figrepro.io import atomic_path
from figrepro.vae.densities import bernoulli_sample
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


class Checkpoints:
    """The training's whole state (model, Adam, random generators, history), saved every ``every``
    epochs to ``path``, outside the job's outputs: a killed run resumes from the last one and ends
    bit for bit where an uninterrupted run ends. A checkpoint of other settings (``fingerprint``
    differs) or one that cannot be read is ignored, with a line in the log."""

    def __init__(
        self, path: str | os.PathLike[str], fingerprint: str, every: int, log: Callable[[str], None]
    ) -> None:
        self.path, self.fingerprint, self.every, self.log = Path(path), fingerprint, every, log

    def restore(
        self, model: VAE, optimiser: torch.optim.Optimizer, generators: Sequence[torch.Generator]
    ) -> tuple[int, list[Epoch], float]:
        """Load the last checkpoint into the arguments: (its epoch, the history so far, seconds spent);
        (0, [], 0.0) where there is none to resume from."""
        if not self.path.is_file():
            return 0, [], 0.0
        try:
            saved = torch.load(self.path, map_location="cpu", weights_only=True)
            if saved["fingerprint"] != self.fingerprint:
                self.log(f"ignoring checkpoint {self.path}: it was made with other settings or data")
                return 0, [], 0.0
            model.load_state_dict(saved["model"])
            optimiser.load_state_dict(saved["optimiser"])
            for generator, state in zip(generators, saved["generators"], strict=True):
                generator.set_state(state)
        except Exception as err:  # a torn or foreign file: start afresh rather than fail
            self.log(f"ignoring checkpoint {self.path}: unreadable ({type(err).__name__}: {err})")
            return 0, [], 0.0
        self.log(f"resuming from checkpoint {self.path} after epoch {saved['epoch']}")
        return saved["epoch"], [Epoch(**row) for row in saved["history"]], saved["seconds"]

    def save(
        self,
        epoch: int,
        model: VAE,
        optimiser: torch.optim.Optimizer,
        generators: Sequence[torch.Generator],
        history: list[Epoch],
        seconds: float,
    ) -> None:
        state = {
            "fingerprint": self.fingerprint,
            "epoch": epoch,
            "model": model.state_dict(),
            "optimiser": optimiser.state_dict(),
            "generators": [g.get_state() for g in generators],
            "history": [e.as_dict() for e in history],
            "seconds": seconds,
        }
        with atomic_path(self.path) as tmp:
            torch.save(state, tmp)

    def remove(self) -> None:
        """After the training's outputs are written: nothing is left to resume."""
        self.path.unlink(missing_ok=True)


def mean_elbo(model: VAE, x: Tensor, generator: torch.Generator, batch: int = 10_000) -> float:
    """Mean one-sample ELBO over the images ``x``, without gradients."""
    with torch.no_grad():
        total = sum(float(model.elbo(x[i : i + batch], generator).sum()) for i in range(0, len(x), batch))
    return total / len(x)


def epoch_lr(lr: float, final_lr: float | None, epoch: int, epochs: int) -> float:
    """The step size of ``epoch`` (1-based): geometric from ``lr`` to ``final_lr`` over the epochs."""
    if final_lr is None or epochs == 1:
        return lr
    return lr * (final_lr / lr) ** ((epoch - 1) / (epochs - 1))


def train(
    model: VAE,
    x_train: Tensor,
    x_test: Tensor,
    *,
    epochs: int,
    batch_size: int,
    lr: float,
    final_lr: float | None = None,
    resample: bool = False,
    generator: torch.Generator,
    eval_generator: torch.Generator,
    on_step: Callable[[float], None] | None = None,
    on_epoch: Callable[[Epoch], None] | None = None,
    checkpoints: Checkpoints | None = None,
) -> list[Epoch]:
    """Maximise the mean minibatch ELBO; stop with ``FloatingPointError`` at a non-finite one.

    Minibatches are a fresh permutation of the training set each epoch (the last one may be
    smaller); ``x_train`` and ``x_test`` are float tensors on the model's device. The step size
    falls geometrically from ``lr`` in the first epoch to ``final_lr`` in the last (constant
    without it). With ``checkpoints``, training resumes from the last one and saves one every
    few epochs. With ``resample``, ``x_train`` holds grey levels in [0, 1] and every minibatch is
    a fresh binary draw of them, pixel ~ Bernoulli(grey) (dynamic binarization).
    """
    # fused Adam: one kernel over all parameters, about 3x cheaper per step than the loop on a CPU
    optimiser = torch.optim.Adam(model.parameters(), lr=lr, fused=True)
    n = len(x_train)
    generators = (generator, eval_generator)
    done, history, spent = checkpoints.restore(model, optimiser, generators) if checkpoints else (0, [], 0.0)
    start = time.perf_counter() - spent
    for epoch in range(done + 1, epochs + 1):
        for group in optimiser.param_groups:
            group["lr"] = epoch_lr(lr, final_lr, epoch, epochs)
        order = torch.randperm(n, generator=generator).to(x_train.device)
        total = 0.0
        for step, first in enumerate(range(0, n, batch_size), 1):
            batch = x_train[order[first : first + batch_size]]
            if resample:
                batch = bernoulli_sample(batch, generator)
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
        if checkpoints and epoch % checkpoints.every == 0 and epoch < epochs:
            checkpoints.save(epoch, model, optimiser, generators, history, time.perf_counter() - start)
    return history
