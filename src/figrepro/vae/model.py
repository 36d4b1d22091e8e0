"""The VAE of Kingma & Welling (2013), appendix C, and its Monte Carlo ELBO.

Encoder: 784 -> hidden (tanh) -> [mu, log sigma^2] of q(z|x). Decoder: 2 -> hidden (tanh) ->
784 Bernoulli logits of p(x|z). Prior p(z) = N(0, I). Asked for some pixels only (the top half of a
digit), the decoder's last layer computes only their logits: half the work of the SVI on a top half.
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import Tensor, nn
from torch.nn.functional import linear

from figrepro.torch_runtime import load_weights, save_weights
from figrepro.vae.densities import (
    bernoulli_log_density,
    gaussian_log_density,
    gaussian_sample,
    standard_normal_log_density,
)
from figrepro.vae.mnist import PIXELS

LATENT = 2  # the assignment fixes Dz = 2 so that the latent space can be drawn and integrated
ALL_PIXELS = slice(None)

#: which pixels of an image: a slice (a view of the last layer's rows, no copy) or an index tensor
Pixels = slice | Tensor


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

    def decode(self, z: Tensor, pixels: Pixels = ALL_PIXELS) -> Tensor:
        """Logits of the Bernoulli p(x|z); with ``pixels``, only those pixels' logits.

        A subset runs the last layer on those rows of its weight and bias only: the dot products of
        ``decode(z)[..., pixels]`` (the same bits with MKL on this CPU; float32 rounding apart in
        general) at a fraction of the cost. All pixels: the decoder itself, as before subsets.
        """
        if _is_all(pixels):
            return self.decoder(z)
        first, activation, last = self.decoder
        return linear(activation(first(z)), last.weight[pixels], last.bias[pixels])

    def log_joint(self, x: Tensor, z: Tensor, pixels: Pixels = ALL_PIXELS) -> Tensor:
        """log p(x|z) + log p(z); x and z broadcast over leading axes.

        With ``pixels`` the likelihood covers only those pixels and ``x`` holds only them (the top
        half of a digit, say): the model's p(x_part|z) is the product over the part's pixels, and
        only their logits are decoded.
        """
        return bernoulli_log_density(x, self.decode(z, pixels)) + standard_normal_log_density(z)

    def elbo(self, x: Tensor, generator: torch.Generator | None = None) -> Tensor:
        """One-sample ELBO per image: log p(x|z) + log p(z) - log q(z|x) at z = mu + sigma*eps."""
        mu, log_var = self.encode(x)
        z = gaussian_sample(mu, log_var, generator)
        return self.log_joint(x, z) - gaussian_log_density(z, mu, log_var)


def _is_all(pixels: Pixels) -> bool:
    """Whether ``pixels`` is the whole image, ``[:]`` (a tensor never counts: it may repeat or reorder)."""
    return isinstance(pixels, slice) and pixels == ALL_PIXELS


def save_model(model: VAE, path: str | Path) -> None:
    """The weights and the shape of the network, written atomically."""
    save_weights(path, model, hidden=model.hidden, pixels=model.pixels)


def load_model(path: str | Path) -> VAE:
    """A trained VAE on the CPU, in evaluation mode."""
    saved = load_weights(path)
    model = VAE(hidden=saved["hidden"], pixels=saved["pixels"])
    model.load_state_dict(saved["state"])
    return model.eval().requires_grad_(False)
