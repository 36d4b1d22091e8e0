"""The VAE of Kingma & Welling (2013), appendix C, and its Monte Carlo ELBO.

Encoder: 784 -> hidden (tanh) -> [mu, log sigma^2] of q(z|x). Decoder: 2 -> hidden (tanh) ->
784 Bernoulli logits of p(x|z). Prior p(z) = N(0, I).
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import Tensor, nn

from figrepro.torch_runtime import load_weights, save_weights
from figrepro.vae.densities import (
    bernoulli_log_density,
    gaussian_log_density,
    gaussian_sample,
    standard_normal_log_density,
)
from figrepro.vae.mnist import PIXELS

LATENT = 2  # the assignment fixes Dz = 2 so that the latent space can be drawn and integrated


class VAE(nn.Module):
    def __init__(self, hidden: int = 500, pixels: int = PIXELS, latent: int = LATENT) -> None:
        super().__init__()
        self.hidden, self.pixels, self.latent = hidden, pixels, latent
        self.encoder = nn.Sequential(nn.Linear(pixels, hidden), nn.Tanh(), nn.Linear(hidden, 2 * latent))
        self.decoder = nn.Sequential(nn.Linear(latent, hidden), nn.Tanh(), nn.Linear(hidden, pixels))

    def encode(self, x: Tensor) -> tuple[Tensor, Tensor]:
        """Mean and log-variance of q(z|x)."""
        out = self.encoder(x)
        return out[..., : self.latent], out[..., self.latent :]

    def decode(self, z: Tensor) -> Tensor:
        """Logits of the Bernoulli p(x|z)."""
        return self.decoder(z)

    def log_joint(self, x: Tensor, z: Tensor, pixels: slice = slice(None)) -> Tensor:
        """log p(x|z) + log p(z); x and z broadcast over leading axes.

        With ``pixels`` the likelihood covers only those pixels and ``x`` holds only them (the top
        half of a digit, say): the model's p(x_part|z) is the product over the part's pixels.
        """
        return bernoulli_log_density(x, self.decode(z)[..., pixels]) + standard_normal_log_density(z)

    def elbo(self, x: Tensor, generator: torch.Generator | None = None) -> Tensor:
        """One-sample ELBO per image: log p(x|z) + log p(z) - log q(z|x) at z = mu + sigma*eps."""
        mu, log_var = self.encode(x)
        z = gaussian_sample(mu, log_var, generator)
        return self.log_joint(x, z) - gaussian_log_density(z, mu, log_var)


def save_model(model: VAE, path: str | Path) -> None:
    """The weights and the shape of the network, written atomically."""
    save_weights(path, model, hidden=model.hidden, pixels=model.pixels)


def load_model(path: str | Path) -> VAE:
    """A trained VAE on the CPU, in evaluation mode."""
    saved = load_weights(path)
    model = VAE(hidden=saved["hidden"], pixels=saved["pixels"])
    model.load_state_dict(saved["state"])
    return model.eval().requires_grad_(False)
