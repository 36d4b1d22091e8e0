"""The lab's inference networks and their training by the reparameterized ELBO.

Two one-hidden-layer tanh networks read the L x N readings as one vector and give the mean and
the log of the diagonal covariance of q(z|X). Each step draws ``samples`` z = mu + sd * eps,
eps ~ Norm(0, I) with one value per coordinate (the lab shares one draw between both), and
ascends

    ELBO = mean over z of log p(X|z) - KL(q(z|X) || Norm(0, I))      (the KL in closed form).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import Tensor, nn

from figrepro.localization.model import SensorModel
from figrepro.torch_runtime import load_weights, save_weights


class PosteriorMoments(nn.Module):
    """X (flattened) -> (mean, log variance) of q(z|X), one tanh network for each."""

    def __init__(self, n_inputs: int, hidden: int, z_dim: int = 2) -> None:
        super().__init__()
        self.n_inputs, self.hidden = n_inputs, hidden
        self.mean = nn.Sequential(nn.Linear(n_inputs, hidden), nn.Tanh(), nn.Linear(hidden, z_dim))
        self.log_var = nn.Sequential(nn.Linear(n_inputs, hidden), nn.Tanh(), nn.Linear(hidden, z_dim))

    def forward(self, x: Tensor) -> tuple[Tensor, Tensor]:
        return self.mean(x), self.log_var(x)


def new_network(n_inputs: int, hidden: int, seed: int) -> PosteriorMoments:
    """torch's default initialisation, drawn from a generator seeded with ``seed``."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return PosteriorMoments(n_inputs, hidden)


@dataclass(frozen=True)
class Schedule:
    steps: int
    lr: float
    final_lr: float
    samples: int

    @classmethod
    def from_config(cls, train: Mapping[str, Any]) -> Schedule:
        """The schedule ``train.settings`` names (tuned or lab)."""
        chosen = train[train["settings"]]
        return cls(
            int(chosen["steps"]), float(chosen["lr"]), float(chosen["final_lr"]), int(chosen["samples"])
        )

    def lr_factor(self, step: int) -> float:
        """Step size at ``step`` over lr: geometric from 1 to final_lr / lr (1 throughout if equal)."""
        return (self.final_lr / self.lr) ** (step / max(self.steps - 1, 1))


class ELBO:
    """The ELBO of q(z|X) for fixed readings, in torch (float32 like the lab, constants included)."""

    def __init__(self, model: SensorModel, readings: np.ndarray) -> None:
        self.model = model
        self.x = torch.as_tensor(np.asarray(readings, np.float32))
        self.inputs = self.x.reshape(1, -1)
        self.sensors = torch.as_tensor(model.sensors, dtype=torch.float32)
        self.constant = -0.5 * self.x.numel() * float(np.log(2 * np.pi * model.noise_variance))

    def log_likelihood(self, z: Tensor) -> Tensor:
        """log p(X|z) for z (S, 2) -> (S,)."""
        means = -self.model.attenuation * torch.log(((z[:, None, :] - self.sensors) ** 2).sum(-1))  # (S, L)
        sq = ((self.x[None] - means[..., None]) ** 2).sum((1, 2))
        return -0.5 * sq / self.model.noise_variance + self.constant

    def terms(self, net: PosteriorMoments, samples: int, generator: torch.Generator) -> tuple[Tensor, Tensor]:
        """(mean log p(X|z) over ``samples`` reparameterized z, KL(q || Norm(0, I)))."""
        mean, log_var = (t[0] for t in net(self.inputs))
        eps = torch.randn((samples, mean.numel()), generator=generator)
        z = mean + torch.exp(0.5 * log_var) * eps
        kl = 0.5 * torch.sum(torch.exp(log_var) + mean**2 - 1.0 - log_var)
        return self.log_likelihood(z).mean(), kl


def train(
    net: PosteriorMoments,
    elbo: ELBO,
    schedule: Schedule,
    generator: torch.Generator,
    progress: Callable[[int, float, float, float], None] | None = None,
) -> dict[str, np.ndarray]:
    """Adam on -ELBO; the per-step estimates of the ELBO, log p(X|z) and the KL.

    A non-finite ELBO stops training with FloatingPointError naming the step.
    """
    optimiser = torch.optim.Adam(net.parameters(), lr=schedule.lr)
    stepper = torch.optim.lr_scheduler.LambdaLR(optimiser, schedule.lr_factor)
    history = np.empty((schedule.steps, 3))
    for step in range(schedule.steps):
        optimiser.zero_grad()
        log_lik, kl = elbo.terms(net, schedule.samples, generator)
        value = log_lik - kl
        if not torch.isfinite(value):
            raise FloatingPointError(
                f"localization training: the ELBO became {value.item()} at step {step}; "
                "try a smaller localization.train step size (lr)"
            )
        (-value).backward()
        optimiser.step()
        stepper.step()
        history[step] = value.item(), log_lik.item(), kl.item()
        if progress is not None:
            progress(step, *history[step])
    elbo_, log_lik_, kl_ = history.T
    return {"step": np.arange(schedule.steps), "elbo": elbo_, "log_lik": log_lik_, "kl": kl_}


def q_moments(net: PosteriorMoments, elbo: ELBO) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard deviation of q(z|X) for the readings, in float64."""
    with torch.no_grad():
        mean, log_var = (t[0].double() for t in net(elbo.inputs))
    return mean.numpy(), torch.exp(0.5 * log_var).numpy()


def save_network(net: PosteriorMoments, path: str | Path) -> None:
    save_weights(path, net, n_inputs=net.n_inputs, hidden=net.hidden)


def load_network(path: str | Path) -> PosteriorMoments:
    saved = load_weights(path)
    net = PosteriorMoments(saved["n_inputs"], saved["hidden"])
    net.load_state_dict(saved["state"])
    return net.eval().requires_grad_(False)
